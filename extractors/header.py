"""Header fields: số ký hiệu, date, issuer — read from the first page's header block.

The issuer comes from the header's own structure: the issuing body's lines in the left column
("ỦY BAN NHÂN DÂN" / "HUYỆN NGA SƠN", "UBND XÃ …", "UBND TỈNH …" / "SỞ …", "BAN CHỈ ĐẠO …"),
wherever they are on the first page, with the national motto's column ("CỘNG HÒA XÃ HỘI …",
"Độc lập - Tự do - Hạnh phúc") cut off. Where the header has no such lines, the place-and-date
line ("TP. Thanh Hóa, ngày …") and the report's title ("… trên địa bàn huyện X") name it.
Body sentences ("UBND huyện X đã ban hành …") never do. The place list (data/places.json) only
repairs spelling; a unit it does not know keeps its own words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from rapidfuzz import fuzz

from extractors.record import DocumentHeader
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

_DATA = Path(__file__).resolve().parent / "data" / "places.json"

# "Số: 12/BC-UBND", "Số 12 /BC-UBND" (no colon: only at the start of a line), "Số: 05/2025/QĐ-UBND"
_TYPE_PART = r"([a-z0-9đ]+(?:\s*-\s*[a-z0-9đ]+){0,3})"
_NUMBER = regex.compile(r"(?:^|\s)s[^\s:;]{0,2}\s*[:;.]\s*(\d{1,5})\s*/\s*(?:(\d{4})\s*/\s*)?" + _TYPE_PART)
_NUMBER_BARE = regex.compile(r"^\W{0,3}s[^\s:;\d]{0,2}\s+(\d{1,5})\s*/\s*(?:(\d{4})\s*/\s*)?" + _TYPE_PART)
_DATE = regex.compile(
    r"ng\S{1,3}\s*(\d{1,2})\s*th\S{2,4}?\s*([0-9;:|li]{1,2})\s*[,;]?\s*n\S{1,3}\s*(\d{4})"
)
# "…, ngày 05/9/2025": only in the header block, and not a citation ("… ngày 18/3/2024 của UBND tỉnh")
_DATE_SLASH = regex.compile(r"ng\S{1,3}\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\s*(?:cua|ve)\b)")
# the document's kind, set apart under the header: where the header block ends
_TITLE = regex.compile(r"^\W*(?:bao c\S{1,2}o|ke ho\S{1,2}ch|to trinh|quyet dinh|thong bao|cong van|chuong trinh|"
                       r"ket luan|bien ban)\W*$")
_PLACE = regex.compile(r"(?<![\w.\-/])(?P<place>(?:[^\W\d_][\w.]*\s+){0,4}[^\W\d_][\w.]*)\s*,\s*ng\S{1,3}\s*\d")


@lru_cache(maxsize=1)
def _places() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        data = json.load(fh)
    data["_units"] = [(t, n, match_key(n)) for t, n in data["units"]]
    data["_types"] = sorted(data["unit_types"].items(), key=lambda kv: -len(kv[0]))
    data["_heads"] = [(h, match_key(h).split()) for h in sorted(data["body_heads"], key=lambda h: -len(h))]
    data["_bodies"] = [(b, match_key(b)) for b in data["bodies"]]
    return data


def _repair_type(token: str) -> str:
    rep = _places()["doc_type_repairs"]
    return "-".join(rep.get(t.upper(), t.upper()) for t in regex.split(r"\s*-\s*", token.strip()))


def find_number(lines: list[Line]) -> tuple[str | None, str | None]:
    for line in lines:
        folded = fold_chars(line.text)
        m = _NUMBER.search(folded) or _NUMBER_BARE.search(folded.lower())
        if m:
            raw = line.text[m.start(1):m.end(3)]
            year = f"{m[2]}/" if m[2] else ""
            return f"{m[1]}/{year}{_repair_type(line.text[m.start(3):m.end(3)])}", raw
    return None, None


def _date_in(line: Line, slash: bool) -> tuple[str | None, str | None]:
    folded = fold_chars(line.text)
    m = _DATE.search(folded)
    month_s = regex.sub(r"[;:|li]", "1", m[2]) if m else ""
    if not m and slash:
        m = _DATE_SLASH.search(folded.lower())
        month_s = m[2] if m else ""
    if not m or not month_s.isdigit():
        return None, None
    day, month, year = int(m[1]), int(month_s), int(m[3])
    if 1 <= day <= 31 and 1 <= month <= 12:
        return f"{year:04d}-{month:02d}-{day:02d}", line.text[m.start():m.end()]
    return None, None


def find_date(lines: list[Line], header_lines: int | None = None) -> tuple[str | None, str | None]:
    """The issue date; ``dd/mm/yyyy`` only within the first ``header_lines`` lines (the header block)."""
    limit = len(lines) if header_lines is None else header_lines
    for i, line in enumerate(lines):
        found = _date_in(line, slash=i < limit)
        if found[0]:
            return found
    return None, None


# ---- issuer ------------------------------------------------------------------------------------

@dataclass
class _Part:
    """One issuing-body line of the header (its left column)."""

    kind: str  # "ubnd" (ỦY BAN NHÂN DÂN, nothing after it), "unit" (UBND + type + name), "place" (type + name), "body"
    text: str
    raw: str
    utype: str | None = None
    name: str | None = None


def _tokens(text: str) -> list[tuple[str, str]]:
    """(word as written, its match key) for each word of ``text`` that has a letter or digit."""
    out = []
    for w in text.split():
        k = match_key(w).strip(" .,;:-–|'\"()[]")
        if k:
            out.append((w, k))
    return out


def _left_column(text: str) -> str:
    """The line without the national motto's column ("CỘNG HÒA XÃ HỘI …", "Độc lập - Tự do …")."""
    words = list(regex.finditer(r"\S+", text))
    keys = [match_key(w[0]) for w in words]
    for i in range(len(words)):
        two = " ".join(keys[i:i + 2])
        if len(keys) > i + 1 and fuzz.ratio(two, "cong hoa") >= 75 and fuzz.ratio(" ".join(keys[i + 2:i + 4]), "xa hoi") >= 60:
            return text[:words[i].start()]
        if fuzz.ratio(two, "doc lap") >= 70 and regex.match(r"\s*[-–]", text[words[min(i + 1, len(words) - 1)].end():]):
            return text[:words[i].start()]
        if keys[i] == "-" and i >= 2 and fuzz.ratio(" ".join(keys[i + 1:i + 3]), "tu do") >= 60:
            return text[:words[i - 2].start()]
    return text


