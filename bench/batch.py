"""Batch throughput and report cost.

    python bench/batch.py [FOLDER] [--jobs N] [--glob PATTERN] [--synthetic 500]

Reads FOLDER (default ``samples/``) with jobs=1 and jobs=N into fresh temporary stores,
then writes the HTML report and the XLSX of SYNTHETIC records (copies of one real record
with changed sources). Prints one table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tieuchi.batch import default_jobs, run_batch
from tieuchi.pipeline import Options
from tieuchi.report import write_report
from tieuchi.store import Store
from tieuchi.xlsx import write_xlsx


def _open_time(html: Path) -> float | None:
    """Seconds until the report's load event in Debian's chromium (None when it is not installed)."""
    import shutil

    exe = shutil.which("chromium")
    if not exe:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu",
                                                               "--disable-background-networking"])
        page = browser.new_page()
        t0 = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load")
        dt = time.perf_counter() - t0
        browser.close()
    return dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default="samples")
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--glob", default="*")
    ap.add_argument("--synthetic", type=int, default=500)
    a = ap.parse_args(argv)

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        last_db = None
        for jobs in sorted({1, max(1, a.jobs)}):
            db = Path(tmp) / f"j{jobs}.sqlite"
            t0 = time.perf_counter()
            res = run_batch([a.folder], db, Options(), jobs=jobs, glob=a.glob, force=True, progress=False)
            dt = time.perf_counter() - t0
            if res.found == 0:
                print(f"bench: no report files under {a.folder}", file=sys.stderr)
                return 2
            rows.append((f"jobs={jobs}: documents ({res.read} read, {res.failed} failed)", f"{res.read / dt:.2f} /s"))
            rows.append((f"jobs={jobs}: pages ({res.pages})", f"{res.pages / dt:.2f} /s"))
            rows.append((f"jobs={jobs}: wall time", f"{dt:.2f} s"))
            last_db = db
        with Store(last_db) as st:
            recs = [r for r in st.records() if r.criteria]
        if recs:
            base = max(recs, key=lambda r: len(r.criteria) + len(r.findings))
            synth = [base.model_copy(update={"source": f"{base.source}#{i:04d}"}) for i in range(a.synthetic)]
            out = Path(tmp) / "report.html"
            t0 = time.perf_counter()
            size = write_report(synth, out)
            dt = time.perf_counter() - t0
            rows.append((f"HTML report, {len(synth)} records ({len(base.criteria)} criteria, {len(base.findings)} findings each)",
                         f"{size / 1e6:.1f} MB in {dt:.2f} s"))
            opened = _open_time(out)
            if opened is not None:
                rows.append((f"HTML report, {len(synth)} records: opened in headless Chromium (load event)", f"{opened:.2f} s"))
            xo = Path(tmp) / "r.xlsx"
            t0 = time.perf_counter()
            write_xlsx(synth, xo)
            rows.append((f"XLSX, {len(synth)} records", f"{xo.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.2f} s"))
            st_db = Path(tmp) / "synth.sqlite"
            with Store(st_db) as st:
                run = st.start_run("bench", "", None)
                t0 = time.perf_counter()
                for r in synth:
                    st.save(r, run)
                rows.append((f"store.save, {len(synth)} records (one transaction each)",
                             f"{len(synth) / (time.perf_counter() - t0):.0f} /s"))

    w = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(w)}  value")
    print(f"{'-' * w}  {'-' * 20}")
    for k, v in rows:
        print(f"{k.ljust(w)}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
