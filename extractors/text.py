"""A run of lines joined into one searchable text that still knows each character's line."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ingest.models import Line


@dataclass
class Span:
    lines: list[Line]
    text: str = ""
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts, pos = [], 0
        for ln in self.lines:
            self.starts.append(pos)
            parts.append(ln.text)
            pos += len(ln.text) + 1
        self.text = "\n".join(parts)

    def line_at(self, offset: int) -> Line:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines[i]

    def lines_between(self, start: int, end: int) -> list[Line]:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        j = max(0, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.lines[i:j + 1]
