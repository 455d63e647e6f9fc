"""Review decisions in the store: applied and re-audited, kept across batch re-runs (same bytes,
new tool version, new catalog), and flagged — never applied in silence — when the run no longer
produces the value they were made on. Real batch runs, real SQLite."""

from __future__ import annotations

import csv
import io
import json

import pytest

from extractors import load_catalog
from tests.conftest import ROOT, SAMPLES
from tests.reviewapp import cli, copy_samples
from tieuchi.batch import run_batch
from tieuchi.pipeline import Options, process_file
from tieuchi.review.decisions import CorrectionError, apply_reviews, parse_correction, reviewed_records, snapshot
from tieuchi.store import Review, Store

WHO = "Nguyễn Văn Kiểm"


def _checks(rv, code=None):
    return sorted(fv.finding.check for fv in rv.findings if code is None or fv.finding.code == code)


def _decide(st: Store, path: str, code: str, field: str, decision: str, **kw) -> Review:
    doc = st.document(path)
    assert doc is not None
    return st.add_review(doc["sha256"], code, field, decision, WHO, path=path, **kw)


def _review_seed(st: Store, seed: str, bim: str) -> None:
    """What an auditor does on the seed report: the 3.4 fraction swapped back, 1.1's missing verdict dismissed,
    Bỉm Sơn's group 3 tally confirmed, the seed signed off."""
    _decide(st, seed, "3.4", "numerator", "corrected", old_value=15424, new_value=15378)
    _decide(st, seed, "3.4", "denominator", "corrected", old_value=15378, new_value=15424, comment="đảo tử/mẫu")
    _decide(st, seed, "1.1", "finding:verdict_missing", "dismissed", comment="kết luận ở dòng sau",
            old_value="báo cáo không ghi kết luận (Đạt / Chưa đạt / Vượt chỉ tiêu) của tiêu chí")
    _decide(st, bim, "3", "finding:group_tally_mismatch", "confirmed", old_value="nhóm 3: báo cáo ghi đạt 8/9, đếm được 7/9")


def _assert_reviewed(recs, seed: str, bim: str) -> None:
    by = {r.record.source: r for r in recs}
    s = by[seed]
    assert s.second_look == []
    [c34] = [c for c in s.record.criteria if c.code == "3.4"]
    assert (c34.numerator, c34.denominator, c34.computed_percent) == (15378, 15424, 99.7)
    assert _checks(s, "3.4") == []                       # percent_mismatch and ratio_exceeds_whole are gone
    assert _checks(s) == ["verdict_missing"]
    [vm] = [fv for fv in s.findings if fv.finding.check == "verdict_missing"]
    assert vm.decision is not None and vm.decision.decision == "dismissed" and vm.decision.reviewer == WHO
    i34 = [c.code for c in s.record.criteria].index("3.4")
    assert s.criterion_columns(i34)["review_status"] == "corrected"
    assert s.criterion_columns(i34)["reviewed_by"] == WHO
    assert s.criterion_columns([c.code for c in s.record.criteria].index("1.1"))["review_status"] == "confirmed"
    assert s.criterion_columns([c.code for c in s.record.criteria].index("2.1"))["review_status"] == "extracted"
    b = by[bim]
    [g3] = b.findings
    assert g3.decision is not None and g3.decision.decision == "confirmed" and b.second_look == []


@pytest.fixture()
def batch_store(tmp_path):
    seed, bim = copy_samples(tmp_path / "in", ["seed000_thanh-hoa.txt", "labelled/a000_bim-son.txt"])
    db = tmp_path / "r.sqlite"
    run_batch([str(tmp_path / "in")], db, Options(), jobs=1, progress=False)
    return db, str(seed), str(bim)


def test_decisions_survive_reruns_with_new_tool_version_and_catalog(batch_store, tmp_path, monkeypatch, catalog):
    db, seed, bim = batch_store
    with Store(db) as st:
        _review_seed(st, seed, bim)
        _assert_reviewed(reviewed_records(st, catalog), seed, bim)
        n_decisions = len(st.reviews())

    run_batch([str(tmp_path / "in")], db, Options(), jobs=1, progress=False, force=True)   # the same again
    monkeypatch.setattr("tieuchi.batch.__version__", "99.0-review-test")                   # a new tieuchi
    monkeypatch.setattr("tieuchi.pipeline.__version__", "99.0-review-test")
    res = run_batch([str(tmp_path / "in")], db, Options(), jobs=1, progress=False)
    assert res.read == 2 and res.skipped == 0
    # a new catalog (its 'about' line edited: another sha256, the same criteria)
    raw = json.loads((ROOT / "criteria_catalog.json").read_text(encoding="utf-8"))
    raw["about"] = (raw.get("about") or "") + " (edited for a test)"
    cat2 = tmp_path / "catalog2.json"
    cat2.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    res = run_batch([str(tmp_path / "in")], db, Options(catalog=str(cat2)), jobs=1, progress=False)
    assert res.read == 2
    with Store(db) as st:
        assert {d["tool_version"] for d in map(dict, st.conn.execute("SELECT tool_version FROM documents"))} == \
            {"99.0-review-test"}
        assert len(st.reviews()) == n_decisions                  # re-runs never touch the decisions
        _assert_reviewed(reviewed_records(st, load_catalog(cat2)), seed, bim)


