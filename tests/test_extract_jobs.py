"""`tieuchi extract --jobs N` reads several inputs in worker processes: the same records, in input order,
and an unreadable input is its own error record, never the others'."""

from __future__ import annotations

import json

from tests.conftest import ROOT
from tieuchi.cli import main

INPUTS = [
    ROOT / "samples" / "labelled" / "a000_bim-son.pdf",
    ROOT / "tests" / "bad_inputs" / "truncated.pdf",
    ROOT / "samples" / "generated" / "s01_qd176_muong-lat.pdf",
    ROOT / "tests" / "bad_inputs" / "loop",  # a folder
    ROOT / "samples" / "labelled" / "a005_yen-dinh.txt",
    ROOT / "samples" / "labelled" / "a000_bim-son.pdf",  # the same input twice
]


def _run(jobs: int, capsys) -> tuple[int, list[dict], list[str]]:
    code = main(["extract", "-f", "jsonl", "--jobs", str(jobs), "--", *map(str, INPUTS)])
    cap = capsys.readouterr()
    return code, [json.loads(x) for x in cap.out.splitlines()], [ln for ln in cap.err.splitlines() if ln.strip()]


def test_two_jobs_give_the_one_job_records_in_input_order(capsys):
    code1, recs1, err1 = _run(1, capsys)
    code2, recs2, err2 = _run(2, capsys)
    assert code1 == code2 == 1
    assert [r["source"] for r in recs2] == [str(p) for p in INPUTS]
    assert recs2 == recs1
    assert err2 == err1 and len(err2) == 2
    assert "truncated.pdf" in err2[0] and "tệp PDF hỏng" in err2[0] and "là thư mục" in err2[1]
    statuses = [r.get("status") for r in recs2]
    assert [len(r["criteria"]) > 0 for r in recs2] == [True, False, True, False, True, True], statuses
