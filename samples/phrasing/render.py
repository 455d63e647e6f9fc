"""The document as a PDF: styles, header, narrative and table stories, closing, and the tracker of where each field lands."""

from __future__ import annotations

import random
from pathlib import Path

from samples.maker.render import Tracker, _pdf_tools, esc
from samples.phrasing.common import GRAMMAR, PLACES, ROMAN, grouped, pick
from samples.phrasing.docs import Doc
from samples.phrasing.items import Item
from samples.phrasing.wording import criterion_paragraphs, fill, numbers_text, pct_str, target_phrase, verdict_word


def _styles(t: dict, cell: float) -> dict:
    PS, cm = t["ParagraphStyle"], t["cm"]
    base = PS("base", fontName="DejaVuSerif", fontSize=12.5, leading=16.5, alignment=t["TA_JUSTIFY"], firstLineIndent=1 * cm,
              spaceAfter=3)
    plain = PS("plain", parent=base, firstLineIndent=0)
    center = PS("center", parent=plain, alignment=t["TA_CENTER"])
    return {
        "base": base, "plain": plain, "center": center,
        "boldc": PS("boldc", parent=center, fontName="DejaVuSerif-Bold"),
        "head": PS("head", parent=plain, fontName="DejaVuSerif-Bold", fontSize=11.5, alignment=t["TA_CENTER"], leading=14.5),
        "sect": PS("sect", parent=base, fontName="DejaVuSerif-Bold", keepWithNext=1),
        "cell": PS("cell", fontName="DejaVuSerif", fontSize=cell, leading=cell * 1.2, alignment=t["TA_LEFT"], splitLongWords=0),
        "cellc": PS("cellc", fontName="DejaVuSerif", fontSize=cell, leading=cell * 1.2, alignment=t["TA_CENTER"],
                    splitLongWords=0),
        "cellb": PS("cellb", fontName="DejaVuSerif-Bold", fontSize=cell, leading=cell * 1.2, alignment=t["TA_LEFT"]),
        "cellbc": PS("cellbc", fontName="DejaVuSerif-Bold", fontSize=cell, leading=cell * 1.2, alignment=t["TA_CENTER"]),
        "small": PS("small", parent=plain, fontSize=10.5, leading=13),
    }


def _header_story(doc: Doc, t: dict, S: dict, width: float) -> list:
    TP, cm = t["TP"], t["cm"]
    d, m, y = doc.date
    left = [TP(esc(ln), S["head"], tag="document") for ln in doc.header["lines"]]
    right = [TP("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", t["ParagraphStyle"]("nat", parent=S["head"], fontSize=10.5)),
             TP("Độc lập - Tự do - Hạnh phúc", S["head"])]
    hc = t["ParagraphStyle"]("hdrc", parent=S["center"], fontSize=12, leading=15)
    place = doc.unit["name"]
    row2 = [TP(f"Số: {esc(doc.number)}", hc), TP(f"<i>{esc(place)}, ngày {d:02d} tháng {m:02d} năm {y}</i>", hc)]
    hdr = t["Table"]([[left, right], row2], colWidths=[6.6 * cm, width - 6.6 * cm])
    hdr.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    title = "BÁO CÁO" if doc.kind == "report" else "BÁO CÁO BỔ SUNG"
    sub = f"Kết quả thực hiện {doc.fw_written['name']}"
    if doc.fw_written.get("ref"):
        sub += f" ({doc.fw_written['ref']})"
    return [hdr, t["Spacer"](1, 12), TP(title, t["ParagraphStyle"]("t", parent=S["head"], fontSize=13.5)),
            TP(f"<b>{esc(sub)}</b>", S["boldc"]), t["Spacer"](1, 8)]


