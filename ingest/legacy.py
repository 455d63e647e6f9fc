"""Pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI): detection and decoding. (stub)"""

from __future__ import annotations


def looks_legacy(text: str) -> bool:
    return False


def decode_legacy(data: bytes) -> tuple[str, str]:
    raise NotImplementedError


def detect_legacy(text: str) -> str | None:
    return None


def convert_legacy_text(text: str, encoding: str) -> str:
    return text
