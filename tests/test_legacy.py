"""Legacy Vietnamese encodings: tables, round trips, detection."""

from __future__ import annotations

import json
import unicodedata

import pytest

from ingest.legacy import _DATA, convert_legacy_text, decode_legacy, detect_legacy, looks_legacy

TABLES = json.loads(_DATA.read_text(encoding="utf-8"))
TCVN3 = {int(k, 16): v for k, v in TABLES["tcvn3"]["map"].items()}
VNI = TABLES["vni"]["map"]

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
LOWER = sorted({unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES} - set("aeiouy") | {"đ"})
ALL_134 = LOWER + [c.upper() for c in LOWER]

SENTENCES = [
    "3.4. Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ tiêu)",
    "Ủy ban nhân dân huyện Yên Định",
    "Đạt",
    "Chưa đạt",
    "Báo cáo kết quả chuyển đổi số năm 2023 của Sở Thông tin và Truyền thông.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Ước tính người dân được hỗ trợ: 1.250 người. Ở các xã, tỷ lệ đạt 98%.",
]


def encode_tcvn3(text: str) -> bytes:
    """Inverse of the VN3 table; toned capitals (absent from VN3) are written the .VnTimeH way,
    i.e. with the lower-case code."""
    inv = {v: k for k, v in TCVN3.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = inv.get(ch, inv.get(ch.lower()))
        out += bytes([code]) if code is not None else ch.encode("ascii")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    inv = {v: k for k, v in VNI.items() if k != v}
    return "".join(inv.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252")


def encode_cp1258(text: str) -> bytes:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        nfd = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in nfd if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tone))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


# --- tables ----------------------------------------------------------------------------
def test_tables_have_about_and_cover_the_letters():
    assert "TCVN 5712:1993" in TABLES["about"]["tcvn3"] and "VNI" in TABLES["about"]["vni"]
    assert len(ALL_134) == 134
    assert sorted(VNI.values()) == sorted(ALL_134)  # VNI defines every letter, once
    assert set(TCVN3.values()) == set(LOWER) | set("ĂÂÊÔƠƯĐ")  # VN3: 67 lower + 7 capitals
    assert len(TCVN3) == 74
    assert all(0xA1 <= b <= 0xFE for b in TCVN3)
    for seq in VNI:
        seq.encode("cp1252")


# --- round trips -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip_tcvn3(sentence):
    data = encode_tcvn3(sentence)
    assert decode_legacy(data) == (sentence, "tcvn3")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip_vni(sentence):
    data = encode_vni(sentence)
    assert decode_legacy(data) == (sentence, "vni")


@pytest.mark.parametrize("sentence", SENTENCES[:2] + SENTENCES[4:])
def test_round_trip_cp1258(sentence):
    assert decode_legacy(encode_cp1258(sentence)) == (sentence, "cp1258")


def test_every_vni_letter_round_trips():
    text = " ".join(ALL_134)
    assert convert_legacy_text(encode_vni(text).decode("cp1252"), "vni") == text


def test_every_tcvn3_letter_round_trips():
    text = "\n".join(sorted(TCVN3.values()))
    assert convert_legacy_text(encode_tcvn3(text).decode("latin-1"), "tcvn3") == text


def test_legacy_glyphs_saved_as_utf8():
    glyphs = encode_tcvn3(SENTENCES[0]).decode("latin-1")
    assert decode_legacy(glyphs.encode("utf-8")) == (SENTENCES[0], "tcvn3")


# --- known strings ---------------------------------------------------------------------
def test_known_strings():
    assert decode_legacy("B¸o c¸o kÕt qu¶".encode("latin-1")) == ("Báo cáo kết quả", "tcvn3")
    assert decode_legacy("Baùo caùo keát quaû".encode("latin-1")) == ("Báo cáo kết quả", "vni")
    assert convert_legacy_text("B¸o c¸o kÕt qu¶", "tcvn3") == "Báo cáo kết quả"
    assert convert_legacy_text("Baùo caùo keát quaû", "vni") == "Báo cáo kết quả"
    assert convert_legacy_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert convert_legacy_text("Ñoäc laäp - Töï do - Haïnh phuùc", "vni") == "Độc lập - Tự do - Hạnh phúc"


def test_tcvn3_case_restoration():
    assert convert_legacy_text("B¸O C¸O", "tcvn3") == "BÁO CÁO"
    assert convert_legacy_text("ñY BAN", "tcvn3") == "ỦY BAN"
    assert convert_legacy_text("Uû ban", "tcvn3") == "Uỷ ban"  # traditional spelling stays
    assert convert_legacy_text("ë", "tcvn3") == "ở"  # a lone word gets no sentence case
    assert convert_legacy_text("b¸o c¸o", "tcvn3h") == "BÁO CÁO"


def test_vni_modifier_case_follows_base():
    assert convert_legacy_text("Uûy ban", "vni") == "Ủy ban"


def test_pdf_glyphs_after_cp1258_decode():
    # ingest.text tries cp1258 first; detection must see through that decode.
    data = encode_tcvn3(SENTENCES[0])
    assert looks_legacy(data.decode("cp1258", errors="replace"))
    assert detect_legacy(encode_vni(SENTENCES[0]).decode("cp1258", errors="replace")) == "vni"


# --- detection -------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", SENTENCES[:2] + SENTENCES[3:])
def test_detects_legacy(sentence):
    assert detect_legacy(encode_tcvn3(sentence).decode("latin-1")) == "tcvn3"
    assert detect_legacy(encode_vni(sentence).decode("cp1252")) == "vni"


def test_detects_known_strings():
    assert detect_legacy("B¸o c¸o kÕt qu¶") == "tcvn3"
    assert detect_legacy("Baùo caùo keát quaû") == "vni"


@pytest.mark.parametrize("text", [
    "Báo cáo kết quả chuyển đổi số",
    unicodedata.normalize("NFD", "Báo cáo kết quả chuyển đổi số"),
    "Bao cao ket qua chuyen doi so, Chwa dat, Ty 1€",
    "The district reported 99.7% of applications processed online (target exceeded).",
    "El niño y la señora comieron el año nuevo en España; mañana será otro día.",
    "Größe für schön: Mädchen über die Straße, Bücher für Österreich.",
    "Où est le goût naïf de Noël ? Raphaël a été très français, à côté de l'hôtel.",
    "Hoà Bình hoá học, tỉnh Hoà Bình",
    "São Paulo, coração, informação, saúde pública",
    "",
])
def test_no_false_positive(text):
    assert detect_legacy(text) is None
    assert not looks_legacy(text)


@pytest.mark.parametrize("data", [
    b"plain ASCII report, nothing legacy here",
    "Báo cáo kết quả chuyển đổi số".encode(),
    "El niño y la señora comieron el año nuevo en España.".encode("latin-1"),
    b"",
])
def test_decode_rejects_non_legacy(data):
    with pytest.raises(ValueError):
        decode_legacy(data)


def test_unknown_encoding_name():
    with pytest.raises(ValueError):
        convert_legacy_text("x", "koi8-r")
