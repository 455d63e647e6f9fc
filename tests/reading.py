"""Reading a report written into a test's tmp_path, with a catalog file, the way the CLI does."""

from __future__ import annotations

import json

from audit import run_checks
from extractors import extract, load_catalog
from extractors.record import ReportRecord
from ingest import IngestConfig, read_document
from ingest.models import Document, Line, Page


def page_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` as page 1's lines, numbered 1, 2, … in order."""
    return [Line(page=1, number=k + 1, text=t) for k, t in enumerate(t for t in text.strip("\n").split("\n") if t.strip())]


def text_document(lines: list[Line], path: str = "legacy.txt") -> Document:
    """A one-page plain-text document of ``lines`` (legacy OCR text, as a .txt file is read)."""
    return Document(path=path, sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])


def read_with_catalog(tmp_path, text: str, catalog_path: str) -> ReportRecord:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    cat = load_catalog(catalog_path)
    rec = extract(read_document(str(path), IngestConfig()), cat)
    run_checks(rec, cat)
    return rec


def catalog_file(tmp_path_factory, name: str, data: dict) -> str:
    """A catalog set written for a test module, as a file the reader is given."""
    path = tmp_path_factory.mktemp("cat") / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)