def _unit_type(keys: list[str]) -> tuple[str | None, int]:
    """The unit type the keys start with ("thị xã", 2 words used), fuzzy for OCR ("huy€n", "thanh phé").

    Words that are a known unit's own name ("Quan Hóa", "Thanh Hóa") are no type."""
    return _unit_type_at(tuple(keys[:4]))


@lru_cache(maxsize=4096)
def _unit_type_at(keys: tuple[str, ...]) -> tuple[str | None, int]:
    if any(" ".join(keys[:len(w.split())]) == w for w in _places()["not_units"]):
        return None, 0
    for key, proper in _places()["_types"]:
        parts = key.split()
        got = keys[:len(parts)]
        if len(got) < len(parts):
            continue
        joined = " ".join(got)
        if joined == key or (len(key) >= 5 and all(len(g) >= 2 for g in got) and fuzz.ratio(joined, key) >= 80
                             and joined[0] == key[0]):
            if len(key) <= 4 and not _known_name(keys[len(parts):]) and _known_name(keys, parts[0]):
                return None, 0  # "Quan Hóa" is a name, not "quận Hóa"; "quận Hoàn Kiếm" is a type
            return proper, len(parts)
    return None, 0


def _known_name(keys: tuple[str, ...], first: str | None = None) -> bool:
    """Whether the keys start with a unit name the place list knows (``first``: one whose first word
    is that word as written: "Quan Hóa" starts with "quan"; "Xã Trưng Trắc" is not "Hà Trung")."""
    for _, _, nkey in _places()["_units"]:
        w = len(nkey.split())
        if first is not None and nkey.split()[0] != first:
            continue
        if len(keys) >= w and fuzz.ratio(" ".join(keys[:w]), nkey) >= 85:
            return True
    return False


def _is_ubnd(keys: list[str]) -> int:
    """How many words 'UBND' / 'ỦY BAN NHÂN DÂN' takes at the start (0 when not there)."""
    if keys and (keys[0] in ("ubnd", "ubnđ") or (len(keys[0]) == 4 and fuzz.ratio(keys[0], "ubnd") >= 75)):
        return 1
    if len(keys) >= 4 and fuzz.ratio(" ".join(keys[:4]), "uy ban nhan dan") >= 75:
        return 4
    return 0


