"""Golden pairs: samples/NAME.(txt|pdf) + samples/NAME.expected.json, compared field by field.

The seed report's expectations were reviewed by hand (see samples/README.md): all 23 criteria,
groups 2-5 (4/5, 9/9, 3/5, 2/3), overall 18/23, and the findings a careful reader agrees with:
3.4 states 15424/15378 = 99,7 % (ratio above the whole, and a percent that is really 15378/15424),
and 1.1 states no verdict at all.
"""

import json

import pytest

from tests.conftest import REGEN, SAMPLES
from tests.golden import golden_view
from tieuchi import process_file

GOLDEN_INPUTS = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".txt", ".pdf") and not p.name.endswith(".expected.json"))


def test_regenerate_flag_is_off():
    assert not REGEN, "TIEUCHI_REGEN_GOLDEN=1 rewrites goldens; review them and unset it"


def test_every_golden_input_has_its_expectation():
    assert GOLDEN_INPUTS, "no golden samples found"
    for p in GOLDEN_INPUTS:
        assert p.with_suffix(".expected.json").is_file(), f"missing golden {p.with_suffix('.expected.json').name}"


@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=lambda p: p.name)
def test_golden(path, catalog):
    got = golden_view(process_file(str(path), catalog=catalog))
    gold_path = path.with_suffix(".expected.json")
    if REGEN:
        gold_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(gold_path.read_text(encoding="utf-8"))
    assert got["framework"] == want["framework"]
    assert got["document"] == want["document"]
    assert got["pages"] == want["pages"]
    assert [c["code"] for c in got["criteria"]] == [c["code"] for c in want["criteria"]]
    for g, w in zip(got["criteria"], want["criteria"], strict=True):
        for field in w:
            assert g[field] == w[field], f"{path.name} {w['code']}.{field}: got {g[field]!r}, want {w[field]!r}"
    assert got["groups"] == want["groups"]
    assert got["summary"] == want["summary"]
    assert got["findings"] == want["findings"]


def test_seed_report_meets_the_foundation_issue(catalog):
    rec = process_file(str(SAMPLES / "seed000_thanh-hoa.txt"), catalog=catalog)
    assert rec.framework == "thanhhoa-huyen-2024"
    assert len(rec.criteria) == 23
    claims = {g.code: (g.reported_passed, g.reported_total) for g in rec.groups if g.reported_passed is not None}
    assert claims == {"2": (4, 5), "3": (9, 9), "4": (3, 5), "5": (2, 3)}
    assert (rec.summary.reported_passed, rec.summary.reported_total) == (18, 23)
    c34 = next(c for c in rec.criteria if c.code == "3.4")
    assert (c34.numerator, c34.denominator, c34.reported_percent, c34.reported_verdict) == (15424, 15378, 99.7, "vuot")
    checks = {(f.check, f.code) for f in rec.findings}
    assert {("percent_mismatch", "3.4"), ("ratio_exceeds_whole", "3.4")} <= checks
    pm = next(f for f in rec.findings if f.check == "percent_mismatch")
    assert pm.cause_kind == "swapped" and "15378/15424" in pm.message and "đảo" in pm.message
    c21 = next(c for c in rec.criteria if c.code == "2.1")
    assert (c21.numerator, c21.denominator, c21.reported_percent) == (12, 39, 30.77)
