"""Batch runs end to end: real files, real SQLite, real worker processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

import tieuchi.batch_cli  # noqa: F401 - registers `batch` and `export` on the CLI app
from tieuchi import __version__
from tieuchi.batch import discover, run_batch
from tieuchi.cli import main
from tieuchi.pipeline import Options
from tieuchi.report import write_report
from tieuchi.store import Store

DISTRICTS = ["Yên Định", "Thọ Xuân", "Hà Trung", "Nga Sơn", "Vĩnh Lộc", "Cẩm Thủy", "Ngọc Lặc", "Như Thanh"]


def report_text(district: str, n: int = 0, filler: int = 0) -> str:
    """A small narrative report; 3.4 always states a ratio above 100 % (two findings)."""
    a = 8000 + n
    lines = [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"HUYỆN {district.upper()} Độc lập - Tự do - Hạnh phúc",
        "",
        f"Số: {100 + n}/BC-UBND {district}, ngày 06 tháng 01 năm 2025",
        "",
        "BÁO CÁO",
        f"Kết quả chuyển đổi số trên địa bàn huyện {district} theo Bộ tiêu chí chuyển đổi số cấp huyện tỉnh Thanh Hóa",
        "",
        *(f"Trong năm, huyện đã triển khai nhiệm vụ chuyển đổi số, đợt {i} tập huấn kỹ năng số cho cán bộ." for i in range(filler)),
        "2. Hạ tầng số và An toàn thông tin mạng",
        f"2.3. Hộ gia đình được phủ mạng Internet băng rộng cáp quang (70%): {a}/10000 = {a / 100:.0f}% (Đạt)",
        "3. Chính quyền số",
        "3.4. Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ tiêu)",
        "3.6. Tỷ lệ hồ sơ và kết quả giải quyết thủ tục hành chính được số hóa (80%): 500/1000 = 50% (Chưa đạt)",
    ]
    return "\n".join(lines) + "\n"


def make_good(folder: Path, count: int = 3, filler: int = 0) -> list[Path]:
    out = []
    for i in range(count):
        p = folder / f"r{i:02d}.txt"
        p.write_text(report_text(DISTRICTS[i % len(DISTRICTS)], i, filler), encoding="utf-8")
        out.append(p)
    return out


def make_broken(folder: Path) -> dict[str, str]:
    """Broken inputs → a word their stored error must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "random.pdf").write_bytes(os.urandom(4096))
    return {"empty.txt": "empty", "junk.txt": "nhị phân", "random.pdf": "không phải tệp PDF"}


def cli(*args: str) -> int:
    return main(list(args))


def test_discover(tmp_path):
    make_good(tmp_path, 2)
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "scan.TIF").write_bytes(b"x")
    (sub / "notes.docx").write_bytes(b"x")
    (sub / "loop").symlink_to(tmp_path, target_is_directory=True)
    files, errors, notes = discover([str(tmp_path)])
    names = sorted(Path(f).name for f in files)
    assert names == ["r00.txt", "r01.txt", "scan.TIF"]
    assert not errors and any("vòng lặp liên kết" in n for n in notes)
    files, _, _ = discover([str(tmp_path)], glob="r0*")
    assert sorted(Path(f).name for f in files) == ["r00.txt", "r01.txt"]
    _, errors, _ = discover([str(tmp_path / "missing")])
    assert errors and "không có tệp hay thư mục này" in errors[0][1]


