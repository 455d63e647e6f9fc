"""tieuchi's errors: one hierarchy, each error knowing its message and exit code.

The library raises these; only the CLI prints them. Every message names the file
(and the page where there is one) so that a batch log line is self-explanatory.
"""

from __future__ import annotations


class TieuchiError(Exception):
    """Base class. ``exit_code`` is what the CLI returns when this stops a command."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None) -> None:
        self.path = path
        self.page = page
        self.detail = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or ""
        if self.page is not None:
            where = f"{where} page {self.page}" if where else f"page {self.page}"
        return f"{where}: {self.detail}" if where else self.detail


class UsageError(TieuchiError):
    exit_code = 2
    kind = "usage"


class CatalogError(TieuchiError):
    """The criteria catalog is malformed; the message names framework and code."""

    exit_code = 2
    kind = "catalog"


class InputError(TieuchiError):
    """The input file cannot be read as a report (missing, empty, binary, corrupt...)."""

    kind = "input"


class EncryptedPDFError(InputError):
    kind = "encrypted"


class LimitExceededError(InputError):
    kind = "limit"


class MissingDependencyError(TieuchiError):
    """An external program (tesseract, its language data, pdftoppm) is not installed."""

    exit_code = 3
    kind = "missing_dependency"

    APT = "apt-get update && apt-get install -y tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils"

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None) -> None:
        super().__init__(f"{message} (install with: {self.APT})", path=path, page=page)


class OCRError(TieuchiError):
    """Tesseract failed on a page."""

    kind = "ocr_failed"


class OCRTimeoutError(OCRError):
    kind = "ocr_timeout"


class InternalError(Exception):
    """A bug, not bad input: an unexpected exception while reading one page of a document.

    Deliberately not a :class:`TieuchiError`, so that page schedulers which record a page's typed
    error and go on do not swallow it: it ends the document, whose record then says where it
    happened (the pipeline turns it into an ``internal`` error record; other inputs go on).
    """

    kind = "internal"

    def __init__(self, cause: BaseException, *, path: str | None = None, page: int | None = None) -> None:
        self.cause = cause
        self.path = path
        self.page = page
        super().__init__(f"{type(cause).__name__}: {cause}")
