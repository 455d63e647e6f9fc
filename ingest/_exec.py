"""The one seam for external programs: Tesseract (through pytesseract), pdfinfo and pdftoppm.

Everything that starts a child process for OCR or rasterizing lives here, so that tests can
inject faults by patching one function (:func:`_run_tesseract`) and so that every failure of
a third-party tool leaves this module as one of tieuchi's typed errors. Probing ("is it
installed?") is separate from running.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass

import pytesseract.pytesseract as _pt

from ingest.errors import (
    EncryptedPDFError,
    InputError,
    MissingDependencyError,
    OCRError,
    OCRTimeoutError,
)

log = logging.getLogger(__name__)

TESSERACT = "tesseract"
PDFTOPPM = "pdftoppm"
PDFINFO = "pdfinfo"

CHILD_ENV_OVERRIDES = {"OMP_THREAD_LIMIT": "1"}
"""Set in every tesseract child: OpenMP threads make tesseract 9-200x slower on small boxes."""

POPPLER_TIMEOUT = 120.0
"""Seconds pdfinfo may take; pdftoppm gets the caller's per-page budget."""

_MISSING_LANG = re.compile(r"Failed loading language|Error opening data file|couldn't load any languages", re.I)

_LANG_NAME = re.compile(r"[\w/+-]+")
"""A line of ``tesseract --list-langs`` that names a language (``vie``, ``script/Latin``)."""

_probe_lock = threading.Lock()
_tesseract_langs: dict[str, frozenset[str]] = {}
_poppler_ok: set[str] = set()


def child_env() -> dict[str, str]:
    """Environment for one tesseract child, built for each call: ours plus ``OMP_THREAD_LIMIT=1``.

    Our own process environment and pytesseract's module globals are left as they are.
    """
    env = dict(os.environ)
    env.update(CHILD_ENV_OVERRIDES)
    return env


# ---------------------------------------------------------------------------- probing


def _tesseract_cmd() -> str:
    return str(_pt.tesseract_cmd or TESSERACT)


