"""The SQLite results store: round trip, skip logic, one transaction per document."""

from __future__ import annotations

import sqlite3

import pytest

from extractors.record import ErrorItem, ReportRecord
from tieuchi import __version__, load_catalog, process_file
from tieuchi.store import Store, StoreError

REPORT = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN YÊN ĐỊNH Độc lập - Tự do - Hạnh phúc

Số: 12/BC-UBND Yên Định, ngày 06 tháng 01 năm 2025

BÁO CÁO
Kết quả chuyển đổi số trên địa bàn huyện Yên Định theo Bộ tiêu chí chuyển đổi số cấp huyện tỉnh Thanh Hóa

2. Hạ tầng số và An toàn thông tin mạng
2.3. Hộ gia đình được phủ mạng Internet băng rộng cáp quang (70%): 8000/10000 = 80% (Đạt)
3. Chính quyền số
3.3. Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận, giải quyết trực tuyến (90%): 900/1000 = 95% (Đạt)
3.4. Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ tiêu)
3.6. Tỷ lệ hồ sơ và kết quả giải quyết thủ tục hành chính được số hóa (80%): 500/1000 = 50% (Chưa đạt)
"""


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


@pytest.fixture
def record(tmp_path, catalog) -> ReportRecord:
    p = tmp_path / "yen-dinh.txt"
    p.write_text(REPORT, encoding="utf-8")
    rec = process_file(str(p), None, catalog)
    assert rec.status in ("ok", "partial") and len(rec.criteria) == 4 and rec.findings
    return rec


def _runs(st: Store) -> None:
    for _ in range(2):
        st.start_run(__version__, "", None)


def test_round_trip(tmp_path, record):
    db = tmp_path / "r.sqlite"
    with Store(db) as st:
        run = st.start_run(__version__, record.catalog_sha256, {"dirs": ["x"]})
        st.save(record, run)
        st.finish_run(run)
        back = list(st.records())
    assert back == [record]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT schema_version FROM meta").fetchone()[0] == 1
    doc = con.execute("SELECT path, status, number, issuer, pages, run_id FROM documents").fetchall()
    assert doc == [(record.source, record.status, "12/BC-UBND", "UBND huyện Yên Định", 1, run)]
    assert con.execute("SELECT COUNT(*) FROM criteria").fetchone()[0] == 4
    assert con.execute("SELECT reported_verdict FROM criteria WHERE code='3.6'").fetchone()[0] == "chua_dat"
    checks = {r[0] for r in con.execute("SELECT check_name FROM findings")}
    assert {"percent_mismatch", "ratio_exceeds_whole"} <= checks
    assert con.execute("SELECT COUNT(*) FROM groups").fetchone()[0] == len(record.groups)
    assert con.execute("SELECT finished FROM runs WHERE id=?", (run,)).fetchone()[0] is not None
    idx = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"documents_path", "documents_sha256", "findings_check", "criteria_code"} <= idx


def test_save_replaces_old_rows(tmp_path, record):
    with Store(tmp_path / "r.sqlite") as st:
        _runs(st)
        st.save(record, 1)
        smaller = record.model_copy(update={"criteria": record.criteria[:1], "findings": []})
        st.save(smaller, 2)
        assert st.count() == 1
        assert st.conn.execute("SELECT COUNT(*) FROM criteria").fetchone()[0] == 1
        assert st.conn.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == 0
        assert st.document(record.source)["run_id"] == 2


def test_is_done(tmp_path, record):
    v, cat = record.tool_version, record.catalog_sha256
    with Store(tmp_path / "r.sqlite") as st:
        _runs(st)
        assert not st.is_done(record.source, record.sha256, v, cat)
        st.save(record, 1)
        assert st.is_done(record.source, record.sha256, v, cat)
        assert not st.is_done(record.source, "0" * 64, v, cat)  # file changed
        assert not st.is_done(record.source, record.sha256, "9.9.9", cat)  # new tool version
        assert not st.is_done(record.source, record.sha256, v, "f" * 64)  # new catalog
        assert not st.is_done("/elsewhere.txt", record.sha256, v, cat)
        err = ReportRecord(source=record.source, sha256=record.sha256, status="error", tool_version=v,
                           catalog_sha256=cat, errors=[ErrorItem(kind="input", message="x: broken")])
        st.save(err, 2)
        assert not st.is_done(record.source, record.sha256, v, cat)  # errors are redone
        assert st.document(record.source)["error"] == "x: broken"


def test_failed_save_rolls_back(tmp_path, record):
    with Store(tmp_path / "r.sqlite") as st:
        _runs(st)
        st.save(record, 1)
        bad = record.model_copy(update={"criteria": [*record.criteria, None]})  # fails half-way through the inserts
        with pytest.raises(AttributeError):
            st.save(bad, 2)
        assert st.count() == 1
        assert st.document(record.source)["run_id"] == 1
        assert st.conn.execute("SELECT COUNT(*) FROM criteria").fetchone()[0] == 4


def test_not_a_database(tmp_path):
    p = tmp_path / "junk.sqlite"
    p.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError):
        Store(p)
