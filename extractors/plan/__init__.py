"""Draft a criteria framework from a plan (``tieuchi catalog from-plan PLAN --id ID``).

A plan (kế hoạch, quyết định) or an inspection plan that restates one lists its indicators in
one of three layouts, each with its reader:

- a table whose header names its columns ("STT | Tên chỉ tiêu | Giải thích chỉ tiêu | Đơn vị
  tính | Chỉ tiêu giao"), with a unit or a formula column: :mod:`extractors.plan.columns`;
- the annex table of numbered rows read as loose lines, garbled by OCR, wrapped above and below
  their number (the seed's "STT | Các chỉ tiêu | Thời gian hoàn thành | Cơ quan chủ trì"):
  :mod:`extractors.plan.annex`;
- bullet and numbered lists in the text ("- Tỷ lệ …: 80%.", "1. … không quá 1%"):
  :mod:`extractors.plan.lists`.

Targets keep their op and unit ("không quá 1%" → ``<=``, "dưới 5%" → ``<``, "36 Mb/s",
"90 thuê bao/100 dân": :mod:`extractors.plan.targets`); several targets in one indicator give
``target`` and ``measures``. Titles are kept as read (OCR garbles included): the result is a
draft for a person to review, codes and targets first.
"""

from extractors.plan.draft import PlanTable, draft_framework_from_plan, find_plan_tables
from extractors.plan.targets import parse_targets

__all__ = ["PlanTable", "draft_framework_from_plan", "find_plan_tables", "parse_targets"]
