"""--crops writes a PNG of each criterion's evidence region, cut from the rendered page."""

import json

from PIL import Image

from tests.conftest import SAMPLES
from tieuchi.cli import main


def test_crops_from_text_pdf(tmp_path, capsys):
    src = SAMPLES / "labelled" / "a000_bim-son.pdf"
    assert main(["extract", str(src), "-f", "jsonl", "--crops", str(tmp_path / "crops")]) == 0
    rec = json.loads(capsys.readouterr().out)
    crops = [c["crop"] for c in rec["criteria"]]
    assert all(crops) and len(crops) == 23
    c34 = next(c for c in rec["criteria"] if c["code"] == "3.4")
    assert c34["bbox_unit"] == "pt" and c34["page"] == 3
    im = Image.open(c34["crop"])
    # three lines of text at 150 dpi: wide and a few lines tall
    assert im.width > 800 and 60 < im.height < 250
    dark = sum(1 for v in im.convert("L").tobytes() if v < 128)
    assert dark > 2000, "the crop must contain the printed text"