def tesseract_languages() -> frozenset[str]:
    """Languages tesseract has data for (``tesseract --list-langs``), cached per executable."""
    cmd = _tesseract_cmd()
    with _probe_lock:
        if cmd in _tesseract_langs:
            return _tesseract_langs[cmd]
    try:
        proc = subprocess.run(
            [cmd, "--list-langs"],
            capture_output=True,
            env=child_env(),
            timeout=POPPLER_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise MissingDependencyError("chưa cài tesseract hoặc tesseract không có trong PATH") from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise MissingDependencyError(f"không chạy được tesseract: {exc}") from exc
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    if proc.returncode != 0:
        raise MissingDependencyError(f"tesseract --list-langs lỗi (mã thoát {proc.returncode}): {_first_line(out)}")
    langs = frozenset(line.strip() for line in out.splitlines() if _LANG_NAME.fullmatch(line.strip()))
    with _probe_lock:
        _tesseract_langs[cmd] = langs
    return langs


def check_tesseract(lang: str) -> None:
    """Raise :class:`MissingDependencyError` unless tesseract runs and has data for every part of ``lang``."""
    have = tesseract_languages()
    missing = [part for part in lang.split("+") if part not in have]
    if missing:
        raise MissingDependencyError(
            f"chưa cài dữ liệu ngôn ngữ Tesseract {'+'.join(missing)!r} (đã cài: {', '.join(sorted(have)) or 'không có'})"
        )


def check_poppler() -> None:
    """Raise :class:`MissingDependencyError` unless pdfinfo and pdftoppm are on PATH (cached)."""
    for tool in (PDFINFO, PDFTOPPM):
        if tool in _poppler_ok:
            continue
        if shutil.which(tool) is None:
            raise MissingDependencyError(f"chưa cài {tool} (poppler-utils) hoặc nó không có trong PATH")
        _poppler_ok.add(tool)


def clear_probe_cache() -> None:
    """Forget probe results (tests; after installing packages in a long-lived process)."""
    with _probe_lock:
        _tesseract_langs.clear()
        _poppler_ok.clear()


def tesseract_version() -> str:
    """The first line of ``tesseract --version``."""
    try:
        proc = subprocess.run([_tesseract_cmd(), "--version"], capture_output=True, env=child_env(), timeout=30, check=False)
    except FileNotFoundError as exc:
        raise MissingDependencyError("chưa cài tesseract hoặc tesseract không có trong PATH") from exc
    return _first_line((proc.stdout + proc.stderr).decode("utf-8", "replace"))


# ---------------------------------------------------------------------------- tesseract


def _tesseract_child(image_path: str, out_base: str, args: list[str], timeout: float) -> None:
    """Run ``tesseract IMAGE OUT_BASE ARGS…`` once, with the environment :func:`child_env` builds for this call.

    Raises what pytesseract raises for the same failures (:class:`TesseractNotFoundError`,
    :class:`TesseractError`, ``RuntimeError("Tesseract process timeout")``), so that one mapping
    (:func:`tesseract_tsv`) turns them into tieuchi's errors. pytesseract itself can only give a
    child its module-global ``environ``, which would mean changing it for the whole process.
    """
    image = os.path.realpath(image_path)  # as pytesseract does: a name starting with "-" is no option
    try:
        proc = subprocess.Popen([_tesseract_cmd(), image, out_base, *args], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())
    except FileNotFoundError as exc:
        raise _pt.TesseractNotFoundError() from exc
    try:
        _, stderr = proc.communicate(timeout=timeout or None)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise RuntimeError("Tesseract process timeout") from None
    if proc.returncode:
        raise _pt.TesseractError(proc.returncode, _pt.get_errors(stderr))


def _run_tesseract(image_path: str, lang: str, timeout: float, config: str) -> str:
    """Run tesseract on one image file and return its TSV; raises what pytesseract's ``image_to_data`` raises.

    The only function that runs tesseract for text: tests patch it to inject crashes and timeouts.
    The command line is the one pytesseract builds.
    """
    if _pt.get_tesseract_version(cached=True) < _pt.TESSERACT_MIN_VERSION:
        raise _pt.TSVNotSupported()
    with tempfile.TemporaryDirectory(prefix="tieuchi-tess-") as work:
        base = os.path.join(work, "out")
        _tesseract_child(image_path, base, ["-l", lang, "-c", "tessedit_create_tsv=1", *shlex.split(config)], timeout)
        with open(base + ".tsv", encoding="utf-8") as fh:
            return fh.read()


def tesseract_tsv(
    image_path: str,
    *,
    lang: str,
    timeout: float,
    config: str = "",
    path: str | None = None,
    page: int | None = None,
) -> str:
    """OCR one image file to Tesseract TSV, mapping every pytesseract failure to a typed error.

    ``path`` and ``page`` name the source document in error messages.
    """
    try:
        return _run_tesseract(image_path, lang, timeout, config)
    except _pt.TesseractNotFoundError as exc:
        raise MissingDependencyError("chưa cài tesseract hoặc tesseract không có trong PATH", path=path, page=page) from exc
    except (_pt.TSVNotSupported, _pt.ALTONotSupported) as exc:
        raise MissingDependencyError(f"tesseract quá cũ: {exc}", path=path, page=page) from exc
    except _pt.TesseractError as exc:
        detail = _clean_stderr(str(exc.message))
        if _MISSING_LANG.search(detail):
            raise MissingDependencyError(f"không nạp được dữ liệu ngôn ngữ Tesseract {lang!r}: {detail}", path=path, page=page) from exc
        raise OCRError(f"tesseract lỗi (mã thoát {exc.status}): {detail}", path=path, page=page) from exc
    except SystemExit as exc:  # pytesseract exits on an unparsable `tesseract --version`
        raise MissingDependencyError(f"tesseract không dùng được: {exc}", path=path, page=page) from exc
    except RuntimeError as exc:  # pytesseract's timeout is a bare RuntimeError
        if "timeout" in str(exc).lower():
            raise OCRTimeoutError(f"OCR quá thời gian ({timeout:g} s)", path=path, page=page) from exc
        raise OCRError(f"tesseract lỗi: {exc}", path=path, page=page) from exc
    except OSError as exc:  # cannot start it, or it left no output file
        raise OCRError(f"tesseract lỗi: {exc}", path=path, page=page) from exc


def _run_osd(image_path: str, timeout: float) -> str:
    """Run tesseract's orientation and script detection (``--psm 0``, Debian's ``tesseract-ocr-osd``).

    The only function that runs OSD: tests patch it as they patch :func:`_run_tesseract`.
    """
    with tempfile.TemporaryDirectory(prefix="tieuchi-osd-") as work:
        base = os.path.join(work, "out")
        _tesseract_child(image_path, base, ["--psm", "0", "-l", "osd"], timeout)  # what image_to_osd runs
        with open(base + ".osd", encoding="utf-8") as fh:
            return fh.read()


@dataclass(frozen=True)
class Osd:
    """What OSD says: turn the image ``rotate`` degrees clockwise to make it upright, and how sure it is."""

    rotate: int
    confidence: float


_osd_warned: list[bool] = []

_OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.M)
_OSD_CONF = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.M)


