"""The audit's output: one problem found in a record."""

from __future__ import annotations

from extractors.record import FindingRecord


class Finding(FindingRecord):
    """One problem a check found: which check, on which criterion, how sure, and the message a reader sees.

    The shape is the record contract's (:class:`extractors.record.FindingRecord`, which the record's
    ``findings`` field is typed with): this class adds no field, so records serialize the same; it is
    the type the checks make, and it lives here, with the checks, not in the extractors' stage.
    """