def _body_head(keys: list[str]) -> int:
    for _, parts in _places()["_heads"]:
        if keys[:len(parts)] == parts:
            return len(parts)
    return 0


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _name_words(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words of a unit's name: letters only, up to five, OCR crumbs at the end dropped."""
    out = []
    for w, k in tokens:
        if not regex.search(r"\p{L}", w) or regex.fullmatch(r"\d+", k):
            break
        out.append((w, k))
    while out and len(out[-1][1]) <= 1:
        out.pop()
    return out[:5]


def _header_part(text: str, continuing: bool = False) -> _Part | None:
    """One issuing-body line, or None. ``continuing``: the line right under a body's line, where a word
    that folds like a body's head but is written as another ('SỐ' of a wrapped '… chuyển đổi SỐ VÀ …' is
    no 'Sở'; places.json ``head_lookalikes``) continues that body's name."""
    left = _left_column(text).strip()
    if not left or not _mostly_upper(left):
        return None
    toks = _tokens(left)
    keys = [k for _, k in toks]
    # a committee's name runs long ('Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số')
    if not keys or len(keys) > (24 if _body_head(keys) else 16) or regex.search(r"\d{2,}", left):
        return None
    n = _is_ubnd(keys)
    if n:
        utype, m = _unit_type(keys[n:])
        name = _name_words(toks[n + m:]) if utype else []
        if not utype:
            return _Part("ubnd", left, text) if len(keys) == n else None
        if not name and len(keys) == n + m:
            return _Part("ubnd", left, text)  # 'ỦY BAN NHÂN DÂN XÃ' / 'PHÚC HÒA': the name wrapped onto the next line
        return _Part("unit", left, text, utype, " ".join(w for w, _ in name)) if name else None
    utype, m = _unit_type(keys)
    if utype:
        name = _name_words(toks[m:])
        return _Part("place", left, text, utype, " ".join(w for w, _ in name)) if name else None
    if _body_head(keys) and len(keys) >= 2 and not (continuing and toks[0][0].lower() in _places()["head_lookalikes"]):
        return _Part("body", left, text)
    return None


def _title_case(words: str) -> str:
    """'NGA SƠN' → 'Nga Sơn': each syllable of a proper name capitalized, as Vietnamese writes them."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


def _spell_unit(utype: str, name: str, threshold: float = 85) -> str | None:
    """The gazetteer's spelling of ``name`` for a unit of type ``utype``, or None."""
    key = match_key(name)
    best, best_score = None, 0.0
    for t, n, nkey in _places()["_units"]:
        if t != utype:
            continue
        s = fuzz.ratio(key, nkey)
        words = key.split()
        if len(words) > len(nkey.split()):
            s = max(s, fuzz.ratio(" ".join(words[:len(nkey.split())]), nkey) - 3)
        if s > best_score:
            best, best_score = n, s
    return best if best_score >= threshold else None


PLACE_AGREES = 70
"""How well a header's unit name must agree with the place of issue to take the place's spelling."""


def _unit_name(utype: str, name: str, place: str | None = None) -> str:
    """The unit's name as the gazetteer spells it; where OCR garbled the header's name past that
    ("Clien Bàn"), the place of issue's ("Dien Ban, ngày …"), when the two agree."""
    spelled = _spell_unit(utype, name)
    if spelled is None and place:
        key, pkey = match_key(name), match_key(place)
        # garbled past the gazetteer ("Clien Bàn" / "Dien Ban"), or wrapped and its rest lost ("NÔNG" /
        # "Nong Cong, ngày …": the place's words start with the header's)
        if fuzz.ratio(key, pkey) >= PLACE_AGREES or (key and pkey.split()[:len(key.split())] == key.split()):
            spelled = _spell_unit(utype, place)
    return f"{utype} {spelled or _title_case(name)}"


BODY_ENDS_COVER = 0.7   # share of a listed body's words an OCR'd name must give word for word, from both ends
BODY_ENDS_GARBLE = 4    # at most this many OCR'd words between the agreeing ends


def _body_by_ends(key: str) -> str | None:
    """A listed body whose name OCR garbled in its middle ('Bạn Chỉ đạo phát triển bc s2” sàn công đổi
    mới sáng. tạo và chuyển đổi số', a word lost or split): its words agree one for one from the start
    and from the end, and those ends cover most of its words. The best-covered body wins; a tie (two
    bodies that differ only in the garbled words) is no repair."""
    words = [w for w in key.split() if len(w) >= 2]
    same = (lambda a, b: fuzz.ratio(a.strip(".,;:"), b.strip(".,;:")) >= 80)  # noqa: E731
    scored = []
    for name, bkey in _places()["_bodies"]:
        bwords = bkey.split()
        if abs(len(words) - len(bwords)) > 2:
            continue
        head = 0
        while head < min(len(words), len(bwords)) and same(words[head], bwords[head]):
            head += 1
        tail = 0
        while tail < min(len(words), len(bwords)) - head and same(words[-1 - tail], bwords[-1 - tail]):
            tail += 1
        if head < 3 or tail < 2 or len(words) - head - tail > BODY_ENDS_GARBLE:
            continue
        scored.append(((head + tail) / len(bwords), name))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < BODY_ENDS_COVER or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _body_name(text: str) -> str:
    """An issuing body's name in Vietnamese case: the place list's spelling, else a rule."""
    key = match_key(text)
    best, best_score = None, 0.0
    for name, bkey in _places()["_bodies"]:
        bwords, words = bkey.split(), [w for w in key.split() if len(w) >= 2]  # OCR crumbs ('|' → 'l') dropped
        if len(bwords) != len(words) or any(fuzz.ratio(a, b) < 50 for a, b in zip(words, bwords, strict=True)):
            continue  # a spelling fix, word for word: 'Ban Chỉ đạo phát triển …' is not '… về phát triển …'
        s = fuzz.ratio(key, bkey)
        if s > best_score:
            best, best_score = name, s
    if best and best_score >= 85:
        return best
    if (by_ends := _body_by_ends(key)) is not None:
        return by_ends
    toks = _tokens(text)
    keys = [k for _, k in toks]
    # a place at the end ("… TỈNH HƯNG YÊN") keeps its own case
    for i in range(1, len(toks)):
        utype, m = _unit_type(keys[i:])
        if utype and toks[i + m:] and len(toks) - i - m <= 4:
            return f"{_body_name(' '.join(w for w, _ in toks[:i]))} {_unit_name(utype, ' '.join(w for w, _ in toks[i + m:]))}"
    words = [w.lower() for w, _ in toks]
    head = _body_head(keys)
    out = []
    for i, w in enumerate(words):
        cap = i == 0 or (i == 1 and head == 1 and keys[0] == "so") or (i == 1 and head == 3 and keys[:3] == ["ban", "chi", "dao"])
        cap = cap or (keys[0] == "so" and i > 1 and (keys[i - 1] == "va" or words[i - 1].endswith(",")))
        out.append(w[:1].upper() + w[1:] if cap else w)
    return " ".join(out)


def _issuer_of(parts: list[_Part], place: str | None = None) -> tuple[str | None, str | None]:
    """The issuing body of one header block: the lowest line that names one, in its own words
    (the line under a parent names the issuer: "UBND TỈNH X" / "SỞ Y" → "Sở Y"; a place line
    under a body belongs to it: "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ" / "XÃ Z" → "Ban Chỉ đạo … xã Z")."""
    issuer: tuple[str, str] | None = None
    i = 0
    while i < len(parts):
        p = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if p.kind == "ubnd" and nxt is not None and nxt.kind == "place":
            p = _Part("unit", f"{p.text} {nxt.text}", f"{p.raw}\n{nxt.raw}", nxt.utype, nxt.name)
            i += 1
        if p.kind in ("unit", "place") and p.utype and p.name:
            issuer = (f"UBND {_unit_name(p.utype, p.name, place)}", p.raw)
        elif p.kind == "body":
            text, raw = p.text, p.raw
            if nxt is not None and nxt.kind == "place" and nxt.utype and nxt.name:
                text, raw = f"{text} {nxt.text}", f"{raw}\n{nxt.raw}"
                i += 1
            issuer = (_body_name(text), raw)
        i += 1
    return issuer if issuer else (None, None)


def _continuation(text: str) -> str | None:
    """The left column of a line that can only continue the issuer's line above ("BÌNH",
    "TRUYỀN THÔNG", "ĐỔI SỐ": the header's narrow column wraps names), else None."""
    left = _left_column(text).strip()
    # a digit inside or at the end of a word is OCR's for a letter ("C6NG" of "CỐNG", "S0" of "SỐ"); a number
    # of its own is no name
    if not left or not _mostly_upper(left) or regex.search(r"(?<!\p{L})\d", left) or len(left.split()) > 8:
        return None
    if _TITLE.match(match_key(left)) or _header_part(text, continuing=True) is not None:
        return None
    return left


def _header_block(lines: list[Line]) -> list[_Part]:
    """The first run of issuing-body lines on the page (lines apart by at most two others),
    a name wrapped onto the next line joined to its line."""
    parts: list[_Part] = []
    last = -10
    for i, ln in enumerate(lines):
        if parts and _TITLE.match(match_key(ln.text)):
            break  # the document's kind ("BÁO CÁO") closes the header
        p = _header_part(ln.text, continuing=bool(parts) and parts[-1].kind == "body" and i - last == 1)
        if p is None:
            more = _continuation(ln.text) if parts and i - last == 1 else None
            joined = _header_part(f"{parts[-1].text} {more}") if more else None
            if joined is not None and (joined.kind == parts[-1].kind or (parts[-1].kind, joined.kind) == ("ubnd", "unit")):
                joined.raw = f"{parts[-1].raw}\n{ln.text}"
                parts[-1] = joined
                last = i
            continue
        if parts and i - last > 3:
            break
        parts.append(p)
        last = i
    return parts


def _title_end(lines: list[Line]) -> int:
    """Index of the document's kind line ("BÁO CÁO"), or of the first line when there is none."""
    for i, ln in enumerate(lines[:20]):
        if _TITLE.match(match_key(ln.text)):
            return i
    return 0


def _mentions(lines: list[Line]) -> list[tuple[str, str, str]]:
    """(type, name as written, line) of each 'huyện X' the title lines name."""
    out = []
    for ln in lines:
        toks = _tokens(ln.text)
        keys = [k for _, k in toks]
        for i in range(len(toks)):
            if i and keys[i - 1] not in ("ban", "cua", "tai", "o"):
                continue  # "trên địa bàn huyện X", "của huyện X"
            utype, m = _unit_type(keys[i:])
            if utype and utype != "tỉnh":
                name = _name_words(toks[i + m:])[:3]
                if name:
                    out.append((utype, " ".join(w for w, _ in name), ln.text))
    return out


def _from_place_and_title(lines: list[Line]) -> tuple[str | None, str | None]:
    """No issuing-body lines: the place of issue ("Lang Chánh, ngày …"), typed by its own prefix
    ("TP.") or by the title's "trên địa bàn <type> <place>"."""
    at = _title_end(lines)
    title = [ln for ln in lines[at + 1:at + 4] if not regex.match(r"^\W*(?:thuc hien|can cu|kinh gui)\b", match_key(ln.text))]
    mentions = _mentions(title)
    for ln in lines[:max(at, 1) + 2]:
        m = _PLACE.search(ln.text)
        if not m:
            continue
        toks = _tokens(m["place"])
        keys = [k for _, k in toks]
        utype, n = _unit_type(keys)
        name = " ".join(w for w, _ in _name_words(toks[n:]))
        if not name:
            continue
        if utype:
            return f"UBND {_unit_name(utype, name)}", ln.text
        types = [t for t, mname, _ in mentions if fuzz.ratio(match_key(mname), match_key(name)) >= 80]
        known = {t for t in dict.fromkeys(t for t, _ in _places()["units"]) if _spell_unit(t, name, 85)}
        known.discard("tỉnh")
        if types:
            return f"UBND {_unit_name(types[0], name)}", ln.text
        if len(known) == 1:
            utype = known.pop()
            return f"UBND {_unit_name(utype, name)}", ln.text
        break
    if mentions:
        utype, name, raw = mentions[0]
        if _spell_unit(utype, name):
            return f"UBND {_unit_name(utype, name)}", raw
    return None, None


def _place_of_issue(lines: list[Line]) -> str | None:
    """The place the header writes before the date ("Điện Bàn, ngày 05 tháng 12 …"), its type words dropped."""
    for ln in lines[:max(_title_end(lines), 1) + 2]:
        m = _PLACE.search(ln.text)
        if m:
            toks = _tokens(m["place"])
            _utype, n = _unit_type([k for _, k in toks])
            name = " ".join(w for w, _ in _name_words(toks[n:]))
            return name or None
    return None


def find_issuer(lines: list[Line]) -> tuple[str | None, str | None]:
    """The issuing body of a document, from the first page's lines: (name, the header text read)."""
    issuer = _issuer_of(_header_block(lines), _place_of_issue(lines))
    if issuer[0]:
        return issuer
    return _from_place_and_title(lines)


def extract_header(lines: list[Line]) -> DocumentHeader:
    first_page = [ln for ln in lines if ln.page == lines[0].page] if lines else []
    top = first_page[:14]
    number, number_raw = find_number(top)
    date, date_raw = find_date(top, header_lines=_title_end(top) + 1)
    issuer, issuer_raw = find_issuer(first_page)
    return DocumentHeader(number=number, date=date, issuer=issuer,
                          number_raw=number_raw, date_raw=date_raw, issuer_raw=issuer_raw)