def tesseract_osd(image_path: str, *, timeout: float, path: str | None = None, page: int | None = None) -> Osd | None:
    """The page's orientation by Tesseract OSD, or None when OSD cannot tell (too little text).

    Without Debian's ``tesseract-ocr-osd`` the answer is None (turned pages are then read as they
    are) and one warning says what to install; a failed or timed-out run is an :class:`OCRError` /
    :class:`OCRTimeoutError` like OCR itself.
    """
    if "osd" not in tesseract_languages():
        if not _osd_warned:
            _osd_warned.append(True)
            log.warning("chưa cài dữ liệu hướng trang 'osd' của Tesseract: trang bị xoay được đọc như đang nằm "
                        "(cài bằng: %s)", MissingDependencyError.APT)
        return None
    try:
        out = _run_osd(image_path, timeout)
    except _pt.TesseractNotFoundError as exc:
        raise MissingDependencyError("chưa cài tesseract hoặc tesseract không có trong PATH", path=path, page=page) from exc
    except _pt.TesseractError as exc:
        detail = _clean_stderr(str(exc.message))
        if "Too few characters" in detail or "too few" in detail.lower():
            return None
        raise OCRError(f"tesseract không nhận ra được hướng trang (mã thoát {exc.status}): {detail}", path=path, page=page) from exc
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OCRTimeoutError(f"nhận hướng trang quá thời gian ({timeout:g} s)", path=path, page=page) from exc
        raise OCRError(f"tesseract không nhận ra được hướng trang: {exc}", path=path, page=page) from exc
    except OSError as exc:
        raise OCRError(f"tesseract không nhận ra được hướng trang: {exc}", path=path, page=page) from exc
    rot, conf = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
    if not rot or not conf:
        return None
    rotate = int(rot.group(1)) % 360
    if rotate not in (0, 90, 180, 270):
        return None
    return Osd(rotate=rotate, confidence=float(conf.group(1)))


def _clean_stderr(text: str) -> str:
    """Tesseract's stderr without the noise it always prints, in one line."""
    keep = [
        s.strip()
        for s in re.split(r"[\r\n]+|(?<=[.!])\s+(?=[A-Z])", text)
        if s.strip() and not s.strip().startswith(("Estimating resolution", "Warning: Invalid resolution"))
    ]
    return " ".join(keep)[:500] or "không có thông báo"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


# ---------------------------------------------------------------------------- poppler


@dataclass(frozen=True)
class PdfInfo:
    """What pdfinfo says about a PDF: page count and page sizes in points (w, h)."""

    pages: int
    sizes: dict[int, tuple[float, float]]
    encrypted: bool


_PAGES = re.compile(r"^Pages:\s+(\d+)", re.M)
_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.M)
_ENCRYPTED = re.compile(r"^Encrypted:\s+yes", re.M)


def _password_args(password: str | None) -> list[str]:
    return ["-upw", password] if password else []


def _poppler_failure(tool: str, path: str, password: str | None, stderr: str, page: int | None = None) -> InputError:
    """The typed error for a failed pdfinfo/pdftoppm run."""
    if "Incorrect password" in stderr:
        if password:
            return EncryptedPDFError("sai mật khẩu của tệp PDF mã hoá", path=path, page=page)
        return EncryptedPDFError("tệp PDF đã mã hoá: cần mật khẩu", path=path, page=page)
    detail = " ".join(line.strip() for line in stderr.splitlines() if line.strip())[:300] or "không có thông báo"
    return InputError(f"không đọc được PDF ({tool}): {detail}", path=path, page=page)


