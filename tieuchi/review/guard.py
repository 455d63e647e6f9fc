"""The review app's request guard: the token (query or cookie), CSRF on writes, same-origin and
Host checks (DNS rebinding), strict JSON bodies under a size limit, and the security headers of
every answer."""

from __future__ import annotations

import json
import secrets
from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from tieuchi.review.queue import ReviewApp, StrictBody

COOKIE = "tieuchi_review"
MAX_BODY = 64 * 1024


def json_error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class Guard(BaseHTTPMiddleware):
    """Host, token, and for writes CSRF token, same origin and a JSON body; security headers on every answer."""

    def __init__(self, app: Any, state: ReviewApp) -> None:
        super().__init__(app)
        self.state = state

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        st = self.state
        hosts = {f"{h}:{st.port}" for h in st.hosts} | ({f"[::1]:{st.port}"} if "::1" in st.hosts else set())
        if request.headers.get("host", "") not in hosts:
            return secure_headers(PlainTextResponse("địa chỉ Host không hợp lệ", status_code=400))
        given = request.query_params.get("token") or request.cookies.get(COOKIE) or ""
        if not secrets.compare_digest(given.encode(), st.token.encode()):
            return secure_headers(PlainTextResponse("cần mã truy cập: mở đường dẫn có ?token=… mà lệnh tieuchi review đã in ra",
                                              status_code=403))
        if request.method not in ("GET", "HEAD"):
            if request.method != "POST":
                return secure_headers(json_error(405, "chỉ nhận GET và POST"))
            origins = {f"http://{h}" for h in hosts}
            origin = request.headers.get("origin")
            if origin is not None and origin not in origins:
                return secure_headers(json_error(403, "yêu cầu từ trang khác bị từ chối (CSRF)"))
            if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
                return secure_headers(json_error(403, "yêu cầu từ trang khác bị từ chối (CSRF)"))
            if not secrets.compare_digest(request.headers.get("x-csrf-token", "").encode(), st.csrf.encode()):
                return secure_headers(json_error(403, "thiếu hoặc sai mã chống giả mạo (CSRF)"))
            if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                return secure_headers(json_error(415, "nội dung phải là JSON (application/json)"))
        resp = await call_next(request)
        if request.cookies.get(COOKIE) != st.token:
            resp.set_cookie(COOKIE, st.token, httponly=True, samesite="strict", path="/")
        return secure_headers(resp)


def secure_headers(resp: Response) -> Response:
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["Content-Security-Policy"] = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                                               "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                                               "frame-ancestors 'none'; base-uri 'none'")
    return resp


async def read_body(request: Request, model: type[StrictBody]) -> Any:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise HTTPException(413, "nội dung quá lớn")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "nội dung không phải JSON hợp lệ") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "nội dung phải là một đối tượng JSON")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "nội dung"
        raise HTTPException(422, f"{where}: {first['msg']}") from None
