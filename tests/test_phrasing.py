"""samples/phrasing: the generator's own invariants — its truth agrees with the text it wrote.

Nothing here measures tieuchi's accuracy; it checks the yardstick: every fraction, percent and
value the truth holds is in the document (text layer and legacy text), every code belongs to the
framework, and ``planted`` is exactly the set of checks the truth's own numbers make fire.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors import load_catalog  # noqa: E402
from extractors.catalog import Framework  # noqa: E402

gen = pytest.importorskip("samples.phrasing.gen")

CHECKS = {"percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing", "criterion_missing",
          "group_tally_mismatch", "summary_tally_mismatch", "parts_sum_mismatch"}
SEED = 4242
N = 20   # the recipe of 20 documents; only a few are rendered
# a bundled narrative, catalog-file reports (the 2025 commune set as table and narrative), an excerpt, a news item,
# a no-catalog report
PICK = {0, 3, 4, 5, 6, 11, 13, 15}


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("phrasing")
    gen.generate(SEED, out, N, ["pdf", "txt"], only=PICK)
    return out


def _truths(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.truth.json"))]


def _pdf_text(path: Path, cells: bool = False) -> str:
    """The text layer; with ``cells`` also every table cell's text on its own (a table line interleaves cells)."""
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            out.append(page.extract_text() or "")
            if cells:
                out += [" ".join(str(c or "").split()) for tb in page.extract_tables() for row in tb for c in row]
    return "\n".join(out)


def _digits_joined(text: str) -> str:
    """Lines joined, thousands separators ('15.424', '15 424') dropped: where a fraction can be searched."""
    flat = " ".join(text.split())
    return re.sub(r"(?<=\d)[. ](?=\d{3}(?!\d))", "", flat)


def _framework(truth: dict) -> Framework | None:
    if truth["doc_kind"] == "news":
        return None
    if truth["provisional"]:
        return load_catalog(gen.NOCATALOG).get(truth["withheld_framework"])
    cat = load_catalog(ROOT / truth["catalog"]) if truth["catalog"] else load_catalog()
    return cat.get(truth["framework"])


def _decimals(v: float) -> int:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return len(s.split(".")[1]) if "." in s else 0


def _passes(op: str, tv: float, v: float) -> bool:
    return {">=": v >= tv - 1e-9, ">": v > tv + 1e-9, "<=": v <= tv + 1e-9, "<": v < tv - 1e-9}[op]


def _fires(truth: dict, fw: Framework) -> set[tuple[str, str | None]]:
    """The contract's checks recomputed from the truth's numbers alone (corpus README conventions)."""
    out: set[tuple[str, str | None]] = set()
    for c in truth["criteria"]:
        n, d, p, t = c["numerator"], c["denominator"], c["reported_percent"], c["target"]
        consistent = True
        if n is not None and d and p is not None and (t is None or t["unit"] == "%"):
            consistent = abs(n / d * 100 - p) <= 0.5 * 10 ** (-_decimals(p)) + 1e-9
            if not consistent:
                out.add(("percent_mismatch", c["code"]))
        if n is not None and d is not None and n > d:
            out.add(("ratio_exceeds_whole", c["code"]))
        if c["reported_verdict"] is None:
            out.add(("verdict_missing", c["code"]))
        elif t is not None:
            if c["value"] is not None:
                v = c["value"]
            elif t["unit"] != "%":
                v = n
            else:
                v = p if p is not None and consistent else (n / d * 100 if n is not None and d else p)
            if v is not None:
                ok = _passes(t["op"], t["value"], v)
                at = abs(v - t["value"]) <= 1e-9
                r = c["reported_verdict"]
                if (r in ("dat", "vuot") and not ok) or (r == "chua_dat" and ok) or (r == "vuot" and at):
                    out.add(("verdict_mismatch", c["code"]))
        parts = c.get("parts")
        if parts and sum(parts["parts"]) != parts["whole"]:
            out.add(("parts_sum_mismatch", c["code"]))
    have = {c["code"] for c in truth["criteria"]}
    if truth["doc_kind"] == "report" and not truth["provisional"]:
        out |= {("criterion_missing", c.code) for c in fw.criteria if c.code not in have}
    passed = {c["code"]: c["reported_verdict"] in ("dat", "vuot") for c in truth["criteria"]}
    for g in truth["groups"]:
        grp = next(x for x in fw.groups if x.code == g["code"])
        codes = [c.code for c in grp.criteria]
        total = len(codes) if not truth["provisional"] else sum(1 for x in codes if x in have)
        if g["reported_passed"] != sum(passed.get(x, False) for x in codes) or g["reported_total"] != total:
            out.add(("group_tally_mismatch", g["code"]))
    s = truth["summary"]
    if s is not None:
        total = len(fw.criteria) if not truth["provisional"] else len(have)
        if s["reported_passed"] != sum(passed.values()) or s["reported_total"] != total:
            out.add(("summary_tally_mismatch", None))
    return out