def test_unreadable_folder_is_recorded(tmp_path, monkeypatch):
    make_good(tmp_path, 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    real_scandir = os.scandir

    def scandir(path="."):  # root reads a mode-0 folder anyway: refuse it the way the kernel would
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    try:
        res = run_batch([str(tmp_path)], tmp_path / "r.sqlite", Options(), jobs=1, progress=False)
    finally:
        locked.chmod(0o755)
    assert (res.read, res.failed) == (2, 1)
    assert str(locked) in res.failures[0][0] and "không đọc được thư mục" in res.failures[0][1]


def test_batch_good_and_broken(tmp_path, capsys):
    inp = tmp_path / "in"
    inp.mkdir()
    good = make_good(inp, 3)
    broken = make_broken(inp / "bad")
    db = tmp_path / "r.sqlite"
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    rc = cli("batch", str(inp), "--db", str(db), "--jobs", "2", "--report", str(html), "--xlsx", str(xlsx))
    assert rc == 1
    stderr = capsys.readouterr().err
    assert "lỗi" in stderr and "phát hiện: percent_mismatch" in stderr

    con = sqlite3.connect(db)
    rows = {Path(p).name: (status, error, n) for p, status, error, n in con.execute(
        "SELECT path, status, error, (SELECT COUNT(*) FROM criteria c WHERE c.document_id = d.id) FROM documents d")}
    assert len(rows) == 6
    for p in good:
        status, error, n = rows[p.name]
        assert status in ("ok", "partial") and n == 3
    for name, word in broken.items():
        status, error, n = rows[name]
        assert status == "error" and word in error and n == 0
    # every good doc was read from its bytes, by this tool and catalog
    assert {r[0] for r in con.execute("SELECT DISTINCT tool_version FROM documents")} == {__version__}

    # outputs
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Tiêu chí", "Phát hiện"]
    ws = wb["Tiêu chí"]
    assert ws.max_row == 1 + 9 and ws.freeze_panes == "A2" and ws.auto_filter.ref
    pct_col = [c.value for c in ws[1]].index("% báo cáo") + 1
    assert ws.cell(row=2, column=pct_col).number_format == "0.0%"
    checks = {row[3].value for row in wb["Phát hiện"].iter_rows(min_row=2)}
    assert {"percent_mismatch", "ratio_exceeds_whole", "error:input"} <= checks
    text = html.read_text(encoding="utf-8")
    assert "Hà Trung" in text and "percent_mismatch" in text

    # second run: the good ones are skipped, the broken ones redone (and still fail)
    rc = cli("batch", str(inp), "--db", str(db), "--jobs", "1")
    assert rc == 1
    assert "bỏ qua (đã có)" in capsys.readouterr().err
    runs = {Path(p).name: r for p, r in con.execute("SELECT path, run_id FROM documents")}
    assert {runs[p.name] for p in good} == {1} and {runs[n] for n in broken} == {2}

    # --force redoes everything
    res = run_batch([str(inp)], db, Options(), jobs=1, force=True, progress=False)
    assert res.read == 6 and res.skipped == 0 and res.failed == 3
    assert res.findings["ratio_exceeds_whole"] == 3


def test_batch_all_good_exit_0_and_changed_file_redone(tmp_path):
    good = make_good(_mk(tmp_path / "in"), 3)
    db = tmp_path / "r.sqlite"
    assert cli("batch", str(tmp_path / "in"), "--db", str(db), "-j", "1") == 0
    good[1].write_text(report_text("Nga Sơn", 7), encoding="utf-8")
    res = run_batch([str(tmp_path / "in")], db, Options(), jobs=1, progress=False)
    assert (res.read, res.skipped, res.failed) == (1, 2, 0)
    with Store(db) as st:
        recs = {Path(r.source).name: r for r in st.records()}
    assert recs["r01.txt"].document.issuer == "UBND huyện Nga Sơn"


def _mk(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def test_export(tmp_path, capsys):
    make_good(_mk(tmp_path / "in"), 2)
    db = tmp_path / "r.sqlite"
    assert cli("batch", str(tmp_path / "in"), "--db", str(db), "-j", "1") == 0
    capsys.readouterr()
    assert cli("export", "--db", str(db), "--format", "jsonl") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["document"]["number"] == "100/BC-UBND"
    assert cli("export", "--db", str(db), "-f", "csv", "-o", str(tmp_path / "o.csv")) == 0
    assert (tmp_path / "o.csv").read_text(encoding="utf-8").startswith("\ufeffsource,")
    assert cli("export", "--db", str(db), "-f", "html", "-o", str(tmp_path / "o.html")) == 0
    assert cli("export", "--db", str(db), "-f", "xlsx", "-o", str(tmp_path / "o.xlsx")) == 0
    assert load_workbook(tmp_path / "o.xlsx")["Tiêu chí"].max_row == 7
    assert cli("export", "--db", str(db), "-f", "xlsx") == 2  # needs -o
    assert cli("export", "--db", str(tmp_path / "missing.sqlite")) == 2


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(v or "" for _, v in attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_report(tmp_path):
    inp = _mk(tmp_path / "in")
    make_good(inp, 3)
    make_broken(inp)
    (inp / "<img src=x onerror=alert(1)>&.txt").write_text(report_text("Thạch Thành", 9), encoding="utf-8")
    db = tmp_path / "r.sqlite"
    run_batch([str(inp)], db, Options(), jobs=1, progress=False)
    with Store(db) as st:
        recs = list(st.records())
    assert len(recs) == 7
    out = tmp_path / "report.html"
    size = write_report(recs, out)
    raw = out.read_text(encoding="utf-8")
    assert size == len(raw.encode("utf-8"))
    p = _Collect()
    p.feed(raw)
    p.close()
    text = "".join(p.text)
    assert p.tags.count("script") == 1 and "img" not in p.tags and p.tags.count("section") == 7
    for r in recs:
        assert r.source in text
    for name in ("percent_mismatch", "ratio_exceeds_whole"):
        assert name in text
    # three criteria of twenty-three prove no omission: the short reports are not accused of missing ones
    assert "criterion_missing" not in text
    for d in DISTRICTS[:3]:
        assert f"UBND huyện {d}" in text
    assert "<img src=x onerror=alert(1)>&" in text and "&lt;img src=x onerror=alert(1)&gt;&amp;" in raw  # escaped, shown as text
    assert "http://" not in raw and "https://" not in raw and "@import" not in raw
    assert 'id="checkfilter"' in raw and "Chưa đạt" in text and "Vượt" in text


# -- kill -9 ---------------------------------------------------------------------------

KILL_SCRIPT = ("import sys; import tieuchi.batch_cli; from tieuchi.cli import main; "
               "sys.exit(main(sys.argv[1:]))")


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_and_resume(tmp_path):
    inp = _mk(tmp_path / "in")
    make_good(inp, 30, filler=250)
    db = tmp_path / "r.sqlite"
    cmd = [sys.executable, "-c", KILL_SCRIPT, "batch", str(inp), "--db", str(db), "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while _count(db) < 3:
            assert proc.poll() is None, "the batch finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and its worker, at once
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(db)
    before = {p: (u, r) for p, u, r in con.execute("SELECT path, updated, run_id FROM documents")}
    assert 3 <= len(before) < 30
    con.close()

    rc = subprocess.run(cmd, capture_output=True, timeout=300).returncode
    assert rc == 0

    con = sqlite3.connect(db)
    paths = [r[0] for r in con.execute("SELECT path FROM documents")]
    assert len(paths) == 30 and len(set(paths)) == 30
    assert {Path(p).name for p in paths} == {f"r{i:02d}.txt" for i in range(30)}
    for doc_id, path, rj, status in con.execute("SELECT id, path, record_json, status FROM documents"):
        rec = json.loads(rj)
        assert status == "ok" and rec["source"] == path
        n_crit = con.execute("SELECT COUNT(*) FROM criteria WHERE document_id=?", (doc_id,)).fetchone()[0]
        n_find = con.execute("SELECT COUNT(*) FROM findings WHERE document_id=?", (doc_id,)).fetchone()[0]
        assert n_crit == len(rec["criteria"]) == 3
        assert n_find == len(rec["findings"])
    for p, (u, r) in before.items():
        assert con.execute("SELECT updated, run_id FROM documents WHERE path=?", (p,)).fetchone() == (u, r)
    # the killed run never finished; the second did
    runs = con.execute("SELECT id, finished FROM runs ORDER BY id").fetchall()
    assert runs[0][1] is None and runs[1][1] is not None
