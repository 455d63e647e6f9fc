"""What every part of the phrasing generator reads: the grammar, the specs, the places, and small number helpers."""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GRAMMAR = json.loads((HERE / "grammar.json").read_text(encoding="utf-8"))
SPECS = json.loads((HERE / "specs.json").read_text(encoding="utf-8"))["frameworks"]
PLACES = json.loads((HERE / "places.json").read_text(encoding="utf-8"))
CATALOG_DIR = ROOT / "tests" / "catalogs"
NOCATALOG = HERE / "nocatalog.json"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
EPS = 1e-9


def num_text(v: float, dec: int) -> str:
    return f"{v:.{dec}f}".replace(".", ",")


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep) if sep else str(n)


def passes(op: str, tv: float, v: float) -> bool:
    return {">=": v >= tv - EPS, ">": v > tv + EPS, "<=": v <= tv + EPS, "<": v < tv - EPS, "=": abs(v - tv) <= EPS}[op]


def pick(rng: random.Random, forms: list[dict]) -> dict:
    return rng.choice(forms)


def forms_of(rng: random.Random, forms: list[dict], k: int = 2) -> list[dict]:
    """The few forms of a class one document uses."""
    return rng.sample(forms, min(len(forms), rng.randint(1, k)))
