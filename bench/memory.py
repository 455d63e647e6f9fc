"""Peak memory of `tieuchi extract` on a long scanned PDF (pages are streamed, never all rasterized)
or a long text-layer PDF.

    .venv/bin/python bench/memory.py [--pages 100] [--scan samples/labelled/a000_bim-son.scan.pdf]
    .venv/bin/python bench/memory.py --text [--pages 500] [--scan samples/labelled/a000_bim-son.pdf]

Builds an N-page PDF by repeating the pages of a real one, runs the CLI in a child process and
reports its peak RSS (getrusage of children: the largest single process, Python or one
tesseract) and the wall time. The goals: under 1 GB for a 100-page scan, under 500 MB for a
500-page text PDF.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def build(scan: Path, pages: int, out: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(str(scan))
    w = PdfWriter()
    for i in range(pages):
        w.add_page(src.pages[i % len(src.pages)])
    with open(out, "wb") as fh:
        w.write(fh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=None, help="default 100 (scan) or 500 (--text)")
    ap.add_argument("--scan", type=Path, default=None, help="the PDF whose pages are repeated")
    ap.add_argument("--text", action="store_true", help="a text-layer PDF (default: a scan)")
    ap.add_argument("--jobs", type=int, default=None)
    a = ap.parse_args()
    a.pages = a.pages or (500 if a.text else 100)
    a.scan = a.scan or ROOT / "samples" / "labelled" / ("a000_bim-son.pdf" if a.text else "a000_bim-son.scan.pdf")
    goal_mib = 500 if a.text else 1024
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"{'text' if a.text else 'scan'}_{a.pages}p.pdf"
        build(a.scan, a.pages, pdf)
        cmd = [sys.executable, "-c", "import sys; from tieuchi.cli import main; sys.exit(main(sys.argv[1:]))",
               "extract", str(pdf), "-f", "jsonl", "-o", str(Path(tmp) / "out.jsonl")]
        if a.jobs:
            cmd += ["--jobs", str(a.jobs)]
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tree_peak = 0
        while proc.poll() is None:
            tree_peak = max(tree_peak, tree_rss_kb(proc.pid))
            time.sleep(0.05 if a.text else 0.2)
        wall = time.monotonic() - t0
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"pages            {a.pages}")
    print(f"exit code        {proc.returncode}")
    print(f"wall             {wall:.1f} s ({a.pages / wall:.2f} pages/s)")
    print(f"peak RSS         {peak_kb / 1024:.0f} MiB (largest single process)")
    print(f"peak tree RSS    {tree_peak / 1024:.0f} MiB (tieuchi and its tesseract children together, sampled)")
    print(f"input            {a.pages}-page {'text-layer' if a.text else 'scanned'} PDF from {a.scan.name}")
    print(f"goal             < {goal_mib} MiB: {'met' if tree_peak / 1024 < goal_mib else 'NOT met'}")
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
