"""``tieuchi review``: the command; :mod:`tieuchi.cli` registers it."""

from __future__ import annotations

import getpass
import logging
import os
import socket
import sys
import threading
import webbrowser
from typing import Annotated

import typer

from extractors import load_catalog
from tieuchi.cli_common import CatalogOpt, err
from tieuchi.errors import UsageError

log = logging.getLogger(__name__)


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _can_open_browser() -> bool:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def review(
    db: Annotated[str, typer.Option("--db", help="kho kết quả SQLite do tieuchi batch tạo")] = "results.sqlite",
    reviewer: Annotated[str | None, typer.Option(
        "--reviewer", help="tên người duyệt ghi kèm mỗi quyết định (mặc định: người dùng hệ điều hành)")] = None,
    host: Annotated[str, typer.Option("--host", help="địa chỉ lắng nghe (mặc định chỉ máy này)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="cổng (mặc định: một cổng trống bất kỳ)")] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="chỉ in địa chỉ, không mở trình duyệt")] = False,
    catalog: CatalogOpt = None,
    password: Annotated[str | None, typer.Option(help="mật khẩu của tệp PDF có mật khẩu (để hiện ảnh trang)")] = None,
) -> None:
    """Duyệt kho kết quả trên trình duyệt: xác nhận hoặc bác phát hiện, sửa giá trị, ký duyệt tài liệu."""
    import uvicorn

    from tieuchi.review.app import ReviewApp, create_app
    from tieuchi.store import StoreError

    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: không phải số cổng (0–65535)")
    name = (reviewer if reviewer is not None else default_reviewer()).strip()
    if not name or len(name) > 100:
        raise UsageError("--reviewer cần một tên (tối đa 100 ký tự)")
    cat = load_catalog(catalog)
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as e:
        raise UsageError(f"không mở được cổng {host}:{port}: {e.strerror or e}") from None
    bound = sock.getsockname()[1]
    try:
        state = ReviewApp(db, cat, name, hosts=(host, "localhost") if host in ("127.0.0.1", "::1") else (host,),
                          port=bound, password=password)
    except StoreError as e:
        sock.close()
        raise UsageError(str(e)) from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/?token={state.token}"
    if host not in ("127.0.0.1", "::1", "localhost"):
        err.print(f"tieuchi: cảnh báo: đang nghe trên {host}: ai truy cập được địa chỉ này và có đường dẫn đều duyệt được",
                  markup=False)
    sys.stdout.write(url + "\n")
    sys.stdout.flush()
    err.print(f"tieuchi review: {state.store.count()} tài liệu, người duyệt {name}; Ctrl-C để dừng (mọi quyết định đã lưu)",
              markup=False)
    if not no_browser and _can_open_browser():
        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    config = uvicorn.Config(create_app(state), log_level="warning", access_log=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        state.store.close()
        sock.close()
