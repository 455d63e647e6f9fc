"""The seam for external programs (ingest/_exec.py): probing, error mapping, child env, poppler."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import textwrap

import pytesseract
import pytest
from PIL import Image

from ingest import _exec
from ingest.errors import (
    EncryptedPDFError,
    InputError,
    MissingDependencyError,
    OCRError,
    OCRTimeoutError,
)
from tests.conftest import DATA

OCR_SAMPLES = DATA / "ocr"
SCAN_PDF = str(OCR_SAMPLES / "scan_2pages.pdf")
ENCRYPTED_PDF = str(OCR_SAMPLES / "encrypted_secret.pdf")
LINES_PNG = str(OCR_SAMPLES / "report_lines.png")

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdfinfo")), reason="poppler-utils not installed (make setup installs it)"
)


@pytest.fixture(autouse=True)
def _fresh_probes():
    _exec.clear_probe_cache()
    yield
    _exec.clear_probe_cache()


def _raiser(exc: BaseException):
    def run(image_path, lang, timeout, config):
        raise exc

    return run


# ---------------------------------------------------------------- error mapping at the seam (no tesseract needed)


@pytest.mark.parametrize(
    "raised,expected,words",
    [
        (pytesseract.TesseractNotFoundError(), MissingDependencyError, ["chưa cài tesseract", "apt-get install -y tesseract-ocr"]),
        (
            pytesseract.TesseractError(1, "Error opening data file vie.traineddata Failed loading language 'vie'"),
            MissingDependencyError,
            ["'vie'", "tesseract-ocr-vie"],
        ),
        (pytesseract.TesseractError(1, "Image file x.pgm cannot be read! Error during processing."), OCRError, ["mã thoát 1"]),
        (RuntimeError("Tesseract process timeout"), OCRTimeoutError, ["quá thời gian (7 s)"]),
        (RuntimeError("something else"), OCRError, ["something else"]),
        (SystemExit('Invalid tesseract version: "garbage"'), MissingDependencyError, ["tesseract không dùng được"]),
        (PermissionError(13, "Permission denied"), OCRError, ["Permission denied"]),
        (FileNotFoundError(2, "No such file", "/tmp/tess_x.tsv"), OCRError, ["No such file"]),
    ],
    ids=["not-found", "no-lang-data", "tesseract-error", "timeout", "runtime", "system-exit", "permission", "no-output"],
)
def test_every_pytesseract_failure_becomes_a_typed_error(monkeypatch, raised, expected, words):
    monkeypatch.setattr(_exec, "_run_tesseract", _raiser(raised))
    with pytest.raises(expected) as info:
        _exec.tesseract_tsv("p.pgm", lang="vie", timeout=7, path="report.pdf", page=3)
    message = str(info.value)
    assert message.startswith("report.pdf trang 3: ")
    for w in words:
        assert w in message
    assert type(info.value) is expected  # OCRTimeoutError is an OCRError: be exact


def test_timeout_error_is_an_ocr_error_with_its_own_kind():
    assert issubclass(OCRTimeoutError, OCRError)
    assert (OCRError.kind, OCRTimeoutError.kind) == ("ocr_failed", "ocr_timeout")


# ---------------------------------------------------------------- probing


def test_missing_tesseract_binary_is_a_missing_dependency(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(MissingDependencyError) as info:
        _exec.check_tesseract("vie")
    assert "chưa cài tesseract" in str(info.value)
    assert MissingDependencyError.APT in str(info.value)


@pytest.mark.ocr
def test_check_tesseract_knows_vie_and_refuses_unknown_languages():
    _exec.check_tesseract("vie")
    assert "vie" in _exec.tesseract_languages()
    with pytest.raises(MissingDependencyError) as info:
        _exec.check_tesseract("vie+xyz")
    assert "'xyz'" in str(info.value) and "đã cài: " in str(info.value)


@pytest.mark.ocr
def test_language_probe_is_cached(monkeypatch):
    _exec.check_tesseract("vie")
    calls = []
    monkeypatch.setattr(_exec.subprocess, "run", lambda *a, **k: calls.append(a))
    _exec.check_tesseract("vie")
    assert calls == []


def test_missing_poppler_is_a_missing_dependency(monkeypatch):
    monkeypatch.setattr(_exec, "PDFTOPPM", "pdftoppm-not-installed")
    with pytest.raises(MissingDependencyError) as info:
        _exec.check_poppler()
    assert "poppler-utils" in str(info.value) and "apt-get install" in str(info.value)
    with pytest.raises(MissingDependencyError):
        _exec.rasterize_page(SCAN_PDF, 1, "/tmp/never", dpi=72)


# ---------------------------------------------------------------- the tesseract child process


def _fake_tesseract(tmp_path, body: str) -> str:
    """An executable standing in for tesseract (answers --version/--list-langs, then runs ``body``)."""
    script = tmp_path / "tesseract"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import os, sys, time
            if "--version" in sys.argv:
                print("tesseract 5.3.0"); sys.exit(0)
            if "--list-langs" in sys.argv:
                print('List of available languages in "/x/" (2):'); print("osd"); print("vie"); sys.exit(0)
            image, out = sys.argv[1], sys.argv[2]
            """
        )
        + textwrap.dedent(body)
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_tesseract_children_get_omp_thread_limit_1_and_ours_is_untouched(tmp_path, monkeypatch):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "8")
    fake = _fake_tesseract(
        tmp_path,
        """
        header = "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext"
        word = "OMP=" + os.environ.get("OMP_THREAD_LIMIT", "unset")
        with open(out + ".tsv", "w") as fh:
            fh.write(header + "\\n" + "\\t".join(["5", "1", "1", "1", "1", "1", "10", "10", "80", "20", "91.5", word]) + "\\n")
        """,
    )
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", fake)
    tsv = _exec.tesseract_tsv(LINES_PNG, lang="vie", timeout=30)
    assert "OMP=1" in tsv
    assert os.environ["OMP_THREAD_LIMIT"] == "8"
    assert _exec.child_env()["OMP_THREAD_LIMIT"] == "1"