def _run_poppler(args: list[str], *, path: str, timeout: float, page: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a poppler tool, mapping a missing binary and a timeout to typed errors."""
    try:
        return subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise MissingDependencyError(f"chưa cài {args[0]} (poppler-utils) hoặc nó không có trong PATH") from exc
    except subprocess.TimeoutExpired as exc:
        if args[0] == PDFTOPPM:
            raise OCRTimeoutError(f"dựng ảnh trang quá thời gian ({timeout:g} s)", path=path, page=page) from exc
        raise InputError(f"{args[0]} quá thời gian ({timeout:g} s)", path=path, page=page) from exc


def pdf_info(path: str, password: str | None = None, *, sizes: bool = True) -> PdfInfo:
    """Page count, page sizes and encryption flag of a PDF (``pdfinfo``).

    Raises :class:`EncryptedPDFError` when a password is needed or wrong, :class:`InputError`
    when the file is not a readable PDF.
    """
    args = [PDFINFO, *_password_args(password)]
    if sizes:
        args += ["-f", "1", "-l", str(2**31 - 1)]
    proc = _run_poppler([*args, path], path=path, timeout=POPPLER_TIMEOUT)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    m = _PAGES.search(out)
    if proc.returncode != 0 or not m:
        raise _poppler_failure(PDFINFO, path, password, err or out)
    pages = int(m.group(1))
    if pages < 1:
        raise InputError("tệp PDF không có trang nào", path=path)
    found = {int(n): (float(w), float(h)) for n, w, h in _SIZE.findall(out)}
    return PdfInfo(pages=pages, sizes=found, encrypted=bool(_ENCRYPTED.search(out)))


def pdf_page_count(path: str, password: str | None = None) -> int:
    """Number of pages in a PDF (``pdfinfo``)."""
    return pdf_info(path, password, sizes=False).pages


PDFIMAGES = "pdfimages"
"""Lists the images a PDF page draws (``pdfimages -list``): :func:`rasterize_page` asks it which colours they hold."""
_GREY_IMAGES = frozenset({"gray", "-"})
"""``pdfimages -list`` colour spaces that cannot hold a coloured seal ("-": a 1-bit mask or stencil)."""


def rasterize_page(
    path: str,
    page: int,
    out_base: str,
    *,
    dpi: int,
    password: str | None = None,
    timeout: float = POPPLER_TIMEOUT,
    colour: bool | None = False,
) -> str:
    """Render one 1-based PDF page and return the image's path: 8-bit grey PGM (``pdftoppm -gray``),
    or with ``colour`` an RGB PPM; ``colour=None`` renders in colour only when the page draws an
    image that may hold colour (:func:`page_has_colour_images`: a scan in colour, a red seal).

    PGM/PPM, never PNG: PNG encoding is 6-51x slower than the rendering itself. One page per call,
    so a long scan never holds more than one page image per worker.
    """
    if colour is None:
        colour = page_has_colour_images(path, page, password=password, timeout=timeout)
    args = [
        PDFTOPPM, "-r", str(dpi), *([] if colour else ["-gray"]), "-f", str(page), "-l", str(page), "-singlefile",
        *_password_args(password), path, out_base,
    ]  # fmt: skip
    proc = _run_poppler(args, path=path, timeout=timeout, page=page)
    out = out_base + (".ppm" if colour else ".pgm")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0 or not os.path.exists(out):
        exc = _poppler_failure(PDFTOPPM, path, password, err, page=page)
        if isinstance(exc, EncryptedPDFError):
            raise exc
        raise OCRError(f"cannot rasterize page: {exc.detail}", path=path, page=page)
    if err.strip():
        log.debug("%s page %d: pdftoppm: %s", path, page, _first_line(err))
    return out


def page_has_colour_images(path: str, page: int, *, password: str | None = None, timeout: float = POPPLER_TIMEOUT) -> bool:
    """Whether page ``page`` draws an image in a colour space other than grey (``pdfimages -list``,
    about 10 ms: it reads the page's image headers, decodes nothing). A grey or 1-bit scan: False.
    When pdfimages is missing or fails, False (the page is read grey, as it always was)."""
    try:
        proc = subprocess.run([PDFIMAGES, "-list", "-f", str(page), "-l", str(page), *_password_args(password), path],
                              capture_output=True, timeout=timeout, check=False)
    except (FileNotFoundError, subprocess.TimeoutExpired) as exc:
        log.debug("%s page %d: pdfimages: %s", path, page, exc)
        return False
    if proc.returncode != 0:
        return False
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[2:]:
        cols = line.split()
        # page num type width height color comp bpc enc ...; smasks are alpha, not colour; an ICC
        # space of one component is grey
        if len(cols) > 6 and cols[2] == "image" and cols[5] not in _GREY_IMAGES and not (cols[5] == "icc" and cols[6] == "1"):
            return True
    return False
