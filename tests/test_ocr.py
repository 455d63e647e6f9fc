"""OCR of images and scanned PDF pages (ingest/ocr.py, ingest/image.py).

Two tiers: line rebuilding and image preparation need no binaries; everything marked
``ocr`` runs the real Tesseract on the samples in tests/data/ocr/ (see its README).
"""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import time
import zlib

import pytesseract
import pytest
from PIL import Image

from ingest import _exec, ocr
from ingest import image as img
from ingest.config import IngestConfig
from ingest.errors import (
    EncryptedPDFError,
    InputError,
    LimitExceededError,
    MissingDependencyError,
    OCRError,
    OCRTimeoutError,
)
from ingest.models import Document, Page
from tests.conftest import DATA

S = DATA / "ocr"
LINES_PNG = S / "report_lines.png"
EXIF_JPG = S / "report_lines_exif6.jpg"
TWO_TIFF = S / "two_pages.tif"
TABLE_PNG = S / "table_rows.png"
SCAN_PDF = S / "scan_2pages.pdf"
ENCRYPTED_PDF = S / "encrypted_secret.pdf"
FULL_PAGE = S / "a000_bim-son_p1.png"

CRITERION = "3.4. Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ tiêu)"

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdfinfo")), reason="poppler-utils not installed (make setup installs it)"
)


def cfg(**kw) -> IngestConfig:
    return IngestConfig(**{"jobs": 2, **kw})


def read(path, config: IngestConfig | None = None) -> Document:
    data = path.read_bytes()
    return ocr.read_image(str(path), data, hashlib.sha256(data).hexdigest(), config or cfg())


def assert_page_geometry(page: Page) -> None:
    assert page.unit == "px" and page.source == "ocr"
    assert page.width and page.height
    assert page.conf is not None and 0 <= page.conf <= 100
    for n, line in enumerate(page.lines, 1):
        assert line.page == page.number and line.number == n
        assert line.conf is not None and 0 <= line.conf <= 100
        x0, top, x1, bottom = line.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
        for w in line.words:
            assert w.conf is not None and 0 <= w.conf <= 100
            wx0, wtop, wx1, wbottom = w.bbox
            assert x0 <= wx0 < wx1 <= x1 and top <= wtop < wbottom <= bottom


