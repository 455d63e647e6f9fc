"""tieuchi's version, in one place (stage 0: imports nothing; the wheel's version is read from here)."""

__version__ = "0.1.0"
