"""``python -m tieuchi …`` is the ``tieuchi`` command."""

from tieuchi.cli import run

run()