def test_a_decision_the_new_run_no_longer_matches_is_flagged_not_applied(batch_store, tmp_path, catalog):
    """A catalog with one more criterion in group 3: Bỉm Sơn's tally finding now says 7/10, not the 7/9 the
    auditor confirmed; that decision waits for a second look, the others still apply."""
    db, seed, bim = batch_store
    with Store(db) as st:
        _review_seed(st, seed, bim)
    raw = json.loads((ROOT / "criteria_catalog.json").read_text(encoding="utf-8"))
    fw = next(f for f in raw["frameworks"] if f["id"] == "thanhhoa-huyen-2024")
    group3 = next(g for g in fw["groups"] if g["code"] == "3")
    group3["criteria"].append({"code": "3.10", "title": "Tỷ lệ cuộc họp trực tuyến có biên bản điện tử", "kind": "yes_no"})
    cat2 = tmp_path / "catalog_3_10.json"
    cat2.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    run_batch([str(tmp_path / "in")], db, Options(catalog=str(cat2)), jobs=1, progress=False)
    with Store(db) as st:
        by = {r.record.source: r for r in reviewed_records(st, load_catalog(cat2))}
    b = by[bim]
    [g3] = [fv for fv in b.findings if fv.finding.check == "group_tally_mismatch"]
    assert g3.finding.message == "nhóm 3: báo cáo ghi đạt 8/9, đếm được 7/10"
    assert g3.decision is None                                   # not applied in silence …
    [look] = b.second_look                                       # … but listed
    assert look.review.field == "finding:group_tally_mismatch" and look.current == g3.finding.message
    s = by[seed]                                                 # the seed's decisions still fit and apply
    assert s.second_look == [] and _checks(s, "3.4") == [] and s.signed_off is None