def _intro(doc: Doc, t: dict, S: dict) -> list:
    TP = t["TP"]
    out = []
    fwref = doc.fw_written.get("ref") or doc.fw_written["name"]
    if doc.kind == "excerpt":   # a short supplementary report: one or two criteria, no tallies
        what = "các " + doc.inoun if len(doc.present) > 1 else doc.inoun
        form = pick(doc.rng, GRAMMAR["excerpt_intro"])["form"].replace("{what}", what)
        fwname = doc.fw_written["name"] + (f" ({doc.fw_written['ref']})" if doc.fw_written.get("ref") else "")
        return [TP(esc(fill(doc, form.replace("{fwname}", fwname))), S["base"])]
    out.append(TP(esc(f"Thực hiện {fwref}, {doc.header['issuer']} báo cáo kết quả thực hiện như sau:"), S["base"]))
    for f in doc.style["intro"]:
        out.append(TP(esc(fill(doc, f["form"])), S["base"]))
    if doc.style["other_units"]:
        out.append(TP(esc(fill(doc, pick(doc.rng, GRAMMAR["body_other_units"])["form"])), S["base"]))
    return out


def _tally_vals(doc: Doc, p: int, tot: int, **kw) -> dict:
    return dict(p=p, t=tot, p2=f"{p:02d}", t2=f"{tot:02d}", f=tot - p, inoun=doc.inoun, ng=len(doc.fw.groups),
                unit=f"{doc.unit['type']} {doc.unit['name']}", **kw)


def _gvals(doc: Doc, g, idx: int) -> dict:
    title = g.title
    return dict(gcode=g.code, gtitle=title, GTITLE=title.upper(), gtitle_lower=title[0].lower() + title[1:],
                roman=ROMAN[idx] if idx < len(ROMAN) else g.code, letter="abcdefghij"[idx])


def _summary_para(doc: Doc, t: dict, S: dict) -> list:
    s = doc.summary
    if not s:
        return []
    text = doc.style["summary_form"]["form"].format(**_tally_vals(doc, s["reported_passed"], s["reported_total"]))
    return [t["KeepTogether"]([t["TP"](esc(text), S["base"], tag="summary")])]


def _overview(doc: Doc, t: dict, S: dict) -> list:
    if doc.style.get("group_tally") != "overview" or not doc.groups:
        return []
    by = {g["code"]: g for g in doc.groups}
    out = []
    for i, g in enumerate(doc.fw.groups):
        gt = by[g.code]
        form = doc.style["group_tally_form"]["form"]
        out.append(t["TP"](esc(form.format(**_tally_vals(doc, gt["reported_passed"], gt["reported_total"]), **_gvals(doc, g, i))),
                           S["base"], tag=f"group:{g.code}"))
    return out


def _story_narrative(doc: Doc, t: dict, S: dict) -> list:
    TP = t["TP"]
    story: list = []
    story.append(TP("I. KẾT QUẢ THỰC HIỆN" if doc.kind == "report" else "KẾT QUẢ", S["sect"]))
    if doc.style.get("summary_tally") == "before":
        story += _summary_para(doc, t, S)
    story += _overview(doc, t, S)
    present = {it.code: it for it in doc.present}
    by = {g["code"]: g for g in doc.groups}
    headings = len(doc.fw.groups) > 1 and doc.kind == "report"
    for i, g in enumerate(doc.fw.groups):
        crits = [present[c.code] for c in g.criteria if c.code in present]
        if not crits:
            continue
        if headings:
            hv = _gvals(doc, g, i)
            head = doc.style["group_heading"]["form"].format(**hv)
            if doc.style.get("group_tally") == "heading":
                gt = by[g.code]
                head += doc.style["group_tally_form"]["form"].format(**_tally_vals(doc, gt["reported_passed"], gt["reported_total"]),
                                                                     **hv)
                story.append(TP(esc(head), S["sect"], tag=f"group:{g.code}"))
            else:
                story.append(TP(esc(head), S["sect"]))
        for it in crits:
            for para in criterion_paragraphs(doc, it):
                story.append(TP(esc(para), S["base"], tag=it.code))
            if doc.rng.random() < doc.style["p_note"]:
                story.append(TP(esc(fill(doc, pick(doc.rng, GRAMMAR["notes_after"])["form"])), S["base"]))
        if headings and doc.style.get("group_tally") == "after":
            gt = by[g.code]
            text = doc.style["group_tally_form"]["form"].format(**_tally_vals(doc, gt["reported_passed"], gt["reported_total"]),
                                                                **_gvals(doc, g, i))
            story.append(TP(esc(text), S["base"], tag=f"group:{g.code}"))
    if doc.style.get("summary_tally") == "closing":
        story.append(TP("II. TỔNG HỢP", S["sect"]))
        story += _summary_para(doc, t, S)
    return story


