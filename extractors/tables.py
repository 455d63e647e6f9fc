"""Table-layout reports: rows of TT | nội dung chỉ tiêu | chỉ tiêu | kết quả | đánh giá | ghi chú.

Two shapes reach this module: rows with cells (ruled tables in text PDFs, OCR rows) and
loose lines, where a row's text wraps above and below the line that carries its code
(legacy OCR text, rows split across a page). Loose lines are given to the nearest code.
"""

from __future__ import annotations

from collections.abc import Mapping

from extractors.catalog import Framework
from extractors.record import CriterionRecord
from extractors.table_cells import _cell_rows, _group_of_row, _row_code, _row_tally
from extractors.table_header import _roles, has_table_header
from extractors.table_loose import _group_row, _loose_rows, group_row_claims
from extractors.table_row import _lost_decimal_comma, _percent_sign_lost, _row_verdict
from extractors.tallies import Claim
from ingest.models import Line

__all__ = ["extract_table_rows", "has_table_header", "_cell_rows", "_group_of_row", "_group_row", "_loose_rows",
           "_lost_decimal_comma", "_percent_sign_lost", "_roles", "_row_code", "_row_tally", "_row_verdict"]


def extract_table_rows(lines: list[Line], fw: Framework, page_units: Mapping[int, str]
                       ) -> tuple[list[CriterionRecord], list[Claim]]:
    """Criteria read from table rows; empty when the document has no table of this framework.

    Loose lines are read as rows only in a document with a table header: a narrative report's
    numbered headings are not table rows.
    """
    rows, claims = _cell_rows(lines, fw, page_units)
    cell_codes = set(rows)
    if has_table_header(lines):
        rows.update(_loose_rows(lines, fw, page_units, set(rows)))
        claims += [c for c in group_row_claims(lines, fw) if all(c.group != k.group for k in claims)]
    # a code at a line start that is not followed by something like the title is not a row; a row with
    # cells whose words read as its criterion's title is that criterion even where it states neither
    # numbers nor a verdict ('Có | Có | ', 'Chưa có số liệu', '-'): read with its fields empty
    return [r for r in rows.values() if r.reported_verdict is not None or r.numerator is not None
            or r.reported_percent is not None or r.value is not None
            or (r.code in cell_codes and r.match_score is not None and r.match_score >= EMPTY_ROW_TITLE)], claims


EMPTY_ROW_TITLE = 0.9
"""How well a row with cells that states no result must read as its criterion's title to be that criterion."""
