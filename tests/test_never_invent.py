"""Never inventing: a number that cannot be read is null, not a guess; a verdict that cannot be
read is `verdict_missing`, not a default."""

import regex
from PIL import Image, ImageDraw

from extractors.verdicts import find_verdicts
from tests.conftest import DATA, SAMPLES
from tieuchi import Options, process_file


def test_blotted_text_gives_nulls_and_verdict_missing(tmp_path, catalog):
    text = (SAMPLES / "labelled" / "a000_bim-son.txt").read_text(encoding="utf-8")
    body_start = text.index("1.1.")
    head, body = text[:body_start], text[body_start:]
    # blot every number except the criterion codes, and every parenthesized verdict
    body = regex.sub(r"(?<![\d.])\d[\d.,]*(?=\s*[/%])|(?<=/\s*)\d[\d.]*", lambda m: "■" * len(m.group(0)), body)
    for hit in reversed(find_verdicts(body)):  # ink over every verdict the lexicon would read
        body = body[:hit.start] + "(■■■)" + body[hit.end:]
    p = tmp_path / "blotted.txt"
    p.write_text(head + body, encoding="utf-8")
    rec = process_file(str(p), catalog=catalog)
    assert len(rec.criteria) == 23
    assert all(c.numerator is None and c.denominator is None and c.reported_percent is None for c in rec.criteria)
    assert all(c.reported_verdict is None for c in rec.criteria)
    missing = {f.code for f in rec.findings if f.check == "verdict_missing"}
    assert missing == {c.code for c in rec.criteria}
    assert not [f for f in rec.findings if f.check in ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch")]


import pytest  # noqa: E402


@pytest.mark.ocr
def test_blotted_scan_reads_no_number(tmp_path):
    """A real scan with the fraction and percent inked over: OCR reads no number there."""
    src = DATA / "ocr" / "report_lines.png"
    opts = Options(framework="thanhhoa-huyen-2024")
    before = process_file(str(src), opts)
    [c] = [c for c in before.criteria if c.code == "3.4"]
    assert c.numerator == 15424
    im = Image.open(src).convert("L")
    d = ImageDraw.Draw(im)
    line = next(ln for p in __import__("ingest").read_document(str(src)).pages for ln in p.lines if "15424" in ln.text)
    for w in line.words:
        if any(ch.isdigit() for ch in w.text) and not w.text.startswith("3.4") and "85" not in w.text:
            d.rectangle(w.bbox, fill=0)
    out = tmp_path / "blotted.png"
    im.save(out, dpi=(300, 300))
    after = process_file(str(out), opts)
    [c] = [c for c in after.criteria if c.code == "3.4"]
    assert (c.numerator, c.denominator, c.reported_percent) == (None, None, None)
