"""Header fields on hand-labelled first pages (tests/data/headers/cases.json): number, date, issuer."""

from __future__ import annotations

import json

import pytest

import ingest
from extractors.header import extract_header
from tests.conftest import DATA

CASES = json.loads((DATA / "headers" / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_header(case, tmp_path):
    p = tmp_path / f"{case['id']}.txt"
    p.write_text("\n".join(case["lines"]) + "\n", encoding="utf-8")
    h = extract_header(ingest.read_document(p).lines())
    assert (h.number, h.date, h.issuer) == (case["number"], case["date"], case["issuer"])
    if h.issuer:
        assert h.issuer_raw and all(line in case["lines"] for line in h.issuer_raw.split("\n"))
