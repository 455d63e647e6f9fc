"""The Jinja2 environment the static report and the review app share (autoescaped, strict)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from extractors.record import CriterionRecord
from tieuchi.review.decisions import FIELD_LABELS, STATUS_LABELS, show_value

VERDICT_LABEL = {"dat": "Đạt", "vuot": "Vượt", "chua_dat": "Chưa đạt"}
DOC_STATUS_LABEL = {"ok": "đọc được", "partial": "đọc một phần", "error": "lỗi"}
DECISION_LABELS = {"confirmed": "đã xác nhận", "dismissed": "đã bỏ qua", "corrected": "đã sửa", "reviewed": "đã duyệt xong",
                   "cleared": "đã hoàn tác", "discarded": "đã bỏ khi xem lại", "moved": "đã chuyển sang tệp mới"}


def pct(v: float | None) -> str:
    return "" if v is None else (f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%")


def frac(c: CriterionRecord) -> str:
    return f"{c.numerator}/{c.denominator}" if c.numerator is not None and c.denominator is not None else ""


def short_time(t: float | None) -> str:
    """A decision's time as a reviewer reads it (local time, to the minute)."""
    return "" if t is None else datetime.fromtimestamp(t).strftime("%d/%m/%Y %H:%M")


def field_label(name: str) -> str:
    if name.startswith("finding:"):
        return f"phát hiện {name.removeprefix('finding:')}"
    return FIELD_LABELS.get(name) or {"values": "giá trị", "document": "cả tài liệu"}.get(name, name)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("tieuchi.review", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pct=pct, frac=frac, when=short_time, field=field_label, value=lambda v, name: show_value(name, v),
                       verdict=lambda v: VERDICT_LABEL.get(v or "", ""))
    env.globals.update(STATUS_LABELS=STATUS_LABELS, DECISION_LABELS=DECISION_LABELS, STATUS=DOC_STATUS_LABEL,
                       VERDICT_LABEL=VERDICT_LABEL)
    return env
