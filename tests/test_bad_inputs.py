"""Every file in tests/bad_inputs/ (made by make.py there) has its exact outcome: one line naming the
file and the problem and exit 1, or a valid result where that is the truth. Nothing crashes."""

import json

import pytest

from tests.conftest import ROOT
from tieuchi.cli import main

BAD = ROOT / "tests" / "bad_inputs"

OUTCOMES = {
    # file: (exit code, message fragment or None, number of criteria)
    "empty.pdf": (1, "tệp rỗng", 0),
    "truncated.pdf": (1, "tệp PDF hỏng", 0),
    # its objects are intact, only the "xref" keywords are garbled: PDFium rebuilds the table from
    # the objects, as poppler and every viewer do (pdfminer could not, and called it corrupt)
    "broken_xref.pdf": (0, None, 23),
    "encrypted_password_tieuchi.pdf": (1, "tệp PDF có mật khẩu; cho mật khẩu bằng --password", 0),
    "png_named.pdf": (1, "no criteria of any known framework found", 0),   # read as the image it is: blank
    "random_bytes.pdf": (1, "không phải tệp PDF (không có phần đầu %PDF)", 0),
    "huge_20000x20000.png": (1, "ảnh quá lớn", 0),
    "one_pixel.png": (1, "ảnh rỗng", 0),
    "blank_pages.pdf": (1, "no criteria of any known framework found", 0),
    "english_only.pdf": (1, "no criteria of any known framework found", 0),
    "binary_named.txt": (1, "nội dung nhị phân, không phải báo cáo dạng văn bản", 0),
    "report_utf16.txt": (0, None, 23),
    "report_cp1258.txt": (0, None, 23),
    "báo cáo số 1 (bản sao).txt": (0, None, 23),
    "-dash-leading.txt": (0, None, 23),
    "loop": (1, "là thư mục, không phải tệp", 0),
}


def test_every_bad_input_has_an_outcome():
    present = {p.name for p in BAD.iterdir() if p.name not in ("make.py", "__pycache__")}
    assert present == set(OUTCOMES)


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_outcome(name, capsys):
    code, fragment, n_criteria = OUTCOMES[name]
    path = str(BAD / name)
    assert main(["extract", "-f", "jsonl", "--", path]) == code
    cap = capsys.readouterr()
    lines = [ln for ln in cap.err.splitlines() if ln.strip()]
    if fragment is None:
        assert lines == []
    else:
        assert len(lines) == 1 and path in lines[0] and fragment in lines[0]
    [rec] = [json.loads(x) for x in cap.out.splitlines()]
    assert len(rec["criteria"]) == n_criteria
    assert rec["source"] == path


def test_encrypted_pdf_with_password(capsys):
    path = str(BAD / "encrypted_password_tieuchi.pdf")
    assert main(["extract", "-f", "jsonl", "--password", "tieuchi", path]) == 0
    assert len(json.loads(capsys.readouterr().out)["criteria"]) == 23
    assert main(["extract", "-f", "jsonl", "--password", "nope", path]) == 1
    assert "sai mật khẩu" in capsys.readouterr().err


def test_one_call_with_all_of_them_goes_on(capsys):
    paths = [str(BAD / n) for n in sorted(OUTCOMES)]
    assert main(["extract", "-f", "jsonl", "--", *paths]) == 1
    recs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["source"] for r in recs] == paths
    assert sum(len(r["criteria"]) == 23 for r in recs) == 5


def test_batch_over_the_corpus_stores_every_outcome(tmp_path, capsys):
    """The same hostile folder through `batch`: every file a row (error rows with their reason),
    the symlink loop noted and skipped, the good reports stored, exit 1."""
    import sqlite3

    db = tmp_path / "r.sqlite"
    code = main(["batch", str(BAD), "--db", str(db), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "vòng lặp liên kết" in err
    con = sqlite3.connect(db)
    rows = {r[0].rsplit("/", 1)[-1]: (r[1], r[2] or "") for r in con.execute("select path, status, error from documents")}
    files = {n for n in OUTCOMES if n != "loop"}
    assert set(rows) == files
    for name in files:
        want_code, fragment, n_criteria = OUTCOMES[name]
        status, error = rows[name]
        if n_criteria:
            assert status == "ok", name
        elif "no criteria" not in (fragment or ""):
            assert status == "error" and fragment in error, (name, status, error)


def test_whole_corpus_within_memory_and_time_limits(tmp_path):
    """The corpus in one process capped at 1 GiB of address space and a wall-clock limit:
    every file gets its record, nothing is killed, nothing hangs."""
    import resource
    import subprocess
    import sys

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    out = tmp_path / "out.jsonl"
    paths = [str(BAD / n) for n in sorted(OUTCOMES)]
    proc = subprocess.run([sys.executable, "-c", "import sys; from tieuchi.cli import main; sys.exit(main(sys.argv[1:]))",
                           "extract", "-f", "jsonl", "-o", str(out), "--page-timeout", "60", "--", *paths],
                          preexec_fn=cap, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "MemoryError" not in proc.stderr and "Traceback" not in proc.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in recs] == paths
