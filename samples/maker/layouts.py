"""The three layouts as reportlab stories (the huyện narrative, the QĐ 176 and KH 100 tables) and the PDF they make."""

from __future__ import annotations

from pathlib import Path

from extractors.catalog import Criterion
from samples.maker.data import (
    _TABLE_TEXT,
    HUYEN_NOUN,
    HUYEN_REASON,
    HUYEN_YESNO,
    KH100_SPEC,
    KH100_VERDICT_WORDS,
    KH100_YESNO,
    QD176_SPEC,
    VERDICT_WORDS,
)
from samples.maker.numbers import Item, pct_text, thousands
from samples.maker.render import Doc, Tracker, _pdf_tools, esc


def build_pdf(doc: Doc, path: Path) -> Tracker:
    t = _pdf_tools()
    cm, TP = t["cm"], t["TP"]
    PS = t["ParagraphStyle"]
    rng = doc.rng
    size = 13 if doc.layout == "huyen" else 12.5
    cell = 11 if doc.layout == "kh100" else 12
    left_m, right_m = (2.8 * cm, 1.7 * cm) if doc.layout == "huyen" else (2.0 * cm, 1.5 * cm)
    width = t["A4"][0] - left_m - right_m
    base = PS("base", fontName="DejaVuSerif", fontSize=size, leading=size * 1.33, alignment=t["TA_JUSTIFY"],
              firstLineIndent=1 * cm, spaceAfter=3)
    plain = PS("plain", parent=base, firstLineIndent=0)
    center = PS("center", parent=plain, alignment=t["TA_CENTER"])
    bold_c = PS("boldc", parent=center, fontName="DejaVuSerif-Bold")
    head = PS("head", parent=plain, fontName="DejaVuSerif-Bold", fontSize=12, alignment=t["TA_CENTER"], leading=15)
    sect = PS("sect", parent=base, fontName="DejaVuSerif-Bold", keepWithNext=1)
    cellst = PS("cell", fontName="DejaVuSerif", fontSize=cell, leading=cell * 1.2, alignment=t["TA_LEFT"], splitLongWords=0)
    cellc = PS("cellc", parent=cellst, alignment=t["TA_CENTER"])
    cellb = PS("cellb", parent=cellst, fontName="DejaVuSerif-Bold")
    cellbc = PS("cellbc", parent=cellb, alignment=t["TA_CENTER"])
    small = PS("small", parent=plain, fontSize=11, leading=13.5)
    tracker = Tracker()
    TP.tracker = tracker
    story: list = []

    # header: two columns, no rules
    d, m, y = doc.date
    left = [TP("ỦY BAN NHÂN DÂN", head, tag="document"), TP(doc.unit.upper(), head)]
    right = [TP("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PS("nat", parent=head, fontSize=10.5)),
             TP("Độc lập - Tự do - Hạnh phúc", head)]
    hdr_c = PS("hdrc", parent=center, fontSize=12, leading=15)
    row2 = [TP(f"Số: {doc.number_written}", hdr_c),
            TP(f"<i>{esc(doc.district[1])}, ngày {d:02d} tháng {m:02d} năm {y}</i>", hdr_c)]
    hdr = t["Table"]([[left, right], row2], colWidths=[6.3 * cm, width - 6.3 * cm])
    hdr.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    story += [hdr, t["Spacer"](1, 14), TP("BÁO CÁO", PS("t", parent=head, fontSize=size + 1))]

    if doc.layout == "huyen":
        _story_huyen(doc, story, t, base, sect, plain, bold_c)
    else:
        _story_table(doc, story, t, base, bold_c, cellst, cellc, cellb, cellbc)

    # closing and signature
    closing = rng.choice(["để Ban Chỉ đạo chuyển đổi số tỉnh tổng hợp", "kết quả thực hiện",
                          "để Sở Thông tin và Truyền thông tổng hợp"])
    party = {"huyện": "Huyện", "thị xã": "Thị"}.get(doc.district[2], "Thành")
    story.append(TP(f"{esc(doc.issuer)} báo cáo {closing}./.", base))
    recv = [TP("<b><i>Nơi nhận:</i></b>", small), TP("- Sở Thông tin và Truyền thông (b/c);", small),
            TP("- Ban Chỉ đạo chuyển đổi số tỉnh (b/c);", small),
            TP(f"- Thường trực {party} ủy (b/c);", small),
            TP(f"- Chủ tịch, các PCT UBND {doc.district[2]};", small), TP("- Lưu: VT, VHTT.", small)]
    sign = [TP("KT. CHỦ TỊCH", bold_c), TP("PHÓ CHỦ TỊCH", bold_c), t["Spacer"](1, 48), TP(esc(doc.signer), bold_c)]
    sig = t["Table"]([[recv, sign]], colWidths=[width * 0.53, width * 0.47])
    sig.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [t["Spacer"](1, 8), t["KeepTogether"]([sig])]

    def later(canv, _doc):
        canv.saveState()
        canv.setFont("DejaVuSerif", 12)
        canv.drawCentredString(t["A4"][0] / 2, t["A4"][1] - 1.3 * cm, str(canv.getPageNumber()))
        canv.restoreState()

    template = t["SimpleDocTemplate"](str(path), pagesize=t["A4"], leftMargin=left_m, rightMargin=right_m, topMargin=2 * cm,
                                      bottomMargin=2 * cm, title="Báo cáo", author="", creator="")
    template.build(story, onLaterPages=later)
    TP.tracker = None
    return tracker


def _verdict_word(doc: Doc, it: Item) -> str:
    words = KH100_VERDICT_WORDS if doc.layout == "kh100" else VERDICT_WORDS
    return doc.rng.choice(words[it.verdict]) if it.verdict else ""


def _measure_text(it: Item, noun: str, *, seps: bool = False) -> str:
    fmt = thousands if seps else str
    p = pct_text(it.percent, it.decimals) if it.percent is not None else ""
    if it.form == "pct":
        return f"{p} {noun}".strip()
    frac = f"{fmt(it.numerator)}/{fmt(it.denominator)}"
    if it.form == "frac":
        return f"{frac} {noun}".strip()
    if it.form == "frac_eq":
        return f"{frac} = {p} {noun}".strip()
    if it.form == "dat_pct":
        return f"Đạt {p} ({frac} {noun})"
    return f"{frac} {noun} ({p})" if noun else f"{frac} ({p})"


def _story_huyen(doc: Doc, story: list, t: dict, base, sect, plain, bold_c) -> None:
    TP, rng, KT = t["TP"], doc.rng, t["KeepTogether"]
    u, cx = doc.unit, doc.district[4]
    fw = doc.fw
    story.append(TP(f"<b>Kết quả chuyển đổi số trên địa bàn {esc(u)} theo Bộ chỉ tiêu chuyển đổi số cấp huyện "
                    f"tỉnh Thanh Hóa</b>", bold_c))
    story.append(t["Spacer"](1, 8))
    story.append(TP(f"Thực hiện Quyết định số 1042/QĐ-UBND ngày 18/3/2024 của UBND tỉnh về việc Ban hành tạm thời Bộ tiêu "
                    f"chí chuyển đổi số cấp huyện đến năm 2025 trên địa bàn tỉnh Thanh Hóa, {esc(doc.issuer)} báo cáo "
                    f"kết quả chuyển đổi số theo Bộ chỉ tiêu chuyển đổi số cấp huyện đến hết năm 2024 như sau:", base))
    story.append(TP("I. TÌNH HÌNH TRIỂN KHAI", sect))
    kh, qd, cv = rng.randint(8, 25), rng.randint(4, 15), rng.randint(40, 140)
    story.append(TP(f"{esc(doc.issuer)} đã ban hành {kh + qd + cv} văn bản triển khai về chuyển đổi số ({kh} kế hoạch, {qd} "
                    f"quyết định, {cv} công văn, báo cáo). Các {cx} đã ban hành Kế hoạch chuyển đổi số giai đoạn và kế "
                    f"hoạch chuyển đổi số hằng năm; Tổ công nghệ số cộng đồng được kiện toàn đến các thôn, tổ dân phố.", base))
    story.append(TP("II. KẾT QUẢ THỰC HIỆN", sect))
    by_group = {g["code"]: g for g in doc.groups}
    present = {it.code for it in doc.present}
    for g in fw.groups:
        gt = by_group[g.code]
        fails = [it for it in doc.present if it.group == g.code and it.verdict == "chua_dat"]
        name = "Nhóm tiêu chí chung" if g.code == "1" else f"Nhóm tiêu chí về {g.title}"
        line = f"- {name}: gồm {gt['reported_total']:02d} tiêu chí (đạt {gt['reported_passed']}/{gt['reported_total']})"
        bits = [f"Tiêu chí {it.code} chưa đạt: {HUYEN_REASON.get(it.code, 'kết quả thấp hơn mức Bộ tiêu chí yêu cầu').format(u=u, cx=cx)}"
                for it in fails]
        line += (". " + "; ".join(bits) + ".") if bits else "."
        story.append(KT([TP(esc(line), base, tag=f"group:{g.code}")]))
    s = doc.summary
    story.append(KT([TP(f"* Bộ tiêu chí tạm thời chuyển đổi số cấp huyện đến năm 2025 trên địa bàn tỉnh, gồm {len(fw.groups)} "
                        f"nhóm tiêu chí với {s['reported_total']} tiêu chí thành phần (đạt {s['reported_passed']}/"
                        f"{s['reported_total']}), cụ thể như sau:", base, tag="summary")]))
    for g in fw.groups:
        story.append(TP(f"{g.code}. {esc(g.title if g.code != '1' else 'Tiêu chí chung')}", sect))
        for c in g.criteria:
            if c.code not in present:
                continue
            it = next(i for i in doc.present if i.code == c.code)
            for para in _huyen_paragraphs(doc, it, c):
                story.append(TP(esc(para), base, tag=c.code))
            note = _huyen_note(doc, it)
            if note:
                story.append(TP(esc(note), base))
    story.append(t["Spacer"](1, 6))


def _vw(doc: Doc, it: Item) -> str:
    w = _verdict_word(doc, it)
    return f"( {w})" if doc.rng.random() < 0.15 else f"({w})"


def _huyen_paragraphs(doc: Doc, it: Item, c: Criterion) -> list[str]:
    rng, u, cx = doc.rng, doc.unit, doc.district[4]
    tgt = f" ({c.target.label()})" if it.target else ""
    head = f"{it.code}. {c.title}{tgt}: "
    if it.code == "1.1":
        return [head + f"{it.numerator}/{it.denominator} {cx} được công nhận hoàn thành các tiêu chí chuyển đổi số cấp xã "
                + _vw(doc, it)]
    if it.form == "text":
        ok, bad = HUYEN_YESNO[it.code]
        txt = (ok if it.verdict == "dat" else bad).format(u=u, cx=cx, k=rng.randint(12, 400), k2=rng.randint(10, 40),
                                                          n=doc.district[3])
        return [head + txt + " " + _vw(doc, it)]
    if it.code == "2.1":
        return [f"{it.code}. {c.title}{tgt}:",
                f"- {it.denominator}/{it.denominator} (đạt 100%) hồ sơ đề xuất cấp độ của các cơ quan, đơn vị trên địa bàn "
                f"được phê duyệt theo quy định;",
                f"- {it.numerator}/{it.denominator} (đạt {pct_text(it.percent, it.decimals)}) hệ thống thông tin thực hiện "
                f"triển khai các phương án theo hồ sơ đề xuất cấp độ đã được phê duyệt. {_vw(doc, it)}"]
    if it.code == "3.2":
        whole, a, b = it.parts
        return [head + f"{pct_text(it.percent, it.decimals)} văn bản, hồ sơ công việc được tạo lập, xử lý, ký số trên môi "
                f"trường điện tử. Tổng số lượt văn bản trao đổi, xử lý trên môi trường điện tử tính từ ngày 01/01/2024 đến "
                f"ngày {rng.randint(1, 15):02d}/12/2024 là {thousands(whole)} văn bản ({thousands(a)} văn bản đến; "
                f"{thousands(b)} văn bản đi). {_vw(doc, it)}"]
    if it.code == "4.2":
        return [head + f"{it.numerator}/{it.denominator} sản phẩm {_vw(doc, it)}"]
    noun = HUYEN_NOUN[it.code]
    lead = ""
    if it.code == "2.3":
        lead = f"Các doanh nghiệp viễn thông trên địa bàn đã kéo cáp quang đến {rng.randint(60, 320)} thôn, tổ dân phố. "
    if it.code == "4.1" and rng.random() < 0.6:
        lead = "Các hộ sản xuất kinh doanh tham gia các sàn Postmart, Voso, Shopee và bán hàng qua mạng xã hội. "
    if it.form in ("frac_eq", "frac_pct") and rng.random() < 0.5:
        noun = ""
    return [head + lead + _measure_text(it, noun) + " " + _vw(doc, it)]


def _huyen_note(doc: Doc, it: Item) -> str | None:
    rng = doc.rng
    if rng.random() > 0.3:
        return None
    notes = {
        "1.1": f"- Năm 2023 có {rng.randint(1, 5)} {doc.district[4].split(',')[0]} được công nhận hoàn thành; năm 2024 có "
               f"{rng.randint(1, 5)} đơn vị đề nghị thẩm định công nhận hoàn thành.",
        "3.1": f"- Hiện tại có {rng.randint(30, 120)} máy tính được cài phần mềm Bkav Endpoint và các máy tính sử dụng phần mềm "
               f"diệt virus mặc định của Microsoft.",
        "3.5": f"- Trong kỳ báo cáo, UBND các {doc.district[4]} và {doc.issuer} đã thu {thousands(rng.randint(10**8, 2 * 10**9))} "
               f"đồng phí, lệ phí qua thanh toán trực tuyến.",
        "3.7": f"- Năm 2024, {doc.issuer} đã tổ chức {rng.randint(2, 9)} lớp tập huấn về chuyển đổi số, kỹ năng số cơ bản.",
    }
    return notes.get(it.code)


def _story_table(doc: Doc, story: list, t: dict, base, bold_c, cellst, cellc, cellb, cellbc) -> None:
    TP, KT, cm = t["TP"], t["KeepTogether"], t["cm"]
    fw, s = doc.fw, doc.summary
    heading, intro, title = _TABLE_TEXT[doc.layout]
    story.append(TP(f"<b>{heading}</b>", bold_c))
    story.append(t["Spacer"](1, 6))
    story.append(TP(intro.format(issuer=esc(doc.issuer)), base))
    story.append(KT([TP(f"Tổng số {s['reported_total']} chỉ tiêu, đã đạt {s['reported_passed']:02d}/{s['reported_total']:02d} "
                        f"chỉ tiêu.", base, tag="summary")]))
    parts = []
    for g in doc.groups:
        gname = next(x for x in fw.groups if x.code == g["code"]).title
        parts.append(f"{gname} đạt {g['reported_passed']:02d}/{g['reported_total']:02d}")
    story.append(KT([TP("Trong đó: " + "; ".join(parts) + ".", base, tag="groups")]))
    story.append(TP("Kết quả cụ thể theo biểu dưới đây:", base))
    story.append(TP(f"<b>{title}</b>", bold_c))
    present = {it.code: it for it in doc.present}
    rows: list = []
    style: list = [("GRID", (0, 0), (-1, -1), 0.6, t["colors"].black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if doc.layout == "qd176":
        rows.append([TP(h, cellbc) for h in ("TT", "Nội dung chỉ tiêu", "Chỉ tiêu đến năm 2025",
                                              "Kết quả thực hiện đến 30/8/2023", "Đánh giá", "Ghi chú")])
        widths = [1.1 * cm, 7.2 * cm, 2.2 * cm, 3.4 * cm, 2.0 * cm, 1.6 * cm]
    else:
        rows.append([TP(h, cellbc) for h in ("STT", "Các chỉ tiêu", "Thời gian hoàn thành",
                                              "Kết quả đạt được đến 30/8/2023", "Đánh giá")])
        widths = [1.1 * cm, 9.2 * cm, 1.6 * cm, 3.9 * cm, 1.7 * cm]
    ncol = len(widths)
    for g in fw.groups:
        r = len(rows)
        gname = g.title if doc.layout == "kh100" else f"Về {g.title[3:] if g.title.startswith('Về ') else g.title}"
        rows.append([TP(f"<b>{g.code}</b>", cellc), TP(f"<b>{esc(gname)}</b>", cellb)] + [""] * (ncol - 2))
        style.append(("SPAN", (1, r), (ncol - 1, r)))
        for c in g.criteria:
            it = present.get(c.code)
            if it is None:
                continue
            tag = c.code
            res, note = _table_result(doc, it, c)
            row = [TP(c.code, cellc, tag=tag), TP(esc(c.title), cellst, tag=tag)]
            if doc.layout == "qd176":
                tg = (f"{it.count_target} xã" if it.count_target else c.target.label()) if it.target else ""
                row += [TP(esc(tg), cellc, tag=tag), TP(esc(res), cellc, tag=tag),
                        TP(esc(_verdict_word(doc, it)), cellc, tag=tag), TP(esc(note), cellc, tag=tag)]
            else:
                row += [TP(esc(c.deadline or ""), cellc, tag=tag), TP(esc(res), cellc, tag=tag),
                        TP(esc(_verdict_word(doc, it)), cellc, tag=tag)]
            rows.append(row)
    table = t["Table"](rows, colWidths=widths, splitInRow=1, repeatRows=0)
    table.setStyle(t["TableStyle"](style))
    story += [t["Spacer"](1, 4), table, t["Spacer"](1, 8)]


def _table_result(doc: Doc, it: Item, c: Criterion) -> tuple[str, str]:
    rng = doc.rng
    if doc.layout == "qd176":
        den, noun, _forms = QD176_SPEC.get(it.code, (None, None, None))
        note = ""
        if it.code == "3.1":
            return f"{it.numerator}/{it.denominator} {doc.district[4]}", note
        if it.code == "1.4":
            note = f"Khảo sát {thousands(rng.randint(1200, 6000))} phiếu"
        if it.code in ("2.1", "2.2", "2.3"):
            note = "Số liệu ước tính"
        if it.form == "pct":
            pre = "Ước đạt " if it.code == "2.1" else ""
            return pre + pct_text(it.percent, it.decimals), note
        return _measure_text(it, noun or ""), note
    if it.form == "text":
        ok, bad = KH100_YESNO
        return rng.choice(ok if it.verdict == "dat" else bad), ""
    if it.target is None:
        return ("Ước đạt " if it.code in ("26", "27") else "") + pct_text(it.percent, it.decimals), ""
    _den, noun = KH100_SPEC[it.code]
    if it.form == "dat_pct" and it.verdict == "chua_dat":
        it.form = "frac_pct"
    return _measure_text(it, noun, seps=True), ""
