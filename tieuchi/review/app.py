"""The review web app (Starlette): a queue of flagged criteria, each beside its page, and the
actions that store a person's decisions.

Security: every request needs the random token (``?token=`` or the cookie the first visit sets);
every write also needs the per-run CSRF token in a header, a JSON body and, when the browser
sends them, a same-origin ``Origin``/``Sec-Fetch-Site``; the ``Host`` must be the bound address
(DNS rebinding). Only files that are documents of the store are ever read, named by their row
id, never by a path from the request. Each decision is committed before the answer is sent.

This module holds the routes (:func:`create_app`); the session's state and the queue's shapes are
in :mod:`tieuchi.review.queue`, the request guard in :mod:`tieuchi.review.guard`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tieuchi.review.decisions import (
    DOC_KEY,
    FIELD_LABELS,
    FIELDS,
    CorrectionError,
    Reviewed,
    framework_of,
    parse_correction,
    same,
    show_value,
    snapshot,
)
from tieuchi.review.guard import Guard, json_error, read_body, secure_headers
from tieuchi.review.pages import NoPageImage, region_png
from tieuchi.review.queue import (
    ConfirmBody,
    CorrectBody,
    Filters,
    FindingBody,
    Item,
    RecheckBody,
    ReviewApp,
    SignoffBody,
    UndoBody,
    doc_label,
    items_of,
)
from tieuchi.review.templating import environment
from tieuchi.store import INACTIVE_DECISIONS, Review

log = logging.getLogger(__name__)


def create_app(state: ReviewApp) -> Starlette:
    env = environment()
    assert env.loader is not None
    js = env.loader.get_source(env, "review.js")[0]

    async def page(request: Request) -> Response:
        filters = Filters.model_validate(dict(request.query_params))
        everything = state.all_items()
        items = [it for it in everything if filters.keep(it)]
        sel = request.query_params.get("item", "")
        current = next((it for it in items if it.key == sel), None)
        if current is None and sel:
            current = _item_from_key(state, sel)
        if current is None and items:
            current = items[0]
        pos = next((i for i, it in enumerate(items) if current is not None and it.key == current.key), None)
        nav = {"prev": items[pos - 1].key if pos else None,
               "next": items[pos + 1].key if pos is not None and pos + 1 < len(items) else None}
        docs = state.store.documents()
        changed = state.store.changed_file_reviews()
        looks = sum(len(it.looks) for it in everything)
        html = env.get_template("review.html.j2").render(
            s=state, items=items, total=len(everything), current=current, nav=nav, filters=filters,
            link=lambda **kw: state.url("/", **{**filters.query(), **kw}),
            options={"check": sorted({fv.finding.check for it in everything for fv in it.findings}),
                     "severity": ["error", "warning", "info"],
                     "issuer": sorted({d["issuer"] for d in docs if d["issuer"]}),
                     "framework": sorted({d["framework"] for d in docs if d["framework"]})},
            changed=changed, looks=looks, detail=_detail(state, current, filters) if current else None,
            FIELDS=FIELDS, FIELD_LABELS=FIELD_LABELS, show_value=show_value)
        return HTMLResponse(html)

    async def script(request: Request) -> Response:
        return Response(js, media_type="text/javascript")

    async def crop(request: Request) -> Response:
        try:
            doc_id, index = int(request.path_params["doc"]), int(request.path_params["index"])
        except ValueError:
            raise HTTPException(404, "không có") from None
        doc = state.doc(doc_id)
        rec = state.reviewed(doc).record
        if not 0 <= index < len(rec.criteria):
            raise HTTPException(404, "không có tiêu chí này")
        c = rec.criteria[index]
        if c.page is None:
            raise HTTPException(404, "tiêu chí không có số trang")
        source = state.source_of(doc)
        dpi = int(state.store.run_args(doc["run_id"]).get("dpi") or state.ocr_dpi)
        key = (doc["sha256"], c.page, c.bbox, c.bbox_unit, dpi)
        if key not in state._png_cache:
            try:
                png = await run_in_threadpool(region_png, source, c.page, c.bbox, c.bbox_unit, dpi, state.password,
                                              evidence=c.evidence or "")
            except NoPageImage as e:
                raise HTTPException(404, str(e)) from None
            if len(state._png_cache) > 64:
                state._png_cache.clear()
            state._png_cache[key] = png
        return Response(state._png_cache[key], media_type="image/png")

    async def finding(request: Request) -> Response:
        b: FindingBody = await read_body(request, FindingBody)
        doc = state.doc(b.doc)
        rv = state.reviewed(doc)
        match = [fv for fv in rv.findings if (fv.finding.code or "") == b.code and fv.finding.check == b.check]
        if not match:
            raise HTTPException(404, f"không có phát hiện {b.check} ở {b.code or 'toàn báo cáo'}")
        state.store.add_review(doc["sha256"], b.code, f"finding:{b.check}", b.decision, state.reviewer,
                               old_value=match[0].finding.message, comment=b.comment, path=doc["path"])
        return _done(state, doc)

    async def correct(request: Request) -> Response:
        b: CorrectBody = await read_body(request, CorrectBody)
        doc, rv = _criterion(state, b.doc, b.index)
        fw = framework_of(rv.record, state.catalog)
        ext = rv.extracted.criteria[b.index]
        origin = rv.criteria[b.index].origin_code
        rows = []
        for name, raw in b.values.items():
            try:
                value = parse_correction(name, raw, rv.record, b.index, fw)
            except CorrectionError as e:
                raise HTTPException(422, str(e)) from None
            extracted = snapshot(ext)[name]
            current = snapshot(rv.record.criteria[b.index])[name]
            if same(value, current):
                continue
            if same(value, extracted):   # back to what was read: the correction is undone
                rows.append(dict(sha256=doc["sha256"], code=origin, field=name, decision="cleared", reviewer=state.reviewer,
                                 old_value=extracted, comment=b.comment, path=doc["path"]))
            else:
                rows.append(dict(sha256=doc["sha256"], code=origin, field=name, decision="corrected", reviewer=state.reviewer,
                                 old_value=extracted, new_value=value, comment=b.comment, path=doc["path"]))
        if rows:
            state.store.add_reviews(rows)
        return _done(state, doc)

    async def confirm(request: Request) -> Response:
        b: ConfirmBody = await read_body(request, ConfirmBody)
        doc, rv = _criterion(state, b.doc, b.index)
        state.store.add_review(doc["sha256"], rv.criteria[b.index].origin_code, "values",
                               "cleared" if b.undo else "confirmed", state.reviewer,
                               old_value=snapshot(rv.extracted.criteria[b.index]), comment=b.comment, path=doc["path"])
        return _done(state, doc)

    async def undo(request: Request) -> Response:
        b: UndoBody = await read_body(request, UndoBody)
        if b.field not in FIELDS:
            raise HTTPException(404, "không có trường này")
        doc, rv = _criterion(state, b.doc, b.index)
        state.store.add_review(doc["sha256"], rv.criteria[b.index].origin_code, b.field, "cleared", state.reviewer,
                               old_value=snapshot(rv.extracted.criteria[b.index])[b.field], path=doc["path"])
        return _done(state, doc)

    async def signoff(request: Request) -> Response:
        b: SignoffBody = await read_body(request, SignoffBody)
        doc = state.doc(b.doc)
        rv = state.reviewed(doc)
        snap = {v.origin_code: snapshot(c) for v, c in zip(rv.criteria, rv.extracted.criteria, strict=True)}
        state.store.add_review(doc["sha256"], DOC_KEY[0], DOC_KEY[1], "reviewed" if b.reviewed else "cleared",
                               state.reviewer, old_value=snap, comment=b.comment, path=doc["path"])
        return _done(state, doc)

    async def recheck(request: Request) -> Response:
        b: RecheckBody = await read_body(request, RecheckBody)
        r = state.store.review_by_id(b.review)
        if r is None:
            raise HTTPException(404, f"không có quyết định số {b.review}")
        latest = [x for x in state.store.reviews(r.sha256) if x.key == r.key][-1]
        if latest.id != r.id or r.decision in INACTIVE_DECISIONS:
            raise HTTPException(409, "quyết định này đã được xử lý: tải lại trang")
        docs = state.store.documents()
        same_file = [d for d in docs if d["sha256"] == r.sha256]
        if same_file:   # a decision the new run no longer produces the original value of
            doc = same_file[0]
            if b.action == "discard":
                state.store.add_review(r.sha256, r.code, r.field, "discarded", state.reviewer, old_value=r.old_value,
                                       path=doc["path"])
            else:
                _reapply(state, doc, r)
            return _done(state, doc)
        moved = [d for d in docs if d["path"] == r.path]
        if not moved:
            raise HTTPException(404, "tệp của quyết định này không còn trong kho")
        doc = moved[0]
        rows = [dict(sha256=r.sha256, code=r.code, field=r.field, decision="discarded" if b.action == "discard" else "moved",
                     reviewer=state.reviewer, old_value=r.old_value, path=r.path)]
        if b.action == "reapply":   # carried to the file's new bytes; applied there only if the value still matches
            rows.append(dict(sha256=doc["sha256"], code=r.code, field=r.field, decision=r.decision, reviewer=r.reviewer,
                             old_value=r.old_value, new_value=r.new_value, comment=r.comment, path=doc["path"]))
        state.store.add_reviews(rows)
        return _done(state, doc)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return secure_headers(json_error(exc.status_code, exc.detail))
        return secure_headers(PlainTextResponse(exc.detail, status_code=exc.status_code))

    async def on_error(request: Request, exc: Exception) -> Response:
        log.error("review: %s %s: %s", request.method, request.url.path, exc, exc_info=exc)
        return secure_headers(json_error(500, f"lỗi nội bộ ({type(exc).__name__}); quyết định trước đó vẫn được lưu"))

    def post(path: str, fn: Callable[[Request], Awaitable[Response]]) -> Route:
        return Route(path, fn, methods=["POST"])

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/review.js", script, methods=["GET"]),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
        Route("/crop/{doc}/{index}.png", crop, methods=["GET"]),
        post("/api/finding", finding), post("/api/correct", correct), post("/api/confirm", confirm),
        post("/api/undo", undo), post("/api/signoff", signoff), post("/api/recheck", recheck),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Guard, state=state)],
                     exception_handlers={HTTPException: on_http_error, Exception: on_error})


def _reapply(state: ReviewApp, doc: sqlite3.Row, r: Review) -> None:
    """Make a second-look decision stand for what the current run produces."""
    rv = state.reviewed(doc)
    sl = next((s for s in rv.second_look if s.review.id == r.id), None)
    if sl is None:
        raise HTTPException(409, "quyết định này không cần xem lại")
    if r.field.startswith("finding:") and sl.current is None:
        raise HTTPException(409, "phát hiện này không còn: chỉ có thể bỏ quyết định")
    if r.field == "document":
        old: object = {v.origin_code: snapshot(c) for v, c in zip(rv.criteria, rv.extracted.criteria, strict=True)}
    elif r.field == "values":
        old = sl.current
    elif r.field in FIELDS or r.field.startswith("finding:"):
        old = sl.current
    else:
        raise HTTPException(409, "không áp dụng lại được quyết định này")
    if r.code and r.field != "document" and not any(v.origin_code == r.code for v in rv.criteria) \
            and not r.field.startswith("finding:"):
        raise HTTPException(409, f"tiêu chí {r.code} không còn: chỉ có thể bỏ quyết định")
    state.store.add_review(r.sha256, r.code, r.field, r.decision, state.reviewer, old_value=old, new_value=r.new_value,
                           comment=r.comment, path=doc["path"])


def _item_from_key(state: ReviewApp, key: str) -> Item | None:
    """Any criterion of any document (``ID:CODE``), also one without findings."""
    doc_s, _, code = key.partition(":")
    if not doc_s.isdigit():
        return None
    doc = state.store.document_by_id(int(doc_s))
    if doc is None:
        return None
    rv = state.reviewed(doc)
    for it in items_of(doc, rv):
        if it.code == code:
            return it
    index = next((i for i, c in enumerate(rv.record.criteria) if c.code == code), None)
    return Item(doc=doc, rv=rv, code=code, index=index) if index is not None else None


def _detail(state: ReviewApp, it: Item, filters: Filters) -> dict:
    rv = it.rv
    c = rv.record.criteria[it.index] if it.index is not None else None
    crit_review = rv.criteria[it.index] if it.index is not None else None
    ext = rv.extracted.criteria[it.index] if it.index is not None else None
    doc_looks = [sl for sl in rv.second_look if sl not in it.looks]
    return {"doc": it.doc, "label": doc_label(it.doc), "rv": rv, "c": c, "cr": crit_review, "ext": ext,
            "ext_values": snapshot(ext) if ext else {}, "cur_values": snapshot(c) if c else {},
            "image": c is not None and c.page is not None and not it.doc["path"].lower().endswith(".txt"),
            "doc_looks": doc_looks,
            "history": [r for r in rv.history if r.code == it.code or (crit_review and r.code == crit_review.origin_code)],
            "doc_history": rv.history,
            "code_link": lambda code: state.url("/", **filters.query(), item=f"{it.doc['id']}:{code}")}


def _criterion(state: ReviewApp, doc_id: int, index: int) -> tuple[sqlite3.Row, Reviewed]:
    """The document and its reviewed record, for a request about its criterion ``index`` (404 when none)."""
    doc = state.doc(doc_id)
    rv = state.reviewed(doc)
    if index >= len(rv.record.criteria):
        raise HTTPException(404, "không có tiêu chí này")
    return doc, rv


def _done(state: ReviewApp, doc: sqlite3.Row) -> Response:
    """The answer to a write: the document's findings after the decision (the audit re-run)."""
    rv = state.reviewed(doc)
    return JSONResponse({"ok": True, "findings": [
        {"check": fv.finding.check, "code": fv.finding.code, "severity": fv.finding.severity, "message": fv.finding.message,
         "decision": fv.decision.decision if fv.decision else None} for fv in rv.findings],
        "second_look": len(rv.second_look), "signed_off": rv.signed_off is not None})
