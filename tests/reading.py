"""Reading a report written into a test's tmp_path, with a catalog file, the way the CLI does."""

from __future__ import annotations

import json

from audit import run_checks
from extractors import extract, load_catalog
from extractors.record import ReportRecord
from ingest import IngestConfig, read_document


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