def test_a_hung_tesseract_is_killed_at_the_timeout(tmp_path, monkeypatch):
    fake = _fake_tesseract(tmp_path, "time.sleep(30)\n")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", fake)
    with pytest.raises(OCRTimeoutError) as info:
        _exec.tesseract_tsv(LINES_PNG, lang="vie", timeout=0.5, path="scan.pdf", page=2)
    assert str(info.value) == "scan.pdf trang 2: OCR quá thời gian (0.5 s)"


def test_a_crashing_tesseract_is_an_ocr_error_with_its_stderr(tmp_path, monkeypatch):
    fake = _fake_tesseract(tmp_path, "sys.stderr.write('Error in pixReadStream: bad header\\n'); sys.exit(1)\n")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", fake)
    with pytest.raises(OCRError) as info:
        _exec.tesseract_tsv(LINES_PNG, lang="vie", timeout=30, path="a.png", page=1)
    assert "bad header" in str(info.value) and "mã thoát 1" in str(info.value)


@pytest.mark.ocr
def test_real_tesseract_returns_tsv_for_a_path():
    tsv = _exec.tesseract_tsv(LINES_PNG, lang="vie", timeout=60)
    assert tsv.startswith("level\tpage_num")
    assert "15424/15378" in tsv


# ---------------------------------------------------------------- poppler


@needs_poppler
def test_pdf_info_counts_pages_and_sizes():
    info = _exec.pdf_info(SCAN_PDF)
    assert info.pages == 2 and not info.encrypted
    w, h = info.sizes[2]
    assert round(w) == 480 and round(h) == 62
    assert _exec.pdf_page_count(SCAN_PDF) == 2


@needs_poppler
def test_encrypted_pdf_needs_the_right_password():
    with pytest.raises(EncryptedPDFError) as info:
        _exec.pdf_page_count(ENCRYPTED_PDF)
    assert "cần mật khẩu" in str(info.value) and ENCRYPTED_PDF in str(info.value)
    with pytest.raises(EncryptedPDFError, match="sai mật khẩu"):
        _exec.pdf_page_count(ENCRYPTED_PDF, "nope")
    assert _exec.pdf_page_count(ENCRYPTED_PDF, "secret") == 1


@needs_poppler
@pytest.mark.parametrize("content", [b"", b"not a pdf at all\n", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF"])
def test_corrupt_pdf_is_an_input_error(tmp_path, content):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    with pytest.raises(InputError) as info:
        _exec.pdf_info(str(bad))
    assert type(info.value) is InputError and str(bad) in str(info.value)


@needs_poppler
def test_missing_pdf_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        _exec.pdf_info(str(tmp_path / "absent.pdf"))


@needs_poppler
def test_rasterize_one_page_to_grey_pgm(tmp_path):
    out = _exec.rasterize_page(SCAN_PDF, 2, str(tmp_path / "p"), dpi=300)
    assert out.endswith(".pgm") and sorted(os.listdir(tmp_path)) == ["p.pgm"]
    with Image.open(out) as im:
        assert im.format == "PPM" and im.mode == "L"
        assert im.size == (2000, 258)


@needs_poppler
def test_rasterize_encrypted_with_password(tmp_path):
    out = _exec.rasterize_page(ENCRYPTED_PDF, 1, str(tmp_path / "p"), dpi=100, password="secret")
    with Image.open(out) as im:
        assert im.mode == "L"
    with pytest.raises(EncryptedPDFError):
        _exec.rasterize_page(ENCRYPTED_PDF, 1, str(tmp_path / "q"), dpi=100)


@needs_poppler
def test_rasterize_page_out_of_range_is_an_ocr_error(tmp_path):
    with pytest.raises(OCRError) as info:
        _exec.rasterize_page(SCAN_PDF, 9, str(tmp_path / "p"), dpi=72)
    assert "trang 9" in str(info.value)
