"""Text-layer PDFs a process has not met before: pages per CPU second of the whole extract.

    .venv/bin/python bench/unseen.py [--warm N] [--runs 3]

``bench/textpdf.py`` repeats the same documents in warm workers, so its caches (``match_key``,
title keys) meet texts they already hold. Here one process first reads N other text PDFs of
``samples/`` (imports, compiled patterns, pdfplumber's table finder, the catalog: what a batch pays
once), then reads each dev text PDF once with ``process_file`` (ingest, extraction, audit) and
reports CPU milliseconds per page. Each run is a fresh process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(warm: int) -> dict[str, float]:
    import time

    sys.path.insert(0, str(ROOT))
    import ingest
    from bench.textpdf import default_pdfs
    from tieuchi.pipeline import process_file

    ingest.fewer_collections()  # as the CLI does
    others = sorted(p for p in (ROOT / "samples").rglob("*.pdf")
                    if not any(k in p.name for k in (".scan.", ".tcvn3.", ".vni.")))[:warm]
    for p in others:
        process_file(str(p))
    dev = default_pdfs()
    t = time.process_time()
    pages = sum(process_file(p).pages for p in dev)
    dt = time.process_time() - t
    return {"pages": pages, "ms_per_page": 1000 * dt / pages, "pages_per_cpu_s": pages / dt, "warm": len(others)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warm", type=int, default=10, help="other sample PDFs read first (default 10)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(one_run(a.warm)))
        return
    for i in range(a.runs):
        out = subprocess.run([sys.executable, __file__, "--child", "--warm", str(a.warm)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"run {i + 1}: warmed on {r['warm']} other PDFs; {r['pages']} unseen pages, "
              f"{r['ms_per_page']:.2f} ms/page = {r['pages_per_cpu_s']:.1f} pages per CPU-s")


if __name__ == "__main__":
    main()
