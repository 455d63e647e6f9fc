"""One self-contained HTML report of many records: inline CSS and a little vanilla JS,
no network references, every text escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from pathlib import Path

from extractors.record import ReportRecord

VERDICT_LABEL = {"dat": "Đạt", "vuot": "Vượt", "chua_dat": "Chưa đạt"}
STATUS_LABEL = {"ok": "đọc được", "partial": "đọc một phần", "error": "lỗi"}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5em;color:#1b1b1b}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f2f2f2;text-align:left}td.n{text-align:right;white-space:nowrap}
.mx td{width:2.6em;text-align:center;padding:2px;font-size:12px}.mx th.r{white-space:nowrap}
.v-dat{background:#8fd19e}.v-vuot{background:#1e7b34;color:#fff}.v-chua_dat{background:#e57373}.v-none{background:#ddd}
.mx td.f{outline:3px solid #f0a000;outline-offset:-3px;font-weight:bold}
.legend span{display:inline-block;padding:1px 8px;margin-right:6px;border:1px solid #bbb}
.st-error{color:#b00020;font-weight:bold}.sev-error{color:#b00020}.sev-warning{color:#a06000}.sev-info{color:#555}
.ev{font-size:13px;color:#333;background:#f7f7f7;padding:2px 4px;white-space:pre-wrap}
.crop{display:block;max-width:100%;border:1px solid #ccc;margin:4px 0}
.hidden{display:none}#filterbar{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #eee}
"""

_JS = """
(function(){
  var sel=document.getElementById('checkfilter');
  function apply(){
    var v=sel.value;
    var els=document.querySelectorAll('[data-checks]');
    for(var i=0;i<els.length;i++){
      var checks=(els[i].getAttribute('data-checks')||'').split(' ');
      var show=!v||checks.indexOf(v)>=0;
      els[i].classList.toggle('hidden',!show);
    }
  }
  sel.addEventListener('change',apply);apply();
})();
"""


def _inline_png(path: str) -> str:
    """A crop as base64, so the report stays one file that works from a USB stick."""
    import base64

    try:
        with open(path, "rb") as fh:
            return base64.b64encode(fh.read()).decode("ascii")
    except OSError:
        return ""


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\s]+", code) if p)