def test_documents_written(split):
    truths = _truths(split)
    assert len(truths) == len(PICK)
    for t in truths:
        for kind in t["inputs"]:
            assert (split / f"{t['id']}.{kind}").stat().st_size > 500, (t["id"], kind)
    kinds = {(t["doc_kind"], t["provisional"], bool(t["catalog"])) for t in truths}
    assert ("report", False, False) in kinds and ("report", False, True) in kinds and ("report", True, False) in kinds
    assert {"excerpt", "news"} <= {t["doc_kind"] for t in truths}


def test_codes_belong_to_the_framework(split):
    for t in _truths(split):
        fw = _framework(t)
        if fw is None:
            assert t["criteria"] == [] and t["framework"] is None and t["planted"] == []
            continue
        codes = [c["code"] for c in t["criteria"]]
        assert len(codes) == len(set(codes))
        assert set(codes) <= set(fw.by_code), t["id"]
        for c in t["criteria"]:
            assert c["reported_verdict"] in ("dat", "chua_dat", "vuot", None)
            if c["value"] is not None:
                assert c["numerator"] is None and c["reported_percent"] is None
                assert c["value_unit"] == c["target"]["unit"] == fw.by_code[c["code"]].target.unit
        if t["provisional"]:
            assert t["framework"] is None and t["catalog"] is None


def _forms(v: float) -> set[str]:
    out = {f"{v:.{k}f}".replace(".", ",") for k in range(3) if abs(round(v, k) - v) < 1e-9}
    return out | ({f"{int(v):02d}"} if v == int(v) else set())


def _pct_forms(v: float) -> set[str]:
    """A percent as written: '84,6' or, with a dot decimal, '84.6'."""
    return _forms(v) | {f.replace(",", ".") for f in _forms(v)}


def _has_fraction(flat: str, n: int, d: int) -> bool:
    """'15424/15378', '15424 hồ sơ/15378 hồ sơ' (the noun on both sides) or '15424 trên (tổng số) 15378'."""
    return re.search(rf"(?<![\d,]){n}(?: [^\d/;()]{{1,40}})?/ ?{d}(?!,?\d)|(?<![\d,]){n} trên (?:tổng số )?{d}(?!,?\d)",
                     flat) is not None


def _has_tally(flat: str, p: int, n: int) -> bool:
    """'19/23', '19 trên 23', or labelled counts 'Tổng số tiêu chí: 23; số tiêu chí đạt: 19'."""
    return re.search(rf"(?<!\d)0?{p}/0?{n}(?!\d)|(?<!\d)0?{p} trên (?:tổng số )?0?{n}(?!\d)", flat) is not None or \
        re.search(rf"Tổng số [^:;.]{{1,20}}: 0?{n}; số [^:;.]{{1,20}} đạt: 0?{p}(?!\d)", flat) is not None


def test_numbers_are_in_the_text(split):
    """Every fraction, percent and value of the truth is in the result the generator wrote for the criterion, and
    that result is on the criterion's pages: word for word in the text layer, digit for digit in the legacy text
    (table lines interleave the cells' wrapped words, so words are compared as a multiset)."""
    import pdfplumber

    for t in _truths(split):
        with pdfplumber.open(str(split / f"{t['id']}.pdf")) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
        txt = (split / f"{t['id']}.txt").read_text(encoding="utf-8")
        txt_words = txt.split()
        for c in t["criteria"]:
            written = c.get("written")
            has_numbers = any(m.get(k) is not None for m in c.get("measures") or [c]
                              for k in ("numerator", "reported_percent", "value"))
            if not has_numbers:
                continue
            cells = c.get("written_cells")   # a table with Tử số / Mẫu số columns: the fraction's numbers in two cells
            assert written or cells, (t["id"], c["code"])
            written = written or ""
            flat = _digits_joined(written)
            for m in c.get("measures") or [c]:
                if m["numerator"] is not None:
                    assert _has_fraction(flat, m["numerator"], m["denominator"]) or \
                        [_digits_joined(x) for x in cells or []] == [str(m["numerator"]), str(m["denominator"])], \
                        (t["id"], c["code"], written, cells)
                if m["reported_percent"] is not None:
                    assert any(re.search(rf"(?<![\d,]){re.escape(f)} ?%", flat) for f in _pct_forms(m["reported_percent"])), \
                        (t["id"], c["code"], written)
                if m.get("value") is not None:
                    assert any(re.search(rf"(?<![\d,]){re.escape(f)}(?![\d,])", flat) for f in _forms(m["value"])), \
                        (t["id"], c["code"], written)
            if c["value"] is not None:
                assert c["value_unit"] in written
            on_pages = " ".join(pages[c["page"] - 1:c.get("page_end", c["page"])]).lower()
            for w in (written + " " + " ".join(cells or [])).lower().split():
                assert w in on_pages, (t["id"], c["code"], w)
            digits = [w for w in re.findall(r"[\d.,/]*\d", written + " " + " ".join(cells or []))]
            for d in digits:
                assert any(d in x for x in txt_words) or all(p in txt for p in re.split(r"[ /]", d)), (t["id"], c["code"], d)


