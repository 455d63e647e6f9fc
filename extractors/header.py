"""Header fields: số ký hiệu, date, issuer — read from the first page's top lines."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import regex
from rapidfuzz import fuzz

from extractors.record import DocumentHeader
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

_DATA = Path(__file__).resolve().parent / "data" / "places.json"

_NUMBER = regex.compile(r"(?:^|\s)s[^\s:;]{0,2}\s*[:;.]\s*(\d{1,5})\s*/\s*([a-z0-9đ]+(?:\s*-\s*[a-z0-9đ]+){0,3})")
_DATE = regex.compile(
    r"ng\S{1,3}\s*(\d{1,2})\s*th\S{2,4}?\s*([0-9;:|li]{1,2})\s*[,;]?\s*n\S{1,3}\s*(\d{4})"
)
_UNIT = regex.compile(r"\b(thanh\s*ph\w|thi\s*x\w|huy\w{1,2}n|tp)\b\.?\s+(\w+(?:\s+\w+)?)")


@lru_cache(maxsize=1)
def _places() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        data = json.load(fh)
    data["_units"] = [(t, n, match_key(n)) for t, n in data["units"]]
    return data


def _repair_type(token: str) -> str:
    rep = _places()["doc_type_repairs"]
    return "-".join(rep.get(t.upper(), t.upper()) for t in regex.split(r"\s*-\s*", token.strip()))


def find_number(lines: list[Line]) -> tuple[str | None, str | None]:
    for line in lines:
        m = _NUMBER.search(fold_chars(line.text))
        if m:
            raw = line.text[m.start(1):m.end(2)]
            suffix = line.text[m.start(2):m.end(2)]
            return f"{m[1]}/{_repair_type(suffix)}", raw
    return None, None


def find_date(lines: list[Line]) -> tuple[str | None, str | None]:
    for line in lines:
        m = _DATE.search(fold_chars(line.text))
        if not m:
            continue
        day, month_raw, year = int(m[1]), m[2], int(m[3])
        month_s = regex.sub(r"[;:|li]", "1", month_raw)
        if not month_s.isdigit():
            continue
        month = int(month_s)
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}", line.text[m.start():m.end()]
    return None, None


def _unit_type(token: str) -> str | None:
    t = token.replace(" ", "")
    if t.startswith("thanhph") or t == "tp":
        return "thành phố"
    if t.startswith("thix"):
        return "thị xã"
    if t.startswith("huy"):
        return "huyện"
    return None


def find_issuer(head: list[Line], body: list[Line]) -> tuple[str | None, str | None]:
    """Vote over the unit names the report mentions; the header counts most."""
    votes: Counter[tuple[str, str]] = Counter()
    raw_seen: dict[tuple[str, str], str] = {}
    units = _places()["_units"]
    for weight, lines in ((3, head), (1, body)):
        for line in lines:
            key = match_key(line.text)
            for m in _UNIT.finditer(key):
                typ = _unit_type(m[1])
                cand = m[2]
                best, best_score = None, 0.0
                for t, name, nkey in units:
                    s = fuzz.ratio(cand[: len(nkey) + 1].strip(), nkey)
                    s = max(s, fuzz.ratio(" ".join(cand.split()[:2]), nkey))
                    if s > best_score:
                        best, best_score = (t, name), s
                if best and best_score >= 75 and (typ is None or typ == best[0]):
                    votes[best] += weight
                    raw_seen.setdefault(best, line.text)
    head_votes = any(raw_seen.get(k) in [ln.text for ln in head] for k in votes)
    if not head_votes:
        for line in head[:4]:
            key = match_key(line.text)
            for name, nkey in _places()["bodies"]:
                if fuzz.partial_ratio(nkey, key) >= 85:
                    return name, line.text
    if not votes:
        return None, None
    (typ, name), _ = votes.most_common(1)[0]
    return f"UBND {typ} {name}", raw_seen[(typ, name)]


def extract_header(lines: list[Line]) -> DocumentHeader:
    first_page = [ln for ln in lines if ln.page == lines[0].page][:14] if lines else []
    number, number_raw = find_number(first_page)
    date, date_raw = find_date(first_page)
    issuer, issuer_raw = find_issuer(first_page[:6], lines)
    return DocumentHeader(number=number, date=date, issuer=issuer,
                          number_raw=number_raw, date_raw=date_raw, issuer_raw=issuer_raw)