def test_changed_file_lists_its_old_decisions(batch_store, tmp_path):
    """The district re-issues its report with 3.4 fixed: other bytes, so the old decisions are not applied
    to it; batch says so and the store lists them for a second look."""
    db, seed, bim = batch_store
    with Store(db) as st:
        _review_seed(st, seed, bim)
    text = open(seed, encoding="utf-8").read()
    assert "15424/15378" in text
    with open(seed, "w", encoding="utf-8") as fh:
        fh.write(text.replace("15424/15378", "15378/15424"))
    r = cli("batch", str(tmp_path / "in"), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "3 quyết định duyệt được đưa ra trên bản cũ của 1 tệp đã thay đổi" in r.stderr
    with Store(db) as st:
        changed = st.changed_file_reviews()
        assert sorted((rv.code, rv.field) for rv, _ in changed) == [
            ("1.1", "finding:verdict_missing"), ("3.4", "denominator"), ("3.4", "numerator")]
        assert all(doc["path"] == seed and doc["sha256"] != rv.sha256 for rv, doc in changed)
        by = {x.record.source: x for x in reviewed_records(st, load_catalog())}
    s = by[seed]
    assert s.history == [] and s.criteria[[c.code for c in s.record.criteria].index("3.4")].status == "extracted"
    assert by[bim].findings[0].decision is not None             # the unchanged file keeps its decision


def test_export_carries_review_status(batch_store, tmp_path):
    db, seed, bim = batch_store
    with Store(db) as st:
        _review_seed(st, seed, bim)
    r = cli("export", "--db", str(db), "-f", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    [r34] = [x for x in rows if x["source"] == seed and x["code"] == "3.4"]
    assert (r34["numerator"], r34["denominator"], r34["review_status"], r34["reviewed_by"]) == \
        ("15378", "15424", "corrected", WHO)
    assert r34["findings"] == "" and "tử số 15424 → 15378" in r34["review_note"] and r34["reviewed_at"].startswith("20")
    [r11] = [x for x in rows if x["source"] == seed and x["code"] == "1.1"]
    assert r11["review_status"] == "confirmed" and r11["findings"] == "" and "bỏ qua verdict_missing" in r11["review_note"]
    assert {x["review_status"] for x in rows if x["code"] == "2.1"} == {"extracted"}
    r = cli("export", "--db", str(db), "-f", "csv", "--reviewed-only")
    only = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert sorted((x["source"], x["code"], x["review_status"]) for x in only) == [
        (seed, "1.1", "confirmed"), (seed, "3.4", "corrected")]   # Bỉm Sơn's group decision confirms no criterion
    r = cli("export", "--db", str(db), "-f", "jsonl", "--reviewed-only")
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [rec["source"] for rec in recs] == sorted([bim, seed])   # both have decisions
    [g3] = [f for rec in recs if rec["source"] == bim for f in rec["findings"]]
    assert g3["review"]["decision"] == "confirmed" and g3["review"]["by"] == WHO
    [c34] = [c for rec in recs if rec["source"] == seed for c in rec["criteria"] if c["code"] == "3.4"]
    assert c34["review"]["status"] == "corrected" and c34["review"]["extracted"] == {"numerator": 15424, "denominator": 15378}


def test_parse_correction_table(catalog):
    rec = process_file(str(SAMPLES / "seed000_thanh-hoa.txt"), catalog=catalog)
    fw = catalog.get(rec.framework)
    i = [c.code for c in rec.criteria].index("3.4")
    ok = [("numerator", "15.378", 15378), ("numerator", " 15378 ", 15378), ("numerator", 15378, 15378),
          ("denominator", "15 424", 15424), ("reported_percent", "99,7", 99.7), ("reported_percent", "99.7%", 99.7),
          ("reported_percent", 100, 100.0), ("reported_verdict", "chua_dat", "chua_dat"), ("reported_percent", "", None),
          ("target", ">= 90", {"op": ">=", "value": 90.0, "unit": "%"}), ("target", "≥85,5", {"op": ">=", "value": 85.5, "unit": "%"}),
          ("target", "95", {"op": ">=", "value": 95.0, "unit": "%"}),
          ("target", {"op": ">", "value": 80}, {"op": ">", "value": 80.0, "unit": "%"}),
          ("code", "3.4", "3.4")]
    for name, raw, want in ok:
        assert parse_correction(name, raw, rec, i, fw) == want, (name, raw)
    bad = [("numerator", "15,4"), ("numerator", "1e5"), ("numerator", True), ("numerator", -1), ("denominator", "12/15"),
           ("reported_percent", "nan"), ("reported_percent", "-5"), ("reported_percent", 1e9), ("reported_verdict", "Đạt"),
           ("target", "~ 5"), ("target", {"value": 5, "op": "!"}), ("target", {"x": 1}), ("code", ""), ("code", "3.4; drop"),
           ("code", "3.5"), ("code", "7.1"), ("title", "x"), ("numerator", [1])]
    for name, raw in bad:
        with pytest.raises(CorrectionError):
            parse_correction(name, raw, rec, i, fw)


def test_apply_rules(catalog):
    """Latest decision wins; 'cleared' ends one; a correction made on another value goes to second look."""
    rec = process_file(str(SAMPLES / "seed000_thanh-hoa.txt"), catalog=catalog)
    sha = rec.sha256

    def rv(i, code, field, decision, old=None, new=None):
        return Review(id=i, sha256=sha, path=rec.source, code=code, field=field, old_value=old, new_value=new,
                      decision=decision, comment=None, reviewer=WHO, time=1_700_000_000.0 + i)

    i34 = [c.code for c in rec.criteria].index("3.4")
    out = apply_reviews(rec, [rv(1, "3.4", "numerator", "corrected", 15424, 15000),
                              rv(2, "3.4", "numerator", "corrected", 15424, 15378)], catalog)
    assert out.record.criteria[i34].numerator == 15378 and rec.criteria[i34].numerator == 15424   # the stored record is untouched
    assert _checks(out, "3.4") == ["percent_mismatch"]           # 15378/15378 = 100 % ≠ 99,7 %: the audit re-ran
    out = apply_reviews(rec, [rv(1, "3.4", "numerator", "corrected", 15424, 15378), rv(2, "3.4", "numerator", "cleared")], catalog)
    assert out.record.criteria[i34].numerator == 15424 and out.second_look == [] and out.criteria[i34].status == "extracted"
    out = apply_reviews(rec, [rv(1, "3.4", "numerator", "corrected", 15400, 15378)], catalog)
    assert out.record.criteria[i34].numerator == 15424 and [s.review.id for s in out.second_look] == [1]
    out = apply_reviews(rec, [rv(1, "3.4", "reported_verdict", "corrected", "vuot", "chua_dat")], catalog)
    assert _checks(out, "3.4") == ["percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch"]
    group = next(g for g in out.record.groups if g.code == "3")
    assert group.counted_passed == next(g for g in rec.groups if g.code == "3").counted_passed - 1   # recounted
    out = apply_reviews(rec, [rv(1, "", "document", "reviewed", {c.code: snapshot(c) for c in rec.criteria})], catalog)
    assert out.signed_off is not None and {c.status for c in out.criteria} == {"confirmed"}
    stale = {c.code: snapshot(c) for c in rec.criteria}
    stale["3.4"] = {**stale["3.4"], "numerator": 1}
    out = apply_reviews(rec, [rv(1, "", "document", "reviewed", stale)], catalog)
    assert out.signed_off is None and "3.4" in out.second_look[0].reason
    out = apply_reviews(rec, [rv(1, "9.9", "numerator", "corrected", 1, 2)], catalog)
    assert "9.9" in out.second_look[0].reason