def test_tallies_are_in_the_text(split):
    for t in _truths(split):
        flat = " ".join(_pdf_text(split / f"{t['id']}.pdf").split())
        for g in t["groups"] + ([t["summary"]] if t["summary"] else []):
            p, n = g["reported_passed"], g["reported_total"]
            assert _has_tally(flat, p, n), (t["id"], g)


def test_planted_is_exactly_what_fires(split):
    for t in _truths(split):
        fw = _framework(t)
        if fw is None:
            continue
        planted = {(p["check"], p["code"]) for p in t["planted"]}
        assert {c for c, _ in planted} <= CHECKS
        assert planted == _fires(t, fw), t["id"]


def test_generation_is_deterministic(tmp_path, split):
    gen.generate(SEED, tmp_path, N, ["txt"], only={4})
    (path,) = tmp_path.glob("*.truth.json")
    again = json.loads(path.read_text(encoding="utf-8"))
    first = json.loads((split / path.name).read_text(encoding="utf-8"))
    assert {k: v for k, v in again.items() if k != "inputs"} == {k: v for k, v in first.items() if k != "inputs"}
    assert (tmp_path / path.name.replace(".truth.json", ".txt")).read_bytes() == \
        (split / path.name.replace(".truth.json", ".txt")).read_bytes()


def test_catalog_files_load_and_vary():
    files = sorted((ROOT / "tests" / "catalogs").glob("*.json"))
    assert len(files) >= 2
    fws = [f for p in files for f in load_catalog(p).frameworks]
    crits = [c for f in fws for c in f.criteria]
    assert {c.kind for c in crits} >= {"ratio", "value", "count", "yes_no", "task"}
    assert {c.target.op for c in crits if c.target} >= {">=", ">", "<=", "<"}
    assert {c.target.unit for c in crits if c.target} - {"%"}
    assert any(all(c.code.isdigit() for c in f.criteria) for f in fws)
    bundled = {f.id for f in load_catalog().frameworks}
    assert not bundled & {f.id for f in fws}
    merged = load_catalog(gen.merged_catalog(Path(pytest.importorskip("tempfile").mkdtemp()) / "c.json"))
    assert {f.id for f in merged.frameworks} == bundled | {f.id for f in fws}


LABELLED = ROOT / "samples" / "phrasing" / "labelled"


def test_committed_labelled_set_is_consistent():
    """The committed labelled reports: planted is what their truth makes fire, their numbers are in their text."""
    truths = _truths(LABELLED)
    assert len(truths) >= 8
    for t in truths:
        fw = _framework(t)
        for kind in t["inputs"]:
            assert (LABELLED / f"{t['id']}.{kind}").is_file(), (t["id"], kind)
        if fw is not None:
            assert {(p["check"], p["code"]) for p in t["planted"]} == _fires(t, fw), t["id"]
    test_codes_belong_to_the_framework(LABELLED)
    test_numbers_are_in_the_text(LABELLED)
    test_tallies_are_in_the_text(LABELLED)
    layouts = {(t["framework"], t["layout"]) for t in truths}
    for fid in ("hungyen-xa-2024", "ninhbinh-huyen-2024"):
        assert {(fid, "narrative"), (fid, "table")} <= layouts
    assert any(t["provisional"] and t["layout"] == "narrative" for t in truths)
    assert any(t["provisional"] and t["layout"] == "table" for t in truths)