# ---------------------------------------------------------------- TSV to lines (no binaries)

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv(*words: tuple) -> str:
    """Rows of (block, par, line, left, top, width, height, conf, text) as tesseract TSV."""
    rows = [HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t3000\t1000\t-1\t"]
    for i, (b, p, ln, left, top, w, h, conf, text) in enumerate(words, 1):
        rows.append(f"5\t1\t{b}\t{p}\t{ln}\t{i}\t{left}\t{top}\t{w}\t{h}\t{conf}\t{text}")
    return "\n".join(rows) + "\n"


def test_words_with_no_confidence_or_text_are_skipped():
    page = ocr.page_from_tsv(
        tsv((1, 1, 1, 100, 100, 80, 40, 95.5, "Tổng"), (1, 1, 1, 200, 100, 60, 40, -1, ""), (1, 1, 1, 280, 100, 60, 40, 90, " ")),
        7, 3000, 1000, 300,
    )  # fmt: skip
    assert [line.text for line in page.lines] == ["Tổng"]
    assert page.number == 7 and page.lines[0].page == 7 and page.conf == 95.5
    assert page.lines[0].words[0].bbox == (100.0, 100.0, 180.0, 140.0)


def test_lines_are_ordered_top_to_bottom_then_left_to_right():
    page = ocr.page_from_tsv(
        tsv(
            (2, 1, 1, 100, 300, 100, 40, 90, "dòng"), (2, 1, 1, 220, 302, 60, 40, 90, "hai"),
            (1, 1, 1, 1500, 100, 100, 40, 90, "phải"),
            (1, 1, 2, 100, 98, 100, 40, 90, "trái"),
        ),
        1, 3000, 1000, 300,
    )  # fmt: skip
    assert [line.text for line in page.lines] == ["trái phải", "dòng hai"]
    assert page.lines[0].cells == ["trái", "phải"]
    assert page.lines[1].cells is None


def test_a_table_row_gets_cells_split_at_wide_gaps():
    row = [
        ("2.3", 60), ("Tỷ", 200), ("lệ", 262), ("doanh", 312), ("nghiệp", 455),
        ("50%", 1150), ("209/777", 1450), ("Chưa", 1800), ("đạt", 1915),
    ]  # fmt: skip
    words = [(1, 1, 1, x, 500, 25 * len(t), 45, 96, t) for t, x in row]
    [line] = ocr.page_from_tsv(tsv(*words), 1, 2480, 3500, 300).lines
    assert line.cells == ["2.3", "Tỷ lệ doanh nghiệp", "50%", "209/777", "Chưa đạt"]
    assert line.text == "2.3 Tỷ lệ doanh nghiệp 50% 209/777 Chưa đạt"


def test_a_justified_prose_line_is_not_a_table_row():
    # Evenly stretched spaces of ~2.7 character widths: justified text, not columns.
    x, words = 100, []
    for t in ["Thực", "hiện", "Quyết", "định", "số", "1042/QĐ-UBND", "ngày", "18/3/2024"]:
        words.append((1, 1, 1, x, 500, 25 * len(t), 45, 96, t))
        x += 25 * len(t) + 68
    [line] = ocr.page_from_tsv(tsv(*words), 1, 2480, 3500, 300).lines
    assert line.cells is None


def test_a_tesseract_line_mixing_two_heights_is_split_into_rows():
    # psm 3 on ruled tables: a vertically centred cell joins the second line of a wrapped cell.
    page = ocr.page_from_tsv(
        tsv(
            (3, 1, 1, 484, 467, 110, 45, 96, "Tỷ"), (3, 1, 1, 600, 470, 110, 40, 96, "trọng"),
            (3, 1, 2, 484, 524, 140, 45, 96, "ngành,"), (3, 1, 2, 640, 525, 160, 45, 96, "phương"),
            (3, 1, 2, 1304, 497, 85, 40, 90, "20%"),
        ),
        1, 2480, 3500, 300,
    )  # fmt: skip
    assert [line.text for line in page.lines] == ["Tỷ trọng", "20%", "ngành, phương"]


def test_empty_tsv_gives_an_empty_page():
    page = ocr.page_from_tsv(HEADER + "\n", 3, 100, 50, None)
    assert page.lines == [] and page.conf is None and (page.width, page.height) == (100, 50)


# ---------------------------------------------------------------- image preparation (no binaries)


def test_deskew_recovers_a_3_degree_rotation_within_half_a_degree():
    straight = img.to_grey(Image.open(LINES_PNG))
    base = img.estimate_skew(straight)  # the sample itself is turned 0.4°
    for angle in (3.0, -3.0):
        turned = img.rotate(straight, angle)
        t0 = time.perf_counter()
        found = img.estimate_skew(turned)
        assert time.perf_counter() - t0 < 1.0
        assert abs(found - (base + angle)) <= 0.5
        fixed, corrected = img.deskew(turned)
        assert corrected == found and abs(img.estimate_skew(fixed) - base) <= 0.5


def test_deskew_leaves_a_straight_page_alone():
    page = img.to_grey(Image.open(FULL_PAGE))
    fixed, angle = img.deskew(page)
    assert abs(angle) <= 0.3
    if abs(angle) <= img.MIN_ROTATION:
        assert fixed is page


def test_blank_page_has_no_skew():
    assert img.estimate_skew(Image.new("L", (800, 600), 255)) == 0.0


def test_exif_orientation_is_honoured():
    im = img.open_image(str(EXIF_JPG), path="x.jpg", max_pixels=10**9)
    assert im.size[0] < im.size[1]  # stored on its side
    [frame] = list(img.iter_frames(im, path="x.jpg", max_pixels=10**9))
    assert frame.image.size == Image.open(LINES_PNG).size and frame.image.mode == "L"


def test_multipage_tiff_frames_and_1_bit_to_grey():
    im = img.open_image(TWO_TIFF.read_bytes(), path="t.tif", max_pixels=10**9)
    assert img.frame_count(im) == 2 and im.mode == "1"
    frames = list(img.iter_frames(im, path="t.tif", max_pixels=10**9))
    assert [f.index for f in frames] == [0, 1] and {f.image.mode for f in frames} == {"L"}
    assert frames[0].dpi == 300
    assert set(frames[0].image.tobytes()) <= {0, 255}


def test_grey_conversion_of_other_modes():
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert img.to_grey(rgba).getpixel((5, 5)) == 255  # transparent becomes white
    wide = Image.new("I;16", (10, 10), 65535)
    assert img.to_grey(wide).getpixel((0, 0)) == 255
    assert img.to_grey(Image.new("RGB", (4, 4), (255, 0, 0))).mode == "L"


@pytest.mark.parametrize("size", [(0, 0), (1, 1), (1, 500), (500, 1)])
def test_empty_and_one_pixel_images_are_input_errors(size):
    with pytest.raises(InputError, match="ảnh rỗng"):
        img.check_size(size, path="x.png", max_pixels=10**9)


def test_decompression_bomb_guard_uses_the_configured_limit():
    with pytest.raises(LimitExceededError) as info:
        img.open_image(str(LINES_PNG), path="big.png", max_pixels=1_000_000)
    assert "2700x396" in str(info.value) and "1,000,000" in str(info.value)
    # Pillow's own bomb error (beyond 2 x Image.MAX_IMAGE_PIXELS) is the same typed error.
    with pytest.raises(LimitExceededError):
        img.open_image(_png_claiming(60000, 60000), path="bomb.png", max_pixels=10**12)


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""
    buf = io.BytesIO()
    Image.new("1", (1, 1)).save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    ihdr = bytes(data[12:16]) + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n garbage", b"GIF89a", LINES_PNG.read_bytes()[:5000]])
def test_unreadable_images_are_input_errors(data):
    with pytest.raises(InputError, match="không đọc được ảnh"):
        im = img.open_image(data, path="bad.png", max_pixels=10**9)
        list(img.iter_frames(im, path="bad.png", max_pixels=10**9))


def test_binarize_gives_two_levels():
    out = img.binarize(img.to_grey(Image.open(LINES_PNG)))
    assert out.mode == "L" and set(out.tobytes()) <= {0, 255}


# ---------------------------------------------------------------- real Tesseract


@pytest.mark.ocr
def test_image_words_and_numbers_read_exactly():
    page = ocr.ocr_image_file(str(LINES_PNG), 4, cfg())
    assert page.number == 4
    assert (page.width, page.height) == Image.open(LINES_PNG).size
    texts = [line.text for line in page.lines]
    assert CRITERION in texts
    assert "- Nhóm tiêu chí về Chính quyền số: gồm 09 tiêu chí (đạt 8/9)." in texts
    assert any("18/23" in t and "7/7" in t for t in texts)
    words = {w.text for line in page.lines for w in line.words}
    assert {"15424/15378", "99,7%", "(85%):"} <= words
    assert_page_geometry(page)
    assert all(line.cells is None for line in page.lines)


@pytest.mark.ocr
def test_exif_rotated_jpeg_reads_like_the_upright_png():
    doc = read(EXIF_JPG)
    assert doc.kind == "image" and doc.errors == [] and len(doc.pages) == 1
    page = doc.pages[0]
    assert page.width > page.height
    assert CRITERION in [line.text for line in page.lines]
    assert doc.sha256 == hashlib.sha256(EXIF_JPG.read_bytes()).hexdigest()


@pytest.mark.ocr
def test_multipage_tiff_gives_two_pages():
    doc = read(TWO_TIFF)
    assert [p.number for p in doc.pages] == [1, 2] and doc.errors == []
    assert "11123/28132" in doc.pages[0].text and "Trang một" in doc.pages[0].text
    assert "209/777 (26,9%)" in doc.pages[1].text and "Trang hai" in doc.pages[1].text
    assert [line.page for line in doc.lines()] == [1, 1, 2, 2]
    for p in doc.pages:
        assert_page_geometry(p)


@pytest.mark.ocr
def test_ruled_table_rows_get_cells():
    page = ocr.ocr_image_file(str(TABLE_PNG), 1, cfg())
    header, *rows = [line.cells for line in page.lines]
    assert header == ["TT", "Nội dung chỉ tiêu", "Chỉ tiêu", "Kết quả", "Đánh giá"]
    assert [r[1:] for r in rows if r] == [
        ["Tỷ lệ tăng năng suất lao động", "9,6%", "11,09%", "Vượt"],
        ["Tỷ lệ doanh nghiệp nộp thuế", "50%", "209/777", "Chưa đạt"],
    ]
    assert "|" in page.lines[0].text  # the rule stays in the text as read


@pytest.mark.ocr
def test_full_1_bit_page_of_a_generated_report():
    page = ocr.ocr_image_file(str(FULL_PAGE), 1, cfg())
    assert (page.width, page.height) == (2481, 3508)
    texts = [line.text for line in page.lines]
    assert any(t.startswith("Số: 576 /BC-UBND") for t in texts)
    header = page.lines[0]
    assert header.cells == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert "(đạt 18/23)" in page.text
    assert_page_geometry(page)


@pytest.mark.ocr
@needs_poppler
def test_scanned_pdf_pages_in_parallel():
    pages, errors = ocr.ocr_pdf_pages(str(SCAN_PDF), [2, 1], cfg(jobs=2))
    assert errors == [] and [p.number for p in pages] == [1, 2]
    assert "11123/28132" in pages[0].text and "209/777 (26,9%)" in pages[1].text
    assert (pages[0].width, pages[0].height) == (2000, 258)  # 480 x 61.92 pt at 300 dpi
    for p in pages:
        assert_page_geometry(p)
    only_two, _ = ocr.ocr_pdf_pages(str(SCAN_PDF), [2], cfg(jobs=1, dpi=200))
    assert [p.number for p in only_two] == [2] and only_two[0].width == pytest.approx(2000 * 2 / 3, abs=1)


@pytest.mark.ocr
@needs_poppler
def test_encrypted_pdf_with_and_without_password():
    with pytest.raises(EncryptedPDFError):
        ocr.ocr_pdf_pages(str(ENCRYPTED_PDF), [1], cfg())
    with pytest.raises(EncryptedPDFError, match="sai mật khẩu"):
        ocr.ocr_pdf_pages(str(ENCRYPTED_PDF), [1], cfg(password="guess"))
    pages, errors = ocr.ocr_pdf_pages(str(ENCRYPTED_PDF), [1], cfg(password="secret"))
    assert errors == [] and "11123/28132" in pages[0].text


@pytest.mark.ocr
@needs_poppler
def test_corrupt_pdf_is_an_input_error(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(SCAN_PDF.read_bytes()[:800])
    with pytest.raises(InputError) as info:
        ocr.ocr_pdf_pages(str(bad), [1], cfg())
    assert str(bad) in str(info.value)


@pytest.mark.ocr
@needs_poppler
def test_page_and_pixel_limits():
    with pytest.raises(LimitExceededError, match="có 2 trang, quá giới hạn 1 trang"):
        ocr.ocr_pdf_pages(str(SCAN_PDF), [1], cfg(max_pages=1))
    pages, errors = ocr.ocr_pdf_pages(str(SCAN_PDF), [1], cfg(max_pixels=100_000))
    assert pages == [] and [(e.page, e.kind) for e in errors] == [(1, "limit")]
    with pytest.raises(LimitExceededError):
        read(LINES_PNG, cfg(max_pixels=100_000))
    with pytest.raises(LimitExceededError, match="có 2 trang"):
        read(TWO_TIFF, cfg(max_pages=1))


@pytest.mark.ocr
def test_a_real_timeout_becomes_a_typed_error():
    with pytest.raises(OCRTimeoutError) as info:
        ocr.ocr_image_file(str(FULL_PAGE), 1, cfg(page_timeout=0.3))
    assert str(FULL_PAGE) in str(info.value) and "trang 1" in str(info.value)


@pytest.mark.ocr
def test_unreadable_image_is_an_input_error(tmp_path):
    bad = tmp_path / "scan.png"
    bad.write_bytes(LINES_PNG.read_bytes()[:3000])
    with pytest.raises(InputError, match="không đọc được ảnh"):
        read(bad)
    with pytest.raises(InputError):
        ocr.ocr_image_file(str(tmp_path / "absent.png"), 1, cfg())


# ---------------------------------------------------------------- fault injection at the seam


def _failing_on(pages_to_fail: set[int], exc: BaseException):
    real = _exec._run_tesseract

    def run(image_path, lang, timeout, config):
        if any(f"page-{n}-" in image_path for n in pages_to_fail):
            raise exc
        return real(image_path, lang, timeout, config)

    return run


@pytest.mark.ocr
@needs_poppler
@pytest.mark.parametrize(
    "exc,kind,words",
    [
        (pytesseract.TesseractError(1, "Error during processing."), "ocr_failed", "tesseract lỗi (mã thoát 1)"),
        (RuntimeError("Tesseract process timeout"), "ocr_timeout", "OCR quá thời gian 120 s"),
    ],
    ids=["crash", "timeout"],
)
def test_a_failing_page_becomes_a_page_error_and_the_rest_survives(monkeypatch, exc, kind, words):
    monkeypatch.setattr(_exec, "_run_tesseract", _failing_on({2}, exc))
    pages, errors = ocr.ocr_pdf_pages(str(SCAN_PDF), [1, 2], cfg())
    assert [p.number for p in pages] == [1] and "11123/28132" in pages[0].text
    [err] = errors
    assert (err.page, err.kind) == (2, kind)
    assert err.message.startswith(f"{SCAN_PDF} trang 2: ") and words in err.message


@pytest.mark.ocr
def test_failing_tiff_page_is_recorded_on_the_document(monkeypatch):
    monkeypatch.setattr(_exec, "_run_tesseract", _failing_on({1}, RuntimeError("Tesseract process timeout")))
    doc = read(TWO_TIFF)
    assert [p.number for p in doc.pages] == [2]
    assert [(e.page, e.kind) for e in doc.errors] == [(1, "ocr_timeout")]


@pytest.mark.ocr
def test_failing_single_image_raises(monkeypatch):
    monkeypatch.setattr(_exec, "_run_tesseract", _failing_on({5}, pytesseract.TesseractError(1, "boom")))
    with pytest.raises(OCRError, match="boom"):
        ocr.ocr_image_file(str(LINES_PNG), 5, cfg())


@pytest.mark.ocr
@needs_poppler
@pytest.mark.parametrize(
    "exc",
    [pytesseract.TesseractNotFoundError(), SystemExit("Invalid tesseract version"),
     pytesseract.TesseractError(1, "Failed loading language 'vie' Tesseract couldn't load any languages!")],
    ids=["not-found", "system-exit", "no-vie"],
)  # fmt: skip
def test_missing_dependency_mid_run_stops_the_document(monkeypatch, exc):
    monkeypatch.setattr(_exec, "_run_tesseract", _failing_on({1, 2}, exc))
    with pytest.raises(MissingDependencyError) as info:
        ocr.ocr_pdf_pages(str(SCAN_PDF), [1, 2], cfg())
    assert MissingDependencyError.APT in str(info.value)


def test_missing_tesseract_is_reported_before_any_work(monkeypatch, tmp_path):
    _exec.clear_probe_cache()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    try:
        for call in (
            lambda: ocr.ocr_pdf_pages(str(SCAN_PDF), [1], cfg()),
            lambda: ocr.ocr_image_file(str(LINES_PNG), 1, cfg()),
            lambda: read(LINES_PNG),
        ):
            with pytest.raises(MissingDependencyError, match="apt-get install -y tesseract-ocr tesseract-ocr-vie"):
                call()
    finally:
        _exec.clear_probe_cache()


@pytest.mark.ocr
def test_missing_language_data_is_a_missing_dependency():
    with pytest.raises(MissingDependencyError, match="chưa cài dữ liệu ngôn ngữ Tesseract 'xyz'"):
        ocr.ocr_image_file(str(LINES_PNG), 1, cfg(lang="xyz"))


@pytest.mark.ocr
@needs_poppler
def test_no_temp_files_are_left_behind_even_after_failures(monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(_exec, "_run_tesseract", _failing_on({2}, RuntimeError("Tesseract process timeout")))
    pages, errors = ocr.ocr_pdf_pages(str(SCAN_PDF), [1, 2], cfg())
    assert len(pages) == 1 and len(errors) == 1
    read(TWO_TIFF)
    with pytest.raises(OCRTimeoutError):
        ocr.ocr_image_file(str(FULL_PAGE), 1, cfg(page_timeout=0.3))
    assert list(tmp_path.iterdir()) == []
