"""tieuchi's errors: one hierarchy for every stage, each error knowing its exit code, its stable
English ``kind`` and what the user can do next.

Stage 0: this module imports only the standard library, so ingest, extractors, audit and the
CLI all import it without pulling each other in. The library raises these; only the CLI prints
them (:meth:`TieuchiError.user_message`) and maps them to an exit code (``exit_code``), in one
place. Every message names the file (and the page where there is one), so that a batch log line
is self-explanatory. ``str(error)`` is the message without the advice: that is what a record's
``errors[].message`` keeps.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``tieuchi`` returns (as OCRmyPDF does: one named code per kind of outcome)."""

    ok = 0
    """Every input was read; findings are data, not failures."""
    input_error = 1
    """Some input could not be read; the others were still processed and written."""
    usage = 2
    """Bad usage (an unknown option, a file that cannot be written) or a malformed catalog."""
    missing_dependency = 3
    """An external program (tesseract, its Vietnamese data, poppler) is missing."""
    store_error = 4
    """The results database cannot be used (corrupt, another program's file, a newer schema)."""
    interrupted = 130
    """Ctrl-C (128 + SIGINT)."""


class TieuchiError(Exception):
    """Base class. ``exit_code`` is what the CLI returns when this stops a command; ``hint`` says what to do."""

    exit_code: ExitCode = ExitCode.input_error
    kind = "error"
    hint = ""

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None, hint: str | None = None) -> None:
        self.path = path
        self.page = page
        self.detail = message
        if hint is not None:
            self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or ""
        if self.page is not None:
            where = f"{where} trang {self.page}" if where else f"trang {self.page}"
        return f"{where}: {self.detail}" if where else self.detail

    def user_message(self) -> str:
        """The line the CLI prints: the message, then what to do next."""
        return f"{self} — {self.hint}" if self.hint else str(self)


class UsageError(TieuchiError):
    """The command line asks for something impossible (an option's value, an output that cannot be written)."""

    exit_code = ExitCode.usage
    kind = "usage"
    hint = "xem `tieuchi LỆNH --help`"


class CatalogError(TieuchiError):
    """The criteria catalog is malformed; the message names framework and code."""

    exit_code = ExitCode.usage
    kind = "catalog"
    hint = "sửa tệp danh mục rồi kiểm tra bằng `tieuchi catalog validate TỆP`"


class StoreError(TieuchiError):
    """The SQLite results store cannot be created, opened or used."""

    exit_code = ExitCode.store_error
    kind = "store"
    hint = "dùng tệp --db khác, hoặc chuyển tệp này đi rồi chạy lại (các tài liệu sẽ được đọc lại)"


class InputError(TieuchiError):
    """The input file cannot be read as a report (missing, empty, binary, corrupt...)."""

    kind = "input"
    hint = "kiểm tra tệp: mở được và đúng loại (.pdf, ảnh .png/.jpg/.tif, .txt)"


class EncryptedPDFError(InputError):
    kind = "encrypted"
    hint = "chạy lại với --password MẬT_KHẨU"


class LimitExceededError(InputError):
    kind = "limit"
    hint = "tách tài liệu, hoặc nới giới hạn (--max-pages)"


class MissingDependencyError(TieuchiError):
    """An external program (tesseract, its language data, pdftoppm) is not installed.

    The message itself ends with the apt command, so ``hint`` stays empty.
    """

    exit_code = ExitCode.missing_dependency
    kind = "missing_dependency"

    APT = "apt-get update && apt-get install -y tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils"

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None) -> None:
        super().__init__(f"{message} (cài bằng: {self.APT})", path=path, page=page)


class OCRError(TieuchiError):
    """Tesseract failed on a page."""

    kind = "ocr_failed"
    hint = "xem ảnh quét của trang đó; thử lại với --dpi khác"


class OCRTimeoutError(OCRError):
    kind = "ocr_timeout"
    hint = "tăng thời gian cho mỗi trang (--page-timeout GIÂY)"


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


__all__ = [
    "CatalogError", "EncryptedPDFError", "ExitCode", "InputError", "InternalError", "LimitExceededError", "MissingDependencyError",
    "OCRError", "OCRTimeoutError", "StoreError", "TieuchiError", "UsageError",
]
