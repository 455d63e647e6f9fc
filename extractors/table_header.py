"""Table headers: each column's role from the vocabulary's header words, a header a page break
repeated into a row, and whether a text carries a results table's header at all."""

from __future__ import annotations

from functools import lru_cache

import regex

from extractors.vocab import fold_form, vocabulary
from ingest.models import Line
from ingest.normalize import fold_chars, match_key


@lru_cache(maxsize=1)
def _header_forms() -> tuple[tuple[str, str, regex.Pattern], ...]:
    """Every header word of the vocabulary with its role, compiled once."""
    return tuple((role, form, regex.compile(rf"{regex.escape(form)}\b"))
                 for role, forms in vocabulary().header_roles.items() for form in forms)


@lru_cache(maxsize=4096)
def _header_role(cell: str) -> tuple[str | None, int, bool]:
    """(role, length of the matched form, whether the whole cell is that form) of a header cell."""
    key = " ".join(fold_chars(cell).split()).strip(" .:()")
    best: tuple[str | None, int, bool] = (None, 0, False)
    for role, form, rx in _header_forms():
        whole = key == form
        if whole or (key.startswith(form) and rx.match(key)):
            if (whole, len(form)) > (best[2], best[1]):
                best = (role, len(form), whole)
    return best


def _roles(header: list[str]) -> dict[str, int]:
    """Column roles of a table header, from the vocabulary's header words.

    'Chỉ tiêu' names the indicator when no other column does, and the target otherwise; 'Yêu cầu'
    names the target when no other column does, and the explanation otherwise ('Số TT | Chỉ tiêu |
    Thời hạn | Yêu cầu | Số liệu thực hiện'); columns no word names are placed by the usual order
    … title | target | result | verdict | note.
    """
    found = [_header_role(c) for c in header]
    roles: dict[str, int] = {}
    ambiguous: list[int] = []
    required: list[int] = []
    for i, (role, _n, _whole) in enumerate(found):
        if role is None:
            continue
        key = " ".join(fold_chars(header[i]).split()).strip(" .:")
        if key == "chi tieu":
            ambiguous.append(i)
        elif key == "yeu cau":
            required.append(i)
        elif role not in roles:
            roles[role] = i
    for i in ambiguous:
        roles.setdefault("title" if "title" not in roles else "target", i)
    for i in required:
        roles.setdefault("target" if "target" not in roles else "explanation", i)
    if "code" not in roles and "stt" in roles:
        roles["code"] = roles.pop("stt")  # the running number is the only number: it may be the code
    if "code" not in roles and header and not header[0].strip():
        roles["code"] = 0
    if {"title", "result"} <= roles.keys():
        used = set(roles.values())
        free = [i for i in range(len(header)) if i not in used]
        between = [i for i in free if roles["title"] < i < roles["result"]]
        if "target" not in roles and len(between) == 1:
            roles["target"] = between[0]
        after = [i for i in free if i > roles["result"] and i < roles.get("note", len(header))]
        if "verdict" not in roles and after:
            roles["verdict"] = after[0]
    return roles


def _strip_header_echo(cells: list[str], header: list[str]) -> list[str]:
    """A row that a page break glued to the repeated header ('STT 3', 'Các chỉ tiêu Tiếp tục …'):
    each cell without the header's words."""
    keys = [match_key(h) for h in header]
    hits = sum(1 for c, k in zip(cells, keys, strict=False) if k and match_key(c).startswith(k + " "))
    if hits * 2 < max(1, sum(1 for c in cells if c.strip())):
        return cells
    out = []
    for c, k in zip(cells, keys + [""] * (len(cells) - len(keys)), strict=False):
        words = len(k.split())
        out.append(" ".join(c.split()[words:]) if k and match_key(c).startswith(k + " ") else c)
    return out


_HEADER_WORDS = regex.compile(r"\bn\w{0,2}[ijl1]\s+d\w{1,2}ng\b|\bc\w{1,3}c\s+ch\w\s+t\w{1,4}u\b")


