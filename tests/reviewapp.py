"""Run ``tieuchi review`` as a real server process for the tests, and talk plain HTTP to it."""

from __future__ import annotations

import http.client
import json
import os
import selectors
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.conftest import ROOT, SAMPLES

CLI = "import sys; from tieuchi.cli import main; sys.exit(main(sys.argv[1:]))"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The CLI in its own process (as a user runs it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


def copy_samples(dest: Path, names: list[str]) -> list[Path]:
    """Copies of samples in ``dest`` (the tests may change them, as a district re-issuing a report would)."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for n in names:
        p = dest / Path(n).name
        shutil.copyfile(SAMPLES / n, p)
        out.append(p)
    return out


class Server:
    def __init__(self, proc: subprocess.Popen, url: str) -> None:
        self.proc = proc
        self.url = url
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "", parts.port or 0
        self.token = parse_qs(parts.query)["token"][0]

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                host: str | None = None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        hdrs = {"Host": host or f"{self.host}:{self.port}", **(headers or {})}
        conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=hdrs)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def page(self, query: str = "") -> str:
        status, _, data = self.request("GET", f"/?token={self.token}{query}")
        assert status == 200, data
        return data.decode("utf-8")

    def csrf(self) -> str:
        html = self.page()
        start = html.index('<meta name="csrf" content="') + len('<meta name="csrf" content="')
        return html[start:html.index('"', start)]

    def post(self, action: str, payload: object, *, csrf: str | None = None, token: bool = True,
             headers: dict | None = None) -> tuple[int, dict]:
        hdrs = {"Content-Type": "application/json", "X-CSRF-Token": csrf if csrf is not None else self.csrf(),
                **(headers or {})}
        q = f"?token={self.token}" if token else ""
        body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
        status, _, data = self.request("POST", f"/api/{action}{q}", body, hdrs)
        try:
            return status, json.loads(data)
        except ValueError:
            return status, {"raw": data.decode("utf-8", "replace")}


@contextmanager
def serve(db: Path, reviewer: str = "kiểm toán viên"):
    """``tieuchi review --no-browser`` in a child process; yields a Server; the child is stopped afterwards."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)
    proc = subprocess.Popen([sys.executable, "-c", CLI, "review", "--db", str(db), "--no-browser", "--reviewer", reviewer],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=60):
            raise AssertionError("tieuchi review printed no address within 60 s")
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url, (url, proc.stderr and proc.stderr.read())
        server = Server(proc, url)
        for _ in range(100):   # the address is printed just before the server accepts
            try:
                server.request("GET", "/favicon.ico")
                break
            except OSError:
                time.sleep(0.1)
        yield server
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        stderr = proc.stderr.read() if proc.stderr else ""
        assert "Traceback" not in stderr, stderr
