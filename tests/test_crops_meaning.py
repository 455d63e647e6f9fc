"""--crops means one thing in extract and in batch: a PNG of each criterion's evidence region;
the batch report says which crops it shows."""

import json
import shutil

from tests.conftest import SAMPLES
from tieuchi.cli import main

SRC = SAMPLES / "labelled" / "a012_thieu-hoa.pdf"  # four findings on criteria (2.3, 3.6 twice, 4.3)


def test_extract_and_batch_write_the_same_crops(tmp_path, capsys):
    assert main(["extract", str(SRC), "-f", "jsonl", "--crops", str(tmp_path / "x")]) == 0
    rec = json.loads(capsys.readouterr().out)
    from_extract = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert len(from_extract) == len(rec["criteria"]) > 20

    (tmp_path / "in").mkdir()
    shutil.copy(SRC, tmp_path / "in" / SRC.name)
    html = tmp_path / "r.html"
    assert main(["batch", str(tmp_path / "in"), "--db", str(tmp_path / "r.sqlite"), "--report", str(html),
                 "--crops", str(tmp_path / "b")]) == 0
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == from_extract

    text = html.read_text(encoding="utf-8")
    shown = text.count("data:image/png;base64,")
    assert shown == 4  # one crop beside each finding on a criterion
    assert f"Ảnh cắt: {shown} phát hiện kèm ảnh vùng bằng chứng" in text


def test_batch_without_crops_writes_none_and_says_how(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(SRC, tmp_path / "in" / SRC.name)
    html = tmp_path / "r.html"
    assert main(["batch", str(tmp_path / "in"), "--db", str(tmp_path / "r.sqlite"), "--report", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert "data:image/png" not in text and "--crops THƯ_MỤC" in text
    assert not (tmp_path / "crops").exists()
