"""Independent labels: samples/labelled/ID.truth.json states what each document says (written by
the corpus author, not by tieuchi). Every input kind of a document must reproduce it field by field."""

import json

import pytest

from tests.conftest import SAMPLES
from tieuchi import process_file

LABELLED = SAMPLES / "labelled"
GENERATED = SAMPLES / "generated"
TRUTHS = sorted(LABELLED.glob("*.truth.json")) + sorted(GENERATED.glob("*.truth.json"))
KINDS = ("pdf", "txt", "tcvn3.pdf", "vni.pdf")
CASES = [(t, kind) for t in TRUTHS for kind in KINDS if t.with_name(t.name.replace(".truth.json", f".{kind}")).exists()]


def _truth(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _check(rec, truth, kind, only=None):
    crit = {c["code"]: c for c in truth["criteria"] if only is None or c["code"] in only}
    got = {c.code: c for c in rec.criteria}
    assert set(crit) <= set(got), f"missing criteria {sorted(set(crit) - set(got))}"
    if only is None:
        assert set(got) == set(crit), f"extra criteria {sorted(set(got) - set(crit))}"
    for code, t in crit.items():
        c = got[code]
        tv = t["target"]["value"] if t["target"] else None
        assert (c.target.value if c.target else None) == tv, f"{code} target"
        assert c.numerator == t["numerator"], f"{code} numerator"
        assert c.denominator == t["denominator"], f"{code} denominator"
        if t["reported_percent"] is None:
            assert c.reported_percent is None, f"{code} percent"
        else:
            assert c.reported_percent == pytest.approx(t["reported_percent"], abs=0.01), f"{code} percent"
        assert c.reported_verdict == t["reported_verdict"], f"{code} verdict"
        if kind in ("pdf", "scan.pdf", "tcvn3.pdf", "vni.pdf"):
            assert c.page == t["page"], f"{code} page"
    if only is None:
        planted = {(p["check"], p["code"]) for p in truth["planted"]}
        found = {(f.check, f.code) for f in rec.findings}
        assert found == planted
        assert rec.document.number == truth["document"]["number"]
        assert rec.document.date == truth["document"]["date"]
        assert rec.document.issuer == truth["document"]["issuer"]
        assert rec.framework == truth["framework"]
        gt = {g["code"]: (g["reported_passed"], g["reported_total"]) for g in truth["groups"]}
        assert {g.code: (g.reported_passed, g.reported_total) for g in rec.groups if g.reported_passed is not None} == gt



@pytest.mark.parametrize("truth_path,kind", CASES, ids=lambda x: getattr(x, "name", x))
def test_text_inputs_match_labels(truth_path, kind, catalog):
    truth = _truth(truth_path)
    src = truth_path.with_name(truth["id"] + f".{kind}")
    rec = process_file(str(src), catalog=catalog)
    if kind in ("tcvn3.pdf", "vni.pdf"):  # a legacy-font text layer is decoded, not sent to OCR
        assert rec.page_sources == ["text-layer"] * truth["pages"]
    _check(rec, truth, kind)


@pytest.mark.ocr
def test_scan_matches_labels(catalog):
    """Real Tesseract on a 5-page 300 dpi scan (skewed, blurred, JPEG): the same labels as the text PDF."""
    truth = _truth(LABELLED / "a000_bim-son.truth.json")
    rec = process_file(str(LABELLED / "a000_bim-son.scan.pdf"), catalog=catalog)
    assert rec.page_sources == ["ocr"] * 5
    _check(rec, truth, "scan.pdf")


@pytest.mark.ocr
def test_png_page_one_header_and_tallies(catalog):
    """Page 1 alone (1-bit PNG): header and the claimed tallies are on it."""
    truth = _truth(LABELLED / "a000_bim-son.truth.json")
    rec = process_file(str(LABELLED / "a000_bim-son.png"), catalog=catalog)
    assert (rec.document.number, rec.document.date, rec.document.issuer) == (
        truth["document"]["number"], truth["document"]["date"], truth["document"]["issuer"])
    gt = {g["code"]: (g["reported_passed"], g["reported_total"]) for g in truth["groups"]}
    got = {g.code: (g.reported_passed, g.reported_total) for g in rec.groups if g.reported_passed is not None}
    assert got == gt
    assert (rec.summary.reported_passed, rec.summary.reported_total) == (
        truth["summary"]["reported_passed"], truth["summary"]["reported_total"])


@pytest.mark.ocr
@pytest.mark.parametrize("truth_path", sorted(GENERATED.glob("*.truth.json")), ids=lambda p: p.name)
def test_generated_scans_match_labels(truth_path, catalog):
    truth = _truth(truth_path)
    rec = process_file(str(truth_path.with_name(truth["id"] + ".scan.pdf")), catalog=catalog)
    _check(rec, truth, "scan.pdf")


@pytest.mark.parametrize("seed", [101, 102])
def test_generated_legacy_text_tables_match_labels(seed, tmp_path, catalog):
    """Table reports as legacy OCR text, freshly generated from seeds no test was written against:
    rows wrap above and below their number, and every field must still come out right."""
    import subprocess
    import sys

    script = SAMPLES / "make_samples.py"
    subprocess.run([sys.executable, str(script), "--seed", str(seed), "--out", str(tmp_path), "--docs", "kh100,qd176",
                    "--kinds", "txt"], check=True, capture_output=True, timeout=300)
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(truths) == 2
    for truth_path in truths:
        truth = _truth(truth_path)
        _check(process_file(str(truth_path.with_name(truth["id"] + ".txt")), catalog=catalog), truth, "txt")
