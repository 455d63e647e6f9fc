"""The list reader: indicators written as bullet or numbered lists in a plan's text.

"- Tỷ lệ hộ gia đình có cáp quang: 80%." / "1. Tỷ lệ hồ sơ trễ hạn không quá 1%" / "+ Tốc độ
… đạt 36 Mb/s". An item that states a target is an indicator; an item without one that is
short (or ends with a colon) is a group heading ("I. HẠ TẦNG SỐ", "2. Chính quyền số",
"- Về kinh tế số:"); anything else is prose and is skipped. A numbered item keeps its number as
its code; a bulleted one is numbered within its group ("1.1", "1.2"; "1", "2" with no groups).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.catalog import Criterion, Group
from extractors.plan.common import deadline_of, line_text, tidy
from extractors.plan.targets import find_targets, unit_kind
from ingest.models import Line
from ingest.normalize import match_key

_BULLET = regex.compile(r"^\s*[-–+•*▪◦·]\s*(?P<rest>\S.*)$")
_NUMBERED = regex.compile(r"^\s*(?P<code>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+(?P<rest>\S.*)$"
                          r"|^\s*(?P<code>\d{1,2})[.)]\s+(?P<rest>\S.*)$"
                          r"|^\s*(?P<code>[IVX]{1,4})[.)]\s+(?P<rest>\S.*)$"
                          r"|^\s*(?P<code>[a-zđ])\)\s+(?P<rest>\S.*)$")
_PROSE_START = regex.compile(r"^(?:thuc hien|can cu|nham|de\b|trong do|ghi chu|noi nhan)")


@dataclass
class _Item:
    code: str | None  # as written ("1", "1.2", "II", "a"); None for a bullet
    text: str
    lines: list[Line] = field(default_factory=list)
    bullet: str = ""


def _items(lines: list[Line]) -> list[_Item]:
    """Bullet and numbered items, each with the wrapped lines that continue it."""
    widths = sorted(len(line_text(ln).strip()) for ln in lines if line_text(ln).strip())
    full = widths[int(len(widths) * 0.9)] if widths else 80
    items: list[_Item] = []
    open_item: _Item | None = None
    for ln in lines:
        text = line_text(ln).strip()
        if not text:
            open_item = None
            continue
        m = _NUMBERED.match(text)
        b = _BULLET.match(text) if not m else None
        if m:
            open_item = _Item(m["code"], m["rest"].strip(), [ln])
            items.append(open_item)
        elif b:
            open_item = _Item(None, b["rest"].strip(), [ln], bullet=text.lstrip()[0])
            items.append(open_item)
        elif open_item is not None and len(line_text(open_item.lines[-1]).strip()) >= 0.6 * full \
                and not open_item.text.rstrip().endswith((":", ";")):
            open_item.text += " " + text  # a wrapped line of the item above
            open_item.lines.append(ln)
        else:
            open_item = None  # prose
    return items


def _heading(item: _Item) -> bool:
    words = match_key(item.text).split()
    return bool(words) and (item.text.rstrip().endswith(":") and len(words) <= 16 or len(words) <= 10) \
        and not _PROSE_START.match(" ".join(words))


def _criterion(code: str, item: _Item) -> Criterion:
    text = " ".join(item.text.split())
    hits = find_targets(text)
    colon = text.find(":")
    if 0 < colon < (hits[0][0] if hits else len(text)):
        after = text[colon + 1:]
        tail = find_targets(after, target_col=True)
        if tail:
            hits = [(colon + 1 + at, t) for at, t in tail]
            text_title = text[:colon]
        else:
            text_title = text
    else:
        text_title = text
    title = tidy(regex.sub(r"[.;,]+\s*$", "", text_title))
    targets = [t for _, t in hits]
    kind = unit_kind(targets[0].unit) if targets else None
    return Criterion(code=code, title=title or f"(chỉ tiêu {code})", kind=kind or "task",
                     target=targets[0] if targets else None, measures=list(targets[1:]),
                     deadline=deadline_of(text)[0])


def read_list(lines: list[Line]) -> tuple[list[Group], list[Criterion]]:
    """Groups and ungrouped indicators of a plan written as lists (both empty when there are none).

    An item without a target that is not a heading is a task, kept where its group (or the
    ungrouped list) has indicators with targets too; elsewhere it is the plan's prose."""
    sections: list[tuple[Group | None, list[tuple[_Item, bool]]]] = [(None, [])]
    n_groups = 0
    for item in _items(lines):
        has_target = bool(find_targets(item.text))
        if not has_target and _heading(item):
            n_groups += 1
            code = item.code or str(n_groups)
            sections.append((Group(code=code, title=tidy(regex.sub(r"[:.;]+\s*$", "", item.text)), criteria=[]), []))
            continue
        sections[-1][1].append((item, has_target))
    groups: list[Group] = []
    loose: list[Criterion] = []
    for group, items in sections:
        if not any(t for _, t in items):
            continue
        out = group.criteria if group else loose
        for k, (item, _) in enumerate(items, start=1):
            if item.code and regex.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,2}", item.code):
                code = item.code
            else:
                code = f"{group.code}.{k}" if group else str(k)
            out.append(_criterion(code, item))
        if group:
            groups.append(group)
    return groups, loose
