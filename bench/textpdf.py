"""Text-layer PDFs: pages per second for tieuchi's whole extract, pdfplumber alone and PDFium alone.

    .venv/bin/python bench/textpdf.py [PDF ...] [--jobs 2] [--repeats 3] [--only tieuchi] [--profile 25]

Inputs default to the dev corpus's text PDFs (``../shared/corpus/dev/*.pdf``, not ``*.scan.pdf``),
else the text PDFs under ``samples/``. Each measure runs the documents over a pool of 1 and of N
worker processes (warmed up first: imports, the catalog), and the three are taken in turns.
Each reports pages per wall second and pages per CPU second of the workers (their
``time.process_time``): on a shared, loaded machine the second is the fair per-core figure.

- tieuchi: ``process_file`` (ingest, extraction, audit), also timed per stage (CPU seconds) in one process;
  the workers and that process call :func:`ingest.fewer_collections` as the CLI does;
- pdfplumber: ``extract_words()`` on every page (what the text-layer reader used to cost);
- pypdfium2: every character with its loose box (what reading the text layer costs PDFium).

``--profile N`` prints the N functions with the most own time in ingest, extraction and audit
(cProfile; the per-stage times are then the profiled ones).
"""

from __future__ import annotations

import argparse
import cProfile
import glob
import io
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent.parent / "shared" / "corpus" / "dev"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus/dev")


def default_pdfs() -> list[str]:
    found = sorted(p for p in glob.glob(str(CORPUS / "*.pdf")) if not p.endswith(".scan.pdf"))
    return found or sorted(str(p) for p in (ROOT / "samples").rglob("*.pdf") if not p.name.endswith(".scan.pdf"))


def _timed(work: Callable[[str], int]) -> Callable[[str], tuple[int, float]]:
    """``work`` returning (pages, CPU seconds this worker spent on it)."""

    def run(path: str) -> tuple[int, float]:
        c0 = time.process_time()
        pages = work(path)
        return pages, time.process_time() - c0

    run.__name__ = run.__qualname__ = work.__name__.lstrip("_") + "_timed"
    return run


def _tieuchi(path: str) -> int:
    from tieuchi.pipeline import process_file

    return process_file(path, _OPTIONS).pages


def _plumber(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(x_tolerance=1.5, y_tolerance=3)
        return len(pdf.pages)


def _pdfium(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            for k in range(tp.count_chars()):
                tp.get_charbox(k, loose=True)
            tp.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


_OPTIONS = None
tieuchi_timed, plumber_timed, pdfium_timed = _timed(_tieuchi), _timed(_plumber), _timed(_pdfium)
WORK = {"tieuchi": tieuchi_timed, "pdfplumber": plumber_timed, "pypdfium2": pdfium_timed}
"""Module-level names: the pool's workers find them by name."""


def _init() -> None:
    global _OPTIONS
    from ingest import fewer_collections
    from ingest.config import IngestConfig
    from tieuchi.pipeline import Options

    _OPTIONS = Options(ingest=IngestConfig(jobs=1))
    fewer_collections()  # as the CLI does
    from extractors import load_catalog

    load_catalog()  # cached per process: the first document must not pay for it


def _run(name: str, pdfs: list[str], pool: ProcessPoolExecutor) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds summed over the workers, pages) of one pass over ``pdfs``."""
    t0 = time.perf_counter()
    done = list(pool.map(WORK[name], pdfs))
    return time.perf_counter() - t0, sum(c for _, c in done), sum(p for p, _ in done)


def stages(pdfs: list[str], profile: int) -> list[tuple[str, str]]:
    """Ingest, extraction and audit of every document in this process, each stage timed."""
    from audit import run_checks
    from extractors import extract, load_catalog
    from ingest import fewer_collections, read_document
    from ingest.config import IngestConfig

    fewer_collections()  # as the CLI does
    cat = load_catalog()
    cfg = IngestConfig(jobs=1)
    docs = [read_document(p, cfg) for p in pdfs[:2]]
    for d in docs:
        run_checks(extract(d, cat), cat)  # warm-up
    t_in = t_ex = t_au = 0.0
    pages = 0
    prof = cProfile.Profile() if profile else None
    for p in pdfs:
        if prof:
            prof.enable()
        t0 = time.process_time()
        doc = read_document(p, cfg)
        t1 = time.process_time()
        rec = extract(doc, cat)
        t2 = time.process_time()
        run_checks(rec, cat)
        t3 = time.process_time()
        if prof:
            prof.disable()
        t_in, t_ex, t_au, pages = t_in + t1 - t0, t_ex + t2 - t1, t_au + t3 - t2, pages + len(doc.pages)
    rows = [(f"one process, CPU per stage ({pages} pages)",
             f"ingest {1000 * t_in / pages:.1f} ms/page ({pages / t_in:.0f} pages/s), extraction "
             f"{1000 * t_ex / pages:.1f} ms/page ({pages / t_ex:.0f} pages/s), audit {1000 * t_au / pages:.2f} ms/page")]
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(profile)
        print(out.getvalue(), file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", help="text-layer PDFs (default: the dev corpus's, else samples/)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--only", default=",".join(WORK), help="comma-separated subset of: " + ", ".join(WORK))
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions of ingest + extraction + audit")
    a = ap.parse_args(argv)
    pdfs = a.pdfs or default_pdfs()
    names = [n for n in WORK if n in a.only.split(",")]
    if not pdfs:
        print("bench: no text PDFs found", file=sys.stderr)
        return 2
    load0 = os.getloadavg()
    walls: dict[tuple[str, int], list[float]] = {}
    cpus: dict[tuple[str, int], list[float]] = {}
    pages = 0
    for jobs in sorted({1, max(1, a.jobs)}):
        with ProcessPoolExecutor(jobs, initializer=_init) as pool:
            for name in names:  # warm-up: every worker imports everything once
                list(pool.map(WORK[name], pdfs[: 2 * jobs]))
            for rep in range(a.repeats):
                order = names if rep % 2 == 0 else list(reversed(names))
                for name in order:
                    dt, cpu, pages = _run(name, pdfs, pool)
                    walls.setdefault((name, jobs), []).append(dt)
                    cpus.setdefault((name, jobs), []).append(cpu)
    rows: list[tuple[str, str]] = []
    jobs_list = sorted({1, max(1, a.jobs)})
    for name in names:
        cells = []
        for jobs in jobs_list:
            w = statistics.median(walls[(name, jobs)])
            c = statistics.median(cpus[(name, jobs)])
            cells.append(f"jobs={jobs} {pages / w:6.1f} pages/s ({w:.2f} s; {pages / c:6.1f} pages per CPU-s)")
        if len(jobs_list) > 1:
            cells.append(f"{statistics.median(walls[(name, 1)]) / statistics.median(walls[(name, jobs_list[-1])]):.2f}x")
        rows.append((f"{name} ({len(pdfs)} PDFs, {pages} pages)", "   ".join(cells)))
    rows += stages(pdfs, a.profile)
    load1 = os.getloadavg()
    rows.append(("load average (1 min) before / after", f"{load0[0]:.2f} / {load1[0]:.2f} on {os.cpu_count()} CPUs"))
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
