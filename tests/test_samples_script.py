"""samples/make_samples.py: deterministic output; committed truth files that fit the catalog and the contract.

This does not measure tieuchi's accuracy on the samples; it only checks the samples themselves.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "samples" / "make_samples.py"
GENERATED = ROOT / "samples" / "generated"

# the contract's check vocabulary (docs/record-contract.md, "The checks")
CHECKS = {"percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing", "criterion_missing",
          "group_tally_mismatch", "summary_tally_mismatch", "parts_sum_mismatch"}
VERDICTS = {"dat", "chua_dat", "vuot", None}
KINDS = {"pdf", "scan.pdf", "png", "txt", "tcvn3.pdf", "vni.pdf"}
TRUTHS = sorted(GENERATED.glob("*.truth.json"))


def _generate(out: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--seed", "11", "--out", str(out), "--docs", "qd176", "--kinds", "pdf,txt"],
                   check=True, capture_output=True, timeout=120)


def _pdf_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_script_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _generate(a)
    _generate(b)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert [n.split(".", 1)[1] for n in names] == ["pdf", "truth.json", "txt"]
    stem = names[0].split(".")[0]
    for suffix in (".truth.json", ".txt"):
        assert (a / f"{stem}{suffix}").read_bytes() == (b / f"{stem}{suffix}").read_bytes(), suffix
    text = _pdf_text(a / f"{stem}.pdf")
    assert text == _pdf_text(b / f"{stem}.pdf")
    assert "BÁO CÁO" in text[0] and "176/QĐ-UBND" in text[0]

    truth = json.loads((a / f"{stem}.truth.json").read_text(encoding="utf-8"))
    assert truth["id"] == stem and truth["inputs"] == ["pdf", "txt"] and truth["pages"] == len(text)
    txt = (a / f"{stem}.txt").read_text(encoding="utf-8")
    assert "\f" not in txt
    assert txt.startswith(" ") and not txt.startswith("  ")
    assert not re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưăĐ]", txt), "diacritics a legacy OCR can't produce"


def test_generated_folder_is_small():
    assert TRUTHS, "samples/generated has no truth files; run samples/make_samples.py"
    total = sum(p.stat().st_size for p in GENERATED.iterdir() if p.is_file())
    assert total < 4 * 1024 * 1024


def _decimals(x: float) -> int:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return len(s.split(".")[1]) if "." in s else 0


def _passes(op: str, tv: float, v: float) -> bool:
    return {">=": v >= tv - 1e-9, ">": v > tv + 1e-9, "<=": v <= tv + 1e-9, "<": v < tv - 1e-9, "=": abs(v - tv) <= 1e-9}[op]


def _fired(truth: dict, fw) -> set[tuple[str, str | None]]:
    """The contract's checks, re-derived from the truth values alone (parts sums are not in them)."""
    out: set[tuple[str, str | None]] = set()
    have = {c["code"]: c for c in truth["criteria"]}
    for c in truth["criteria"]:
        n, d, rp, v = c["numerator"], c["denominator"], c["reported_percent"], c["reported_verdict"]
        comp = n / d * 100 if n is not None and d else None
        consistent = None if comp is None or rp is None else abs(comp - rp) <= 0.5 * 10 ** -_decimals(rp) + 1e-9
        if n is not None and d is not None and n > d:
            out.add(("ratio_exceeds_whole", c["code"]))
        if consistent is False:
            out.add(("percent_mismatch", c["code"]))
        if v is None:
            out.add(("verdict_missing", c["code"]))
            continue
        target = c["target"] or (fw.by_code[c["code"]].target.model_dump() if fw.by_code[c["code"]].target else None)
        if target is None:
            continue
        if target["unit"] != "%":
            val = float(n) if n is not None else None
        else:
            val = rp if rp is not None and consistent is not False else comp
        if val is None:
            continue
        ok = _passes(target["op"], target["value"], val)
        if (v in ("dat", "vuot") and not ok) or (v == "chua_dat" and ok) or (v == "vuot" and abs(val - target["value"]) <= 1e-9):
            out.add(("verdict_mismatch", c["code"]))
    for crit in fw.criteria:
        if crit.code not in have:
            out.add(("criterion_missing", crit.code))
    passed = {g.code: sum(1 for c in g.criteria if c.code in have and have[c.code]["reported_verdict"] in ("dat", "vuot"))
              for g in fw.groups}
    sizes = {g.code: len(g.criteria) for g in fw.groups}
    for g in truth["groups"]:
        if g["reported_passed"] != passed[g["code"]] or g["reported_total"] != sizes[g["code"]]:
            out.add(("group_tally_mismatch", g["code"]))
    s = truth["summary"]
    if s and (s["reported_passed"] != sum(passed.values()) or s["reported_total"] != len(fw.criteria)):
        out.add(("summary_tally_mismatch", None))
    return out