def has_table_header(lines: list[Line]) -> bool:
    """Whether the text carries a results table's header ('TT | Nội dung chỉ tiêu | …'), even
    garbled ('Néi dung') or wrapped over a few lines.

    Any header vocabulary counts ('Tên tiêu chí', 'Chỉ tiêu', 'Kết quả', 'Tự đánh giá', 'Ghi chú'):
    a line that starts with the running-number column's word ('TT', 'STT') among lines that name
    at least three other column roles is a header, wrapped or not.
    """
    keys = [match_key(" ".join(ln.cells) if ln.cells else ln.text) for ln in lines]
    for i in range(len(keys)):
        window = " ".join(keys[max(0, i - 3):i + 4])
        if _HEADER_WORDS.search(keys[i]) and regex.search(r"\bs?tt\b", window):
            return True
        if _STT_START.match(keys[i]) and len(_roles_named(window)) >= 3:
            return True
    return False


_STT_START = regex.compile(r"^(?:s?tt|so tt)\b")


def _roles_named(text: str) -> set[str]:
    """The column roles (besides the number columns) whose header words occur in ``text``."""
    found = set()
    short = _abbreviations()
    for role, forms in vocabulary().header_roles.items():
        if role in ("stt", "code", "part", "whole"):  # 'tổng số' is common prose
            continue
        # (forms shorter than four letters are prose words — 'mã', 'quý' — except the listed abbreviations)
        if any((len(f) >= 4 or f in short) and regex.search(rf"\b{regex.escape(f)}\b", text) for f in forms):
            found.add(role)
    return found


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Header forms that are short but never words of prose ('ĐVT'), folded (vocabulary table_header_abbreviations)."""
    return frozenset(fold_form(r[0]) for r in vocabulary().raw.get("table_header_abbreviations", []))


_HEADER_EXTRA = {"den", "hien", "nam", "thuc", "ngay", "thang", "giao", "so", "va", "cua"}


def header_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines of every table header in a text of loose lines (a header repeated on
    each page, its labels wrapped over a few lines: 'Kết quả thực' / 'TT Tên chỉ tiêu ĐVT …' /
    '15/12/2024 giá'): the line that starts with 'TT'/'STT' among three or more named roles, and
    the lines next to it made only of header words and dates."""
    keys = [match_key(ln.text) if not ln.cells else "" for ln in lines]
    words = _header_vocab()
    out: set[int] = set()
    for i, key in enumerate(keys):
        if not _STT_START.match(key) or len(_roles_named(" ".join(keys[max(0, i - 3):i + 4]))) < 3:
            continue
        out.add(i)
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(keys) and abs(j - i) <= 4 and keys[j] and all(
                    _header_word(w, words) for w in keys[j].split()):
                out.add(j)
                j += step
    return out


def _header_vocab() -> set[str]:
    words = set(_HEADER_EXTRA)
    for forms in vocabulary().header_roles.values():
        for f in forms:
            words.update(f.split())
    return words


_SLASH_PART = regex.compile(r"[dpb][a4i][tyr]|ch[uw][a4]|ngu[o0]n")
"""Parts of a header label written with a slash, even garbled: 'Đạt/Chưa đạt' ('Pay/Chwa', 'Dar/Chua'), 'Ghi
chú/Nguồn số liệu'. No cell of a row joins 'đạt' and 'chưa' with a slash."""


def _header_word(w: str, words: set[str]) -> bool:
    """Whether a folded word can be a header label's: a header word, a date ('30/11/2024'), or a slash compound
    of header words and the parts of 'Đạt/Chưa đạt' / 'Ghi chú/Nguồn' ('day/chua', 'chu/nguon')."""
    if w in words or regex.fullmatch(r"[\d/.]+", w):
        return True
    parts = w.split("/")
    return len(parts) > 1 and all(p in words or _SLASH_PART.fullmatch(p) for p in parts)
