"""The CLI in-process: formats, exit codes, and one-line messages for bad input."""

import json

import pytest

from tests.conftest import DATA, SAMPLES
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
    ("missing.txt", None, "không có tệp này"),
    ("empty.txt", b"", "tệp rỗng"),
    ("binary.txt", bytes(range(256)) * 20, "nội dung nhị phân"),
    ("nothing.txt", "Một văn bản không có tiêu chí nào cả.\nChỉ là lời chào.\n".encode(), "no criteria"),
    ("fake.pdf", b"this is not a pdf at all", "không phải tệp PDF"),
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


def test_catalog_commands(tmp_path, capsys, catalog):
    assert main(["catalog", "list"]) == 0
    assert "thanhhoa-kh100-2023" in capsys.readouterr().out
    assert main(["catalog", "show", "thanhhoa-qd176-2022", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["groups"]) == 3
    assert main(["catalog", "validate", catalog.path]) == 0


def test_from_plan_matches_the_hand_built_catalog(tmp_path, capsys, catalog):
    """The seed plan's two annex tables drafted into frameworks: ≥ 90 % of codes and targets agree."""
    out = tmp_path / "draft.json"
    assert main(["catalog", "from-plan", str(DATA / "plans" / "kh226_seed003.txt"), "--id", "draft", "-o", str(out)]) == 0
    assert main(["catalog", "validate", str(out)]) == 0
    drafts = {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["frameworks"]}
    pairs = [("draft-qd176", "thanhhoa-qd176-2022"), ("draft-kh100", "thanhhoa-kh100-2023")]
    for draft_id, ref_id in pairs:
        ref = catalog.get(ref_id)
        got = {c["code"]: c for g in drafts[draft_id]["groups"] for c in g["criteria"]}
        agree = 0
        for c in ref.criteria:
            d = got.get(c.code)
            want = (c.target.op, c.target.value) if c.target else None
            have = (d["target"]["op"], d["target"]["value"]) if d and d["target"] else None
            agree += d is not None and want == have
        assert agree / len(ref.criteria) >= 0.9, (draft_id, agree, len(ref.criteria))


def test_page_limit_is_a_recorded_error(capsys):
    pdf = str(SAMPLES / "labelled" / "a000_bim-son.pdf")
    assert main(["extract", pdf, "--max-pages", "2", "-f", "jsonl"]) == 1
    cap = capsys.readouterr()
    assert "có 5 trang, quá giới hạn 2 trang" in cap.err
    rec = json.loads(cap.out)
    assert rec["status"] == "error" and rec["errors"][0]["kind"] == "limit"


def test_unwritable_output_is_one_line_exit_2(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "dir" / "x.json"
    assert main(["extract", SEED, "-f", "json", "-o", str(out)]) == 2
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(out) in lines[0] and "không ghi được tệp kết quả" in lines[0]
