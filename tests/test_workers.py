"""Workers end with their batch however it ends: kill -9 of `tieuchi batch` leaves no worker alive.

Before, the workers of a killed batch slept on their task pipe for good (each holds the pipe's
write end too, so it never reads end-of-file). Linux only: processes are found through /proc.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")

CLI = "import sys; from tieuchi.cli import main; sys.exit(main(sys.argv[1:]))"
WATCHDOG_ONLY = "import tieuchi.executors as e; e.PR_SET_PDEATHSIG = 0; "  # prctl(0) fails: only the watchdog is left


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) "
    return fields[0], int(fields[1]), int(fields[19])


def _children(pid: int) -> dict[int, int]:
    """Live children of ``pid``: {pid: start time}."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st and st[1] == pid and st[0] != "Z":
                out[int(entry.name)] = st[2]
    return out


def _alive(pid: int, started: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] != "Z" and st[2] == started


@pytest.mark.ocr
@pytest.mark.parametrize("sig,prefix", [(signal.SIGKILL, ""), (signal.SIGTERM, ""), (signal.SIGKILL, WATCHDOG_ONLY)],
                         ids=["kill-9", "term", "kill-9-watchdog-only"])
def test_no_worker_outlives_a_killed_batch(tmp_path, sig, prefix):
    inp = tmp_path / "scans"
    inp.mkdir()
    for i in range(4):  # about 12 s of OCR each: still reading when it is killed
        shutil.copy(SAMPLES / "labelled" / "a000_bim-son.scan.pdf", inp / f"s{i}.scan.pdf")
    cmd = [sys.executable, "-c", prefix + CLI, "batch", str(inp), "--db", str(tmp_path / "r.sqlite"), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    workers: dict[int, int] = {}
    try:
        deadline = time.monotonic() + 90
        while True:  # both workers started and at least one of them running tesseract or pdftoppm
            assert proc.poll() is None, "the batch finished before it could be killed"
            assert time.monotonic() < deadline, "the workers never started reading"
            workers = _children(proc.pid)
            if len(workers) == 2 and any(_children(w) for w in workers):
                break
            time.sleep(0.1)
        os.kill(proc.pid, sig)  # the batch alone, not its process group
        proc.wait()
        t0 = time.monotonic()
        while any(_alive(w, s) for w, s in workers.items()) and time.monotonic() - t0 < 5:
            time.sleep(0.05)
        left = [w for w, s in workers.items() if _alive(w, s)]
        assert left == [], f"workers still alive {time.monotonic() - t0:.1f} s after {sig.name} of their batch"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the session (a failed run)
        except ProcessLookupError:
            pass


@pytest.mark.ocr
def test_ctrl_c_stops_the_workers_at_once_and_exits_130(tmp_path):
    """Ctrl-C: the batch terminates its own workers (found without the pool's private process table)."""
    inp = tmp_path / "scans"
    inp.mkdir()
    for i in range(3):
        shutil.copy(SAMPLES / "labelled" / "a000_bim-son.scan.pdf", inp / f"s{i}.scan.pdf")
    cmd = [sys.executable, "-c", CLI, "batch", str(inp), "--db", str(tmp_path / "r.sqlite"), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None and time.monotonic() < deadline
            workers = _children(proc.pid)
            if len(workers) == 2 and any(_children(w) for w in workers):
                break
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        t0 = time.monotonic()
        _, err = proc.communicate(timeout=30)
        # without stopping its workers the batch would wait for their documents (about 15 s of OCR)
        assert time.monotonic() - t0 < 5
        assert proc.returncode == 130 and "đã dừng (Ctrl-C)" in err and "Traceback" not in err
        assert [w for w, s in workers.items() if _alive(w, s)] == []
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
