"""Text helpers shared by the plan readers: a line's text with its cells, deadlines, tidying."""

from __future__ import annotations

import regex

from ingest.models import Line

DEADLINE = regex.compile(r"\bQu[yýỳ]\s+(?P<q>[IVXl1|]{1,4}|[vV])(?![\w])")


def line_text(line: Line) -> str:
    return " | ".join(c.strip() for c in line.cells) if line.cells else line.text



def roman(n: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}.get(n, str(n))


def deadline_of(text: str) -> tuple[str | None, int | None]:
    """'Quy IV' / 'Quy Il' / 'Quy v' → ('Quý IV' | 'Quý II' | 'Quý IV', start)."""
    m = DEADLINE.search(text)
    if not m:
        return None, None
    q = m["q"]
    if "v" in q.lower():
        return "Quý IV", m.start()
    n = len(q)
    return (f"Quý {roman(n)}" if n <= 3 else None), m.start()




_CRUMBS = regex.compile(r"(?<=\s|^)(?:(?:[^\p{L}\d\s]{1,3}|\p{L})\s+){2,}(?=\S)")


def tidy(text: str) -> str:
    s = " ".join(text.split())
    s = " ".join(_CRUMBS.sub(" ", s + " ").split())  # ", , i", ") )", "L A e" between the columns
    s = regex.sub(r"^[\s|'‘’\",.;:)\-–]+", "", s)
    # trailing OCR crumbs: ", , i", "L A e", ") )", "‘"
    while True:
        t = regex.sub(r"(?:\s+(?:[^\s]|[^\p{L}\d\s]{1,3}))+\s*$", "", s)
        t = regex.sub(r"[\s|'‘’\",;:(\-–]+$", "", t)
        if t == s:
            break
        s = t
    return s

