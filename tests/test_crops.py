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


import pytest  # noqa: E402

from tests.conftest import DATA  # noqa: E402


@pytest.mark.ocr
def test_crops_from_ocr_pixels(tmp_path, capsys):
    """An OCR'd image: the box is in pixels of the page image; the crop shows the criterion's line."""
    src = DATA / "ocr" / "report_lines.png"
    code = main(["extract", str(src), "-f", "jsonl", "--framework", "thanhhoa-huyen-2024", "--crops", str(tmp_path)])
    rec = json.loads(capsys.readouterr().out)
    assert code == 0
    [c34] = [c for c in rec["criteria"] if c["code"] == "3.4"]
    assert c34["bbox_unit"] == "px" and (c34["numerator"], c34["denominator"]) == (15424, 15378)
    im = Image.open(c34["crop"])
    assert im.width > 1000 and im.height < 396  # narrower than the whole 2700×396 image: a box, not the page


@pytest.mark.ocr
def test_batch_report_embeds_scan_crops_for_findings(tmp_path, capsys):
    """Batch with --report writes crops of OCR'd evidence behind findings and inlines them (no network)."""
    from tieuchi.pipeline import Options, process_file
    from tieuchi.report import write_report

    opts = Options(crops=str(tmp_path / "crops"), framework="thanhhoa-huyen-2024")
    rec = process_file(str(DATA / "ocr" / "report_lines.png"), opts)
    assert any(f.code == "3.4" for f in rec.findings)
    [c34] = [c for c in rec.criteria if c.code == "3.4"]
    assert c34.crop and (tmp_path / "crops").is_dir()
    html = tmp_path / "r.html"
    write_report([rec], str(html))
    assert "data:image/png;base64," in html.read_text(encoding="utf-8")
