"""Draft a criteria framework from a plan's indicator table (``tieuchi catalog from-plan PLAN --id ID``).

A plan (kế hoạch, quyết định) or an inspection plan that restates one lists its indicators
in a table: STT | chỉ tiêu | (chỉ tiêu đến năm ... ) | thời gian hoàn thành | kết quả |
cơ quan chủ trì. Read from a text layer or from OCR, the table arrives as loose lines:
a row's wording wraps above and below the line that carries its number, the number
itself may be garbled ("S" for 5, "o5" for 25, "14" for 1.4), and the columns run
together on one line.

The reader works in three passes over each table:

1. *anchors*: lines that start with the code the numbering expects next (``1``, ``2``...
   or ``1.1``, ``1.2``, ``2.1``...), a few skipped codes allowed;
2. *gaps*: codes skipped in pass 1 are looked for between their neighbours, on lines
   that start with a short garbled token and carry the row's deadline ("Quý IV");
3. *rows*: loose lines between two code lines go to the later one from the last line
   that looks like the start of an indicator ("Tỷ lệ...", "100% các...", "Phấn đấu..."),
   to the earlier one before it. Group rows ("II | Dữ liệu số", "1 | Về Chính quyền số")
   end a row.

Targets come from the wording ("đạt trên 80%" → ``>`` 80 %, "Tối thiểu 90%" → ``>=``
90 %, "100% ..." → ``>=`` 100 %), or from the target column when the table has one
("Chỉ tiêu đến năm 2025": "100%", "9,6%", "300 xã"). Several targets in one indicator
give ``target`` and ``measures``. Titles are kept as read (OCR garbles included): the
result is a draft for a person to review, codes and targets first.
"""

from extractors.plan.draft import PlanTable, draft_framework_from_plan, find_plan_tables
from extractors.plan.targets import parse_targets

__all__ = ["PlanTable", "draft_framework_from_plan", "find_plan_tables", "parse_targets"]