@pytest.mark.parametrize("path", TRUTHS, ids=[p.name.split(".")[0] for p in TRUTHS])
def test_committed_truth_is_valid(path, catalog):
    truth = json.loads(path.read_text(encoding="utf-8"))
    stem = path.name[: -len(".truth.json")]
    assert truth["id"] == stem
    assert list(truth) == ["id", "framework", "layout", "inputs", "document", "criteria", "groups", "summary", "planted",
                           "visible", "pages", "scan", "split_criteria"]
    fw = catalog.get(truth["framework"])  # raises for an unknown framework
    assert truth["layout"] in ("narrative", "table")
    assert set(truth["inputs"]) <= KINDS
    for kind in truth["inputs"]:
        assert (GENERATED / f"{stem}.{kind}").is_file(), kind
    assert re.fullmatch(r"\d+/BC-UBND", truth["document"]["number"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", truth["document"]["date"])
    assert truth["document"]["issuer"].startswith("UBND ")
    pages = truth["pages"]
    assert 2 <= pages <= 5

    codes = [c["code"] for c in truth["criteria"]]
    assert len(codes) == len(set(codes))
    assert codes == [c.code for c in fw.criteria if c.code in set(codes)], "unknown codes, or not in catalog order"
    for c in truth["criteria"]:
        assert set(c) <= {"code", "target", "numerator", "denominator", "reported_percent", "reported_verdict", "page",
                          "page_end"}
        assert c["reported_verdict"] in VERDICTS
        assert 1 <= c["page"] <= c.get("page_end", c["page"]) <= pages
        if c["target"] is not None:
            assert set(c["target"]) == {"op", "value", "unit"}
    assert truth["split_criteria"] == [c["code"] for c in truth["criteria"] if "page_end" in c]
    assert [g["code"] for g in truth["groups"]] == [g.code for g in fw.groups]

    for p in truth["planted"]:
        assert set(p) == {"check", "code"}
        assert p["check"] in CHECKS
        if p["check"] == "summary_tally_mismatch":
            assert p["code"] is None
        elif p["check"] == "group_tally_mismatch":
            assert p["code"] in {g.code for g in fw.groups}
        elif p["check"] == "criterion_missing":
            assert p["code"] in fw.by_code and p["code"] not in codes
        else:
            assert p["code"] in codes
    planted = {(p["check"], p["code"]) for p in truth["planted"]}
    assert len(planted) == len(truth["planted"])
    assert _fired(truth, fw) == {f for f in planted if f[0] != "parts_sum_mismatch"}

    vis = truth["visible"]["png"]
    assert set(vis["criteria"]) | set(vis["partial"]) <= set(codes)
    assert set(vis["groups"]) <= {g.code for g in fw.groups}
    assert truth["scan"]["dpi"] == 200 and len(truth["scan"]["angles"]) == pages
    assert all(abs(a) <= 0.6 for a in truth["scan"]["angles"])