def _cell_code(doc: Doc, it: Item) -> str:
    rng = doc.rng
    if rng.random() < doc.style["p_code_missing"] * 0.6:
        return ""
    if rng.random() < doc.style["p_misprint"] and "." in it.code:
        return it.code.replace(".", ",", 1)
    return it.code


def _story_table(doc: Doc, t: dict, S: dict, width: float) -> list:
    TP, cm, rng, st = t["TP"], t["cm"], doc.rng, doc.style
    story: list = []
    if st.get("summary_tally") == "before":
        story += _summary_para(doc, t, S)
    story += _overview(doc, t, S)
    story.append(TP("Kết quả cụ thể theo biểu dưới đây:", S["base"]))
    story.append(TP(f"<b>BIỂU KẾT QUẢ THỰC HIỆN {esc(doc.fw_written['name'].upper())}</b>", S["boldc"]))
    cols = list(st["cols"])
    W = {"stt": 1.2, "code": 1.4, "explain": 3.0, "unit": 1.5, "target": 2.3, "result": 3.3, "verdict": 2.0, "note": 1.9,
         "num": 1.7, "den": 1.7, "deadline": 1.9, "agency": 2.4}
    if "num" in cols:
        W["result"] = 2.4
    for drop in ("note", "agency", "explain", "deadline", "unit"):
        if width / cm - sum(W[c] for c in cols if c != "title") >= 5.2:
            break
        if drop in cols:
            cols.remove(drop)
    widths = [(W[c] if c != "title" else width / cm - sum(W[x] for x in cols if x != "title")) * cm for c in cols]
    heads = st["heads"]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fitted: dict = {}

    def P(ci: int, text: str, style, tag: str | None = None):
        """A cell paragraph whose longest word fits its column (a smaller font where a unit is long)."""
        avail = widths[ci] - 7
        size = style.fontSize
        words = text.split() or [""]
        while size > 6.5 and max(stringWidth(w, style.fontName, size) for w in words) > avail:
            size -= 0.5
        if size != style.fontSize:
            key = (style.name, size)
            if key not in fitted:
                fitted[key] = t["ParagraphStyle"](f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.2)
            style = fitted[key]
        return TP(esc(text), style, tag=tag)

    rows: list = [[P(i, heads[c], S["cellbc"]) for i, c in enumerate(cols)]]
    style: list = [("GRID", (0, 0), (-1, -1), 0.6, t["colors"].black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    present = {it.code: it for it in doc.present}
    by = {g["code"]: g for g in doc.groups}
    running = 0
    ti, vi = cols.index("title"), cols.index("verdict")
    for gi, g in enumerate(doc.fw.groups):
        crits = [present[c.code] for c in g.criteria if c.code in present]
        if st["group_rows"] and len(doc.fw.groups) > 1:
            r = len(rows)
            label = g.code if st["numbering"] == "code" else ROMAN[gi]   # STT-numbered tables: I, II, III
            row = [""] * len(cols)
            row[0] = TP(f"<b>{esc(label)}</b>", S["cellbc"])
            row[ti] = TP(f"<b>{esc(g.title.upper() if rng.random() < 0.5 else g.title)}</b>", S["cellb"])
            tally_here = st.get("group_tally") == "rows" and g.code in by
            if tally_here:
                gt = by[g.code]
                row[vi] = TP(esc(st["group_tally_form"]["form"].format(**_tally_vals(doc, gt["reported_passed"],
                                                                                      gt["reported_total"]))),
                             S["cellc"], tag=f"group:{g.code}")
                style.append(("SPAN", (ti, r), (vi - 1, r)))
            else:
                style.append(("SPAN", (ti, r), (len(cols) - 1, r)))
            rows.append(row)
        for k, it in enumerate(crits, start=1):
            running += 1
            tag = it.code
            cells = []
            for ci, c in enumerate(cols):
                if c == "stt":
                    txt = {"code": _cell_code(doc, it), "stt_running": str(running), "stt_restart": str(k),
                           "stt_code": str(running)}[st["numbering"]]
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c == "code":
                    cells.append(P(ci, _cell_code(doc, it), S["cellc"], tag))
                elif c == "title":
                    cells.append(P(ci, it.title, S["cell"], tag))
                elif c == "explain":
                    if it.kind in ("yes_no", "task") and it.m.num is None:
                        txt = ""
                    elif it.m.value is not None:
                        txt = pick(rng, GRAMMAR["explain_value"])["form"]
                    else:
                        txt = pick(rng, GRAMMAR["explain_ratio"])["form"].format(N=it.noun or "đơn vị")
                    cells.append(P(ci, txt, S["cell"], tag))
                elif c == "unit":
                    u = it.target["unit"] if it.target else ("%" if it.m.pct is not None else "")
                    cells.append(P(ci, u, S["cellc"], tag))
                elif c == "target":
                    txt = target_phrase(doc, it, table=True)
                    if not txt and it.kind in ("yes_no", "task") and st.get("yes_no_target"):
                        txt = st["yes_no_target"]["form"]
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c in ("num", "den"):
                    split = "num" in cols and it.m.has_frac and len(it.measures) == 1 and not it.spec.get("lead_fraction")
                    txt = grouped(it.m.num if c == "num" else it.m.den, st["sep"]) if split else ""
                    if split:
                        it.written.setdefault("cells", {})[c] = txt
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c == "result":
                    if it.kind in ("yes_no", "task") and it.m.num is None:
                        txt = pick(rng, GRAMMAR["yes_no_results"][it.verdict or "dat"])["form"]
                    elif "num" in cols and it.m.has_frac and len(it.measures) == 1 and not it.spec.get("lead_fraction"):
                        # the fraction sits in the Tử số / Mẫu số cells; the result cell holds the percent (or nothing)
                        txt = pct_str(doc, it.m) if it.m.pct is not None else ""
                        it.written["result"] = txt
                    else:
                        txt = numbers_text(doc, it, short=True)
                        it.written["result"] = txt
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c == "deadline":
                    cells.append(P(ci, pick(rng, GRAMMAR["table_deadlines"])["form"], S["cellc"], tag))
                elif c == "agency":
                    cells.append(P(ci, pick(rng, GRAMMAR["table_agencies"])["form"].format(unittype=doc.unit["type"]),
                                   S["cell"], tag))
                elif c == "verdict":
                    cells.append(P(ci, verdict_word(doc, it), S["cellc"], tag))
                elif c == "note":
                    cells.append(P(ci, fill(doc, pick(rng, GRAMMAR["table_notes"])["form"]), S["cellc"], tag))
            rows.append(cells)
    table = t["Table"](rows, colWidths=widths, splitInRow=1, repeatRows=1 if st["repeat_header"] else 0)
    table.setStyle(t["TableStyle"](style))
    story += [t["Spacer"](1, 4), table, t["Spacer"](1, 8)]
    if st.get("summary_tally") == "closing":
        story += _summary_para(doc, t, S)
    return story


def _closing(doc: Doc, t: dict, S: dict, width: float) -> list:
    TP = t["TP"]
    story = [TP(esc(f"Trên đây là báo cáo kết quả của {doc.header['issuer']}./."), S["base"])]
    recv = [TP("<b><i>Nơi nhận:</i></b>", S["small"]), TP("- Sở Thông tin và Truyền thông (b/c);", S["small"]),
            TP("- Ban Chỉ đạo chuyển đổi số tỉnh (b/c);", S["small"]), TP("- Lưu: VT.", S["small"])]
    iss = doc.header["issuer"]
    role = (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") if iss.startswith("Sở") else ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")
            if iss.startswith("Ban") else doc.rng.choice([("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")]))
    sign = [TP(role[0], S["boldc"]), TP(role[1], S["boldc"]), t["Spacer"](1, 40),
            TP(esc(doc.rng.choice(PLACES.get("signers", ["Nguyễn Văn An"]))), S["boldc"])]
    sig = t["Table"]([[recv, sign]], colWidths=[width * 0.53, width * 0.47])
    sig.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return story + [t["Spacer"](1, 8), t["KeepTogether"]([sig])]


def _news_story(doc: Doc, t: dict, S: dict) -> list:
    TP = t["TP"]
    name = f"{doc.unit['type'].capitalize()} {doc.unit['name']}"
    return [TP(f"<b>{esc(name)} đẩy mạnh chuyển đổi số</b>", S["boldc"]), t["Spacer"](1, 8),
            TP(esc(fill(doc, pick(doc.rng, GRAMMAR["news"])["form"])), S["base"]),
            TP(esc(fill(doc, pick(doc.rng, GRAMMAR["news"])["form"])), S["base"])]


def build_pdf(doc: Doc, path: Path) -> tuple[Tracker, int]:
    t = _pdf_tools()
    cm, TP = t["cm"], t["TP"]
    left_m, right_m = 2.0 * cm, 1.5 * cm
    width = t["A4"][0] - left_m - right_m
    S = _styles(t, doc.style.get("cell_size", 11))
    state = {"n": 0}
    pn, foot = doc.style["page_numbers"], doc.style["footnote"]
    foot_text = fill(doc, foot["form"]) if foot else None

    def make_story() -> list:
        r = random.Random(f"{doc.id}/story")
        saved, doc.rng = doc.rng, r
        try:
            if doc.kind == "news":
                return _news_story(doc, t, S)
            story = _header_story(doc, t, S, width) + _intro(doc, t, S)
            story += _story_narrative(doc, t, S) if doc.layout == "narrative" else _story_table(doc, t, S, width)
            return story + _closing(doc, t, S, width)
        finally:
            doc.rng = saved

    def on_page(canv, _doc):
        canv.saveState()
        n = canv.getPageNumber()
        if pn and (n > 1 or pn["where"] == "bottom"):
            canv.setFont("DejaVuSerif", 11)
            text = pn["form"].format(n=n, N=state["n"] or "")
            y = t["A4"][1] - 1.3 * cm if pn["where"] == "top" else 1.0 * cm
            canv.drawCentredString(t["A4"][0] / 2, y, text)
        if foot_text and n == 1:
            canv.setFont("DejaVuSerif", 9)
            canv.line(left_m, 1.85 * cm, left_m + 5 * cm, 1.85 * cm)
            canv.drawString(left_m, 1.45 * cm, foot_text)
        canv.restoreState()

    tracker = Tracker()
    for _ in range(2):   # the first pass counts the pages ("Trang 2/5")
        tracker = Tracker()
        TP.tracker = tracker
        tpl = t["SimpleDocTemplate"](str(path), pagesize=t["A4"], leftMargin=left_m, rightMargin=right_m, topMargin=2 * cm,
                                     bottomMargin=2.2 * cm, title="Báo cáo", author="", creator="")
        tpl.build(make_story(), onFirstPage=on_page, onLaterPages=on_page)
        from pypdf import PdfReader

        state["n"] = len(PdfReader(str(path)).pages)
    TP.tracker = None
    return tracker, state["n"]
