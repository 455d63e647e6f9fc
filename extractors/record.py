"""The extraction record: the output contract (../shared/docs/record-contract.md).

Key names follow the contract; extra keys only add. Numbers as written are ints or
floats parsed from the report's text, and each carries its raw text in ``evidence``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractors.catalog import Target

SCHEMA_VERSION = 1
Verdict = Literal["dat", "chua_dat", "vuot"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentHeader(_Model):
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    number_raw: str | None = None
    date_raw: str | None = None
    issuer_raw: str | None = None


class Measure(_Model):
    """One fraction or percent the criterion's text states, with where it was read."""

    numerator: int | None = None
    denominator: int | None = None
    percent: float | None = None
    raw: str


class CriterionRecord(_Model):
    code: str
    title: str
    target: Target | None = None
    target_raw: str | None = None
    target_source: Literal["report", "catalog"] | None = None
    catalog_target: Target | None = None
    """The catalog's target; audit judges verdicts against ``target`` or, when the report writes none, this."""
    numerator: int | None = None
    denominator: int | None = None
    reported_percent: float | None = None
    percent_raw: str | None = None
    value: float | None = None
    """A measured value that is not a fraction ("30,28 Mb/s" → 30.28), in ``value_unit``."""
    value_unit: str | None = None
    """The value's unit as the catalog names it ("Mb/s", "thuê bao/100 dân")."""
    value_raw: str | None = None
    fraction_raw: str | None = None
    computed_percent: float | None = None
    reported_verdict: Verdict | None = None
    computed_verdict: Verdict | None = None
    verdict_raw: str | None = None
    page: int | None = None
    page_end: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    bbox_unit: Literal["pt", "px"] | None = None
    crop: str | None = None
    """PNG of the evidence region, when ``--crops`` asked for one."""
    evidence: str = ""
    match_score: float = 0.0
    heading_code: str | None = None
    """The number printed before the title, when it differs from ``code`` (a mis-numbered criterion)."""
    title_code: str | None = None
    """The code the title alone matches best, when it differs from ``code``."""
    measures: list[Measure] = Field(default_factory=list)
    parts: list[int] = Field(default_factory=list)
    parts_whole: int | None = None
    parts_raw: str | None = None
    ocr_conf: float | None = None
    low_confidence: bool = False
    notes: list[str] = Field(default_factory=list)


class GroupRecord(_Model):
    code: str
    title: str = ""
    criteria_total: int
    reported_passed: int | None = None
    reported_total: int | None = None
    counted_passed: int
    evidence: str | None = None
    page: int | None = None


class SummaryRecord(_Model):
    criteria_total: int
    reported_passed: int | None = None
    reported_total: int | None = None
    counted_passed: int
    evidence: str | None = None
    page: int | None = None


class FindingRecord(_Model):
    """A finding as the record keeps it: the contract's shape. The audit makes them (:class:`audit.finding.Finding`,
    which adds nothing to this shape, so the JSON is the same); records read back from JSON hold this class."""

    def __eq__(self, other: object) -> bool:
        """Equal when the content is, whichever class made it: a record read back equals the audited one saved."""
        if not isinstance(other, FindingRecord):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    check: str
    code: str | None
    severity: Literal["error", "warning", "info"] = "error"
    message: str
    suspect_ocr: bool = False
    cause: str | None = None
    cause_kind: str | None = None
    """A stable English key for the likely cause ('swapped', 'transposed', 'decimal_slip',
    'other_fraction', 'ocr_misread'); ``cause`` and ``message`` are in Vietnamese."""
    page: int | None = None


class ErrorItem(_Model):
    kind: str
    message: str
    page: int | None = None


class ReportRecord(_Model):
    schema_version: int = SCHEMA_VERSION
    source: str
    sha256: str
    framework: str | None = None
    framework_score: float | None = None
    provisional: bool = False
    """True when no catalog framework fitted and the criteria are the report's own, as written."""
    layout: Literal["narrative", "table", "unknown"] = "unknown"
    document: DocumentHeader = Field(default_factory=DocumentHeader)
    pages: int = 0
    page_sources: list[str] = Field(default_factory=list)
    criteria: list[CriterionRecord] = Field(default_factory=list)
    groups: list[GroupRecord] = Field(default_factory=list)
    summary: SummaryRecord | None = None
    findings: Sequence[FindingRecord] = Field(default_factory=list)
    """A list; typed read-only so that the audit's :class:`audit.finding.Finding` list can be stored as it is."""
    unread_codes: list[str] = Field(default_factory=list)
    """Criteria of the framework whose heading or row the document shows but the tool could not read:
    never reported as missing (audit notes them as ``not_read``)."""
    status: Literal["ok", "partial", "error"] = "ok"
    errors: list[ErrorItem] = Field(default_factory=list)
    tool_version: str = ""
    catalog_sha256: str = ""
