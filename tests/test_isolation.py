"""Nothing one input does can cost the others: an unexpected exception (a bug) inside OCR becomes
that document's error record, the other inputs are still read and written, the exit code is 1,
and the traceback is shown only with --debug.

Fault injection at the seam, as OCRmyPDF's tests do: the one function that runs tesseract is
patched to raise on page 2, and only the middle input (a two-page TIFF) has a page 2.
"""

import json

import pytest

from ingest import _exec
from tests.conftest import DATA, SAMPLES
from tieuchi.batch import run_batch
from tieuchi.cli import main
from tieuchi.pipeline import Options, process_file
from tieuchi.store import Store

S = DATA / "ocr"
GEN = SAMPLES / "generated"
FIRST, MIDDLE, LAST = GEN / "s01_qd176_muong-lat.png", S / "two_pages.tif", GEN / "s00_huyen_thuong-xuan.png"
SEED = SAMPLES / "seed000_thanh-hoa.txt"


def _crash_on_page_2(monkeypatch):
    real = _exec._run_tesseract

    def run(image_path, lang, timeout, config):
        if "page-2-" in image_path:
            raise ZeroDivisionError("injected fault")
        return real(image_path, lang, timeout, config)

    monkeypatch.setattr(_exec, "_run_tesseract", run)


def _check_others(recs):
    first, middle, last = recs
    assert [r["source"] for r in recs] == [str(FIRST), str(MIDDLE), str(LAST)]
    for rec, png in ((first, FIRST), (last, LAST)):  # page 1 of each, read as its truth file says
        truth = json.loads(png.with_name(png.name.replace(".png", ".truth.json")).read_text(encoding="utf-8"))
        want = {c["code"]: (c["numerator"], c["denominator"]) for c in truth["criteria"] if c["page"] == 1}
        assert rec["status"] == "ok" and rec["errors"] == []
        assert {c["code"]: (c["numerator"], c["denominator"]) for c in rec["criteria"]} == want
    assert middle["status"] == "error" and middle["criteria"] == []
    [e] = middle["errors"]
    assert e["kind"] == "internal" and e["page"] == 2
    assert e["message"].startswith(f"{MIDDLE} trang 2: lỗi nội bộ của tieuchi (ZeroDivisionError: injected fault)")
    assert "xin gửi tệp này cho nhóm phát triển tieuchi" in e["message"]
    return e["message"]


@pytest.mark.ocr
def test_middle_input_failing_inside_ocr_costs_nothing_else(monkeypatch, capsys):
    _crash_on_page_2(monkeypatch)
    code = main(["extract", str(FIRST), str(MIDDLE), str(LAST), "-f", "jsonl", "--jobs", "2"])
    cap = capsys.readouterr()
    assert code == 1
    recs = [json.loads(x) for x in cap.out.splitlines()]
    message = _check_others(recs)
    lines = [ln for ln in cap.err.splitlines() if ln.strip()]
    assert f"tieuchi: {message}" in lines
    assert all(str(MIDDLE) not in ln for ln in lines if ln != f"tieuchi: {message}")  # said once
    assert "Traceback" not in cap.err


@pytest.mark.ocr
def test_debug_prints_the_traceback(monkeypatch, capsys):
    _crash_on_page_2(monkeypatch)
    assert main(["extract", str(MIDDLE), str(SEED), "-f", "jsonl", "--jobs", "1", "--debug"]) == 1
    cap = capsys.readouterr()
    assert "Traceback" in cap.err and "ZeroDivisionError: injected fault" in cap.err
    recs = [json.loads(x) for x in cap.out.splitlines()]
    assert recs[0]["status"] == "error" and len(recs[1]["criteria"]) == 23


@pytest.mark.ocr
def test_batch_records_the_same_failure_and_the_others(monkeypatch, tmp_path):
    _crash_on_page_2(monkeypatch)  # the batch's worker processes are forked: they inherit the patch
    folder = tmp_path / "in"
    folder.mkdir()
    for p in (FIRST, MIDDLE, LAST):
        (folder / p.name).write_bytes(p.read_bytes())
    res = run_batch([str(folder)], tmp_path / "r.sqlite", Options(), jobs=1, progress=False)
    assert res.read == 3 and res.failed == 1
    [(path, reason)] = res.failures
    assert path.endswith("two_pages.tif") and reason.startswith(f"{path} trang 2: lỗi nội bộ của tieuchi (ZeroDivisionError")
    with Store(tmp_path / "r.sqlite") as st:
        recs = {r.source: r for r in st.records(res.paths)}
    assert recs[str(folder / FIRST.name)].status == "ok" and recs[str(folder / LAST.name)].criteria
    assert recs[path].errors[0].kind == "internal"


def test_an_unexpected_error_outside_ocr_is_the_documents_record(monkeypatch, catalog):
    """Any stage may have a bug: extraction raising is caught by the same guard (no page known)."""
    import tieuchi.pipeline as pipeline

    def broken(*a, **k):
        raise KeyError("boom")

    monkeypatch.setattr(pipeline, "extract", broken)
    rec = process_file(str(SEED), catalog=catalog)
    assert rec.status == "error" and rec.errors[0].kind == "internal" and rec.errors[0].page is None
    assert rec.errors[0].message.startswith(f"{SEED}: lỗi nội bộ của tieuchi (KeyError: 'boom'); xin gửi tệp này")
    assert "\n" not in rec.errors[0].message
