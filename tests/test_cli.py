"""The CLI in-process: formats, exit codes, and one-line messages for bad input."""

import json

import pytest

from tests.conftest import SAMPLES
from tieuchi.cli import main

SEED = str(SAMPLES / "seed000_thanh-hoa.txt")


def test_json_follows_the_contract(capsys):
    assert main(["extract", SEED, "--format", "json"]) == 0
    [rec] = json.loads(capsys.readouterr().out)
    for key in ("schema_version", "source", "sha256", "framework", "document", "pages", "criteria", "groups",
                "summary", "findings"):
        assert key in rec
    c = rec["criteria"][0]
    for key in ("code", "title", "target", "numerator", "denominator", "reported_percent", "computed_percent",
                "reported_verdict", "computed_verdict", "page", "evidence", "match_score"):
        assert key in c
    assert rec["source"] == SEED


def test_jsonl_and_csv(tmp_path, capsys):
    out = tmp_path / "o.csv"
    assert main(["extract", SEED, "-f", "csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert "Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình" in data.decode("utf-8-sig")
    assert main(["extract", SEED, "-f", "jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["framework"] == "thanhhoa-huyen-2024"


def test_table_output(capsys):
    assert main(["extract", SEED, "-f", "table"]) == 0
    out = capsys.readouterr().out
    assert "15424/15378" in out and "percent_mismatch" in out


@pytest.mark.parametrize("name,content,problem", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 20, "binary content"),
    ("nothing.txt", "Một văn bản không có tiêu chí nào cả.\nChỉ là lời chào.\n".encode(), "no criteria"),
    ("fake.pdf", b"this is not a pdf at all", "not a PDF"),
])
def test_bad_input_one_line_and_others_still_processed(tmp_path, capsys, name, content, problem):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    code = main(["extract", str(bad), SEED, "-f", "jsonl"])
    cap = capsys.readouterr()
    assert code == 1
    msgs = [ln for ln in cap.err.splitlines() if ln.strip()]
    assert len(msgs) == 1 and str(bad) in msgs[0] and problem in msgs[0]
    recs = [json.loads(x) for x in cap.out.splitlines()]
    assert len(recs) == 2 and len(recs[1]["criteria"]) == 23


def test_usage_errors_exit_2(capsys):
    assert main(["extract", SEED, "--format", "yaml"]) == 2
    assert main(["extract", SEED, "--framework", "nowhere"]) == 2
    assert main(["nonsense"]) == 2


def test_bad_catalog_exit_2(tmp_path, capsys):
    p = tmp_path / "c.json"
    p.write_text("[]", encoding="utf-8")
    assert main(["extract", SEED, "--catalog", str(p)]) == 2
    assert str(p) in capsys.readouterr().err


def test_utf16_and_bom_text(tmp_path, capsys):
    text = (SAMPLES / "seed000_thanh-hoa.txt").read_text(encoding="utf-8")
    for enc, name in (("utf-16", "u16.txt"), ("utf-8-sig", "bom.txt")):
        p = tmp_path / name
        p.write_bytes(text.encode(enc))
        assert main(["extract", str(p), "-f", "json"]) == 0
        [rec] = json.loads(capsys.readouterr().out)
        assert len(rec["criteria"]) == 23
