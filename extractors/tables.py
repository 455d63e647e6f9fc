"""Table-layout reports (placeholder until the table extractor lands)."""

from __future__ import annotations

from extractors.catalog import Framework
from extractors.record import CriterionRecord
from ingest.models import Line


def extract_table_rows(lines: list[Line], fw: Framework, page_units: dict[int, str]) -> list[CriterionRecord]:
    return []