def _pct(v: float | None) -> str:
    return "" if v is None else (f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%")


def _label(rec: ReportRecord) -> str:
    return rec.document.issuer or Path(rec.source).stem


def _doc_id(i: int) -> str:
    return f"doc{i}"


def _crops_note(recs: list[ReportRecord]) -> str:
    """Which crops the report shows (``--crops`` writes one per criterion; the report shows those behind findings)."""
    shown = sum(1 for r in recs for f in r.findings if f.code and any(c.code == f.code and c.crop for c in r.criteria))
    written = sum(1 for r in recs for c in r.criteria if c.crop)
    if shown:
        return (f"Ảnh cắt: {shown} phát hiện kèm ảnh vùng bằng chứng của tiêu chí đó, cắt từ trang của tài liệu "
                "(PDF có lớp chữ hoặc bản quét; tệp .txt không có ảnh), do --crops ghi.")
    if written:
        return (f"Ảnh cắt: --crops đã ghi {written} ảnh vùng bằng chứng, nhưng không phát hiện nào thuộc một tiêu chí có ảnh "
                "(phát hiện về nhóm và tổng hợp không có ảnh).")
    return "Không có ảnh cắt vùng bằng chứng: chạy tieuchi batch … --crops THƯ_MỤC để thêm ảnh bên cạnh mỗi phát hiện."


def render_report(records: Iterable[ReportRecord], title: str = "Báo cáo kiểm tra tiêu chí chuyển đổi số") -> str:
    recs = list(records)
    e = escape
    checks = sorted({f.check for r in recs for f in r.findings} | ({"error"} if any(r.status == "error" for r in recs)
                                                                    else set()))

    def doc_checks(r: ReportRecord) -> str:
        s = {f.check for f in r.findings}
        if r.status == "error":
            s.add("error")
        return " ".join(sorted(s))

    out: list[str] = []
    w = out.append
    w("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">")
    w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    w(f"<title>{e(title)}</title><style>{_CSS}</style></head><body>")
    w(f"<h1>{e(title)}</h1>")
    n_find = sum(len(r.findings) for r in recs)
    n_err = sum(r.status == "error" for r in recs)
    w(f"<p>{len(recs)} tài liệu · {n_find} phát hiện · {n_err} tài liệu lỗi</p>")
    w(f"<p id=\"crops-note\">{e(_crops_note(recs))}</p>")
    w("<div id=\"filterbar\"><label>Lọc theo kiểm tra: <select id=\"checkfilter\"><option value=\"\">(tất cả)</option>")
    for chk in checks:
        w(f"<option value=\"{e(chk)}\">{e(chk)}</option>")
    w("</select></label></div>")

    # overview
    w("<h2>Tổng quan</h2><table id=\"overview\"><thead><tr><th>Cơ quan ban hành</th><th>Số văn bản</th><th>Ngày</th>"
      "<th>Bộ tiêu chí</th><th>Số tiêu chí</th><th>Số phát hiện</th><th>Trạng thái</th><th>Tệp</th></tr></thead><tbody>")
    for i, r in enumerate(recs):
        st = STATUS_LABEL.get(r.status, r.status)
        w(f"<tr data-checks=\"{e(doc_checks(r))}\"><td><a href=\"#{_doc_id(i)}\">{e(_label(r))}</a></td>"
          f"<td>{e(r.document.number or '')}</td><td>{e(r.document.date or '')}</td><td>{e(r.framework or '')}</td>"
          f"<td class=\"n\">{len(r.criteria)}</td><td class=\"n\">{len(r.findings)}</td>"
          f"<td class=\"st-{e(r.status)}\">{e(st)}</td><td>{e(r.source)}</td></tr>")
    w("</tbody></table>")

    # matrix: one per framework (codes mean different criteria in different frameworks)
    w("<h2>Ma trận kết luận (theo báo cáo)</h2><p class=\"legend\"><span class=\"v-vuot\">Vượt</span>"
      "<span class=\"v-dat\">Đạt</span><span class=\"v-chua_dat\">Chưa đạt</span><span class=\"v-none\">không ghi</span>"
      "<span class=\"f\" style=\"outline:3px solid #f0a000\">! có phát hiện</span></p>")
    frameworks = sorted({r.framework for r in recs if r.framework})
    for fw_id in frameworks:
        members = [(i, r) for i, r in enumerate(recs) if r.framework == fw_id]
        codes = sorted({c.code for _, r in members for c in r.criteria} |
                       {f.code for _, r in members for f in r.findings if f.check == "criterion_missing" and f.code},
                       key=_code_key)
        w(f"<h3>{e(fw_id)}</h3><table class=\"mx\" data-framework=\"{e(fw_id)}\"><thead><tr><th>Đơn vị</th>")
        for code in codes:
            w(f"<th>{e(code)}</th>")
        w("</tr></thead><tbody>")
        for i, r in members:
            by_code = {c.code: c for c in r.criteria}
            fcodes: dict[str, list[str]] = {}
            for f in r.findings:
                if f.code:
                    fcodes.setdefault(f.code, []).append(f.check)
            w(f"<tr data-checks=\"{e(doc_checks(r))}\"><th class=\"r\"><a href=\"#{_doc_id(i)}\">{e(_label(r))}</a></th>")
            for code in codes:
                cr = by_code.get(code)
                v = (cr.reported_verdict if cr else None) or "none"
                cls = f"v-{v}"
                tip = [code, VERDICT_LABEL.get(v, "không ghi" if cr else "không có trong báo cáo")]
                mark = ""
                if code in fcodes:
                    cls += " f"
                    mark = "!"
                    tip.append(", ".join(fcodes[code]))
                w(f"<td class=\"{cls}\" title=\"{e(' · '.join(tip))}\">{mark}</td>")
            w("</tr>")
        w("</tbody></table>")

    # per document
    w("<h2>Chi tiết từng tài liệu</h2>")
    for i, r in enumerate(recs):
        doc = r.document
        w(f"<section id=\"{_doc_id(i)}\" data-checks=\"{e(doc_checks(r))}\">")
        w(f"<h3>{e(_label(r))} — {e(doc.number or '?')} — {e(doc.date or '?')}</h3>")
        w(f"<p>Tệp: {e(r.source)} · bộ tiêu chí: {e(r.framework or 'không xác định')} · {r.pages} trang · "
          f"trạng thái: <span class=\"st-{e(r.status)}\">{e(STATUS_LABEL.get(r.status, r.status))}</span></p>")
        if r.errors:
            w("<ul>")
            for er in r.errors:
                pg = f" (trang {er.page})" if er.page else ""
                w(f"<li class=\"sev-error\">{e(er.kind)}: {e(er.message)}{e(pg)}</li>")
            w("</ul>")
        if r.criteria:
            w("<table><thead><tr><th>Mã</th><th>Tiêu chí</th><th>Chỉ tiêu</th><th>x/y</th><th>% ghi</th><th>% tính</th>"
              "<th>Kết luận ghi</th><th>Kết luận tính</th><th>Trang</th></tr></thead><tbody>")
            for c in r.criteria:
                frac = f"{c.numerator}/{c.denominator}" if c.numerator is not None and c.denominator is not None else ""
                rv, cv = c.reported_verdict, c.computed_verdict
                w(f"<tr><td>{e(c.code)}</td><td>{e(c.title)}</td><td>{e(c.target.label() if c.target else '')}</td>"
                  f"<td class=\"n\">{e(frac)}</td><td class=\"n\">{e(_pct(c.reported_percent))}</td>"
                  f"<td class=\"n\">{e(_pct(c.computed_percent))}</td>"
                  f"<td class=\"v-{e(rv or 'none')}\">{e(VERDICT_LABEL.get(rv or '', ''))}</td>"
                  f"<td>{e(VERDICT_LABEL.get(cv or '', ''))}</td><td class=\"n\">{e(str(c.page or ''))}</td></tr>")
            w("</tbody></table>")
        if r.findings:
            ev = {c.code: c.evidence for c in r.criteria}
            crops = {c.code: _inline_png(c.crop) for c in r.criteria if c.crop}
            crop_titles = {c.code: f"vùng bằng chứng của tiêu chí {c.code}, trang {c.page}" for c in r.criteria if c.crop}
            ev.update({g.code: g.evidence or "" for g in r.groups if g.code not in ev})
            w("<ul class=\"findings\">")
            for f in r.findings:
                code = f" {f.code}" if f.code else ""
                ocr = " (có thể do lỗi OCR)" if f.suspect_ocr else ""
                w(f"<li data-checks=\"{e(f.check)}\" class=\"sev-{e(f.severity)}\"><b>{e(f.check)}{e(code)}</b>: "
                  f"{e(f.message)}{e(ocr)}")
                text = ev.get(f.code or "") or ""
                if text:
                    w(f"<div class=\"ev\">{e(text)}</div>")
                img = crops.get(f.code or "")
                if img:
                    w(f"<img class=\"crop\" alt=\"{e(f.code or '')}\" title=\"{e(crop_titles[f.code or ''])}\""
                      f" src=\"data:image/png;base64,{img}\">")
                w("</li>")
            w("</ul>")
        w("</section>")
    w(f"<script>{_JS}</script></body></html>\n")
    return "".join(out)


def write_report(records: Iterable[ReportRecord], path: str | Path) -> int:
    """Write the HTML report; returns its size in bytes."""
    data = render_report(records).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
