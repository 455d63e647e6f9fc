"""OCR cost: raw Tesseract CLI against tieuchi's OCR, per page and in parallel.

    .venv/bin/python bench/ocr.py [--pdf SCAN.pdf] [--tables T.scan.pdf ...] [--images IMG ...] [--pages 4]
                                  [--repeats 3] [--jobs 2] [--no-throughput]

1. Per page: the same page images through ``tesseract IMG out -l vie`` (OMP_THREAD_LIMIT=1,
   whole process) and through tieuchi: ``ingest.ocr.ocr_image_file`` (load, deskew, table grid,
   PGM, TSV, lines), then extraction and audit of that page, interleaved, taking turns at going
   first. Page images default to the first pages of the scan PDF and every page of the bundled
   table scans (``samples/generated/*qd176*.scan.pdf``, ``*kh100*.scan.pdf``), rasterized once to
   PGM; a page is a "table" page when :func:`ingest.grid.find_grid` finds a ruled table on it, and
   the overhead is reported for prose and table pages apart, in the same run.
2. Throughput: ``ocr_pdf_pages`` on the scan PDF with jobs=1 and jobs=N, against the raw
   pipeline floor (pdftoppm to PGM, then N tesseract processes at once).

Prints one table of medians. The box is shared: load averages are printed with it.
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from audit import run_checks
from extractors.catalog import load_catalog
from extractors.extract import extract
from ingest import _exec
from ingest.config import IngestConfig
from ingest.models import Document
from ingest.ocr import ocr_image_file, ocr_pdf_pages

CORPUS = Path("/work/shared/corpus/dev")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDF = ROOT / "tests" / "data" / "ocr" / "scan_2pages.pdf"


def default_tables() -> list[Path]:
    gen = ROOT / "samples" / "generated"
    return sorted(gen.glob("*qd176*.scan.pdf")) + sorted(gen.glob("*kh100*.scan.pdf"))


def is_table_page(image: str) -> bool:
    from PIL import Image

    from ingest.grid import find_grid
    from ingest.image import prepare

    with Image.open(image) as im:
        prepared, _ = prepare(im.convert("L"), straighten=True)
    return find_grid(prepared) is not None


def default_pdf() -> Path:
    scans = sorted(glob.glob(str(CORPUS / "*.scan.pdf")))
    return Path(scans[0]) if scans else SAMPLE_PDF


def cpu_seconds() -> float:
    """User + system CPU of this process and its finished children so far."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def raw_tesseract(image: str, out_base: str, lang: str) -> float:
    """Wall seconds of one whole ``tesseract IMG out -l LANG`` process."""
    t0 = time.perf_counter()
    subprocess.run(["tesseract", image, out_base, "-l", lang], env=_exec.child_env(), check=True, capture_output=True)
    return time.perf_counter() - t0


def rasterize_all(pdf: str, pages: int, dpi: int, outdir: str, prefix: str = "pg") -> list[str]:
    """The first ``pages`` pages as PGM (pdftoppm -gray), one file per page."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", str(pages), pdf, f"{outdir}/{prefix}"], check=True)
    return sorted(glob.glob(f"{outdir}/{prefix}-*.pgm"))


def raw_pipeline(pdf: str, pages: int, dpi: int, jobs: int, lang: str) -> float:
    """Wall seconds of the floor: rasterize every page, then ``jobs`` tesseract processes at once."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        images = rasterize_all(pdf, pages, dpi, tmp)
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(lambda im: raw_tesseract(im, im, lang), images))
        return time.perf_counter() - t0


def tieuchi_page(image: str, number: int, config: IngestConfig, catalog) -> None:
    """What tieuchi does with one page image: OCR (deskew, grid, PGM, TSV, lines), extraction, audit."""
    page = ocr_image_file(image, number, config)
    rec = extract(Document(path=image, sha256="0" * 64, kind="image", pages=[page]), catalog)
    run_checks(rec, catalog)


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdf", type=Path, default=None, help="multi-page scan (default: first corpus *.scan.pdf, else samples)")
    ap.add_argument("--images", nargs="*", default=None, help="page images for part 1 (default: pages of --pdf)")
    ap.add_argument("--pages", type=int, default=4, help="pages of --pdf to use (default 4)")
    ap.add_argument("--repeats", type=int, default=3, help="repeats of each measurement (default 3)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel jobs for part 2 (default 2)")
    ap.add_argument("--tables", nargs="*", type=Path, default=None, help="table scans (default: the bundled qd176, kh100)")
    ap.add_argument("--no-throughput", action="store_true", help="skip part 2")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--lang", default="vie")
    ap.add_argument("--no-orient", action="store_true", help="turn off orientation detection (ingest.ocr.ORIENT)")
    a = ap.parse_args(argv)
    if a.no_orient:
        import ingest.ocr

        ingest.ocr.ORIENT = False

    pdf = a.pdf or default_pdf()
    if not pdf.exists():
        print(f"bench: no such PDF: {pdf}", file=sys.stderr)
        return 2
    _exec.check_tesseract(a.lang)
    _exec.check_poppler()
    n_pages = min(a.pages, _exec.pdf_page_count(str(pdf)))
    load0 = os.getloadavg()
    rows: list[tuple[str, str]] = []

    with tempfile.TemporaryDirectory() as tmp:
        images = a.images or rasterize_all(str(pdf), n_pages, a.dpi, tmp)
        if not a.images:
            for k, t in enumerate(default_tables() if a.tables is None else a.tables):
                images += rasterize_all(str(t), _exec.pdf_page_count(str(t)), a.dpi, tmp, prefix=f"t{k}")
        kinds = {im: "table" if is_table_page(im) else "prose" for im in images}
        config = IngestConfig(lang=a.lang, dpi=a.dpi, jobs=1)
        catalog = load_catalog()
        tieuchi_page(images[0], 1, config, catalog)  # warm-up: imports, probes, page cache, catalog keys
        raw: dict[str, list[float]] = {}
        ours: dict[str, list[float]] = {}
        raw_cpu: dict[str, list[float]] = {}
        ours_cpu: dict[str, list[float]] = {}
        for rep in range(a.repeats):
            for i, image in enumerate(images, 1):
                kind = kinds[image]
                # take turns at going first: with raw always first, the same code and pages read
                # +12 %; taking turns, +4-6 % (an order effect of this shared VM, not of either side)
                for which in (("raw", "ours") if (rep + i) % 2 else ("ours", "raw")):
                    c0 = cpu_seconds()
                    if which == "raw":
                        raw.setdefault(kind, []).append(raw_tesseract(image, f"{tmp}/raw", a.lang))
                        raw_cpu.setdefault(kind, []).append(cpu_seconds() - c0)
                    else:
                        t0 = time.perf_counter()
                        tieuchi_page(image, i, config, catalog)
                        ours.setdefault(kind, []).append(time.perf_counter() - t0)
                        ours_cpu.setdefault(kind, []).append(cpu_seconds() - c0)
        for kind in sorted(raw):
            n = sum(1 for k in kinds.values() if k == kind)
            over = (med(ours[kind]) / med(raw[kind]) - 1) * 100
            over_cpu = (sum(ours_cpu[kind]) / sum(raw_cpu[kind]) - 1) * 100
            rows += [
                (
                    f"{kind} pages: raw `tesseract IMG out -l {a.lang}` ({n} pages x {a.repeats})",
                    f"{med(raw[kind]):.3f} s/page wall, {med(raw_cpu[kind]):.3f} s cpu",
                ),
                (f"{kind} pages: tieuchi (OCR + extraction + audit)",
                 f"{med(ours[kind]):.3f} s/page wall, {med(ours_cpu[kind]):.3f} s cpu"),
                (f"{kind} pages: overhead of tieuchi over raw CLI",
                 f"{over:+.1f} % wall (median), {over_cpu:+.1f} % in total cpu"),
            ]
    if a.no_throughput:
        return _print(rows, load0)

    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    jobs_list = sorted({1, max(1, a.jobs)})
    for _ in range(a.repeats):
        for jobs in jobs_list:
            c0, t0 = cpu_seconds(), time.perf_counter()
            pages, errors = ocr_pdf_pages(str(pdf), list(range(1, n_pages + 1)), IngestConfig(lang=a.lang, dpi=a.dpi, jobs=jobs))
            walls.setdefault(f"ours j{jobs}", []).append(time.perf_counter() - t0)
            cpus.setdefault(f"ours j{jobs}", []).append(cpu_seconds() - c0)
            if errors:
                print(f"bench: {len(errors)} pages failed: {errors[0].message}", file=sys.stderr)
        c0 = cpu_seconds()
        walls.setdefault(f"raw j{a.jobs}", []).append(raw_pipeline(str(pdf), n_pages, a.dpi, max(1, a.jobs), a.lang))
        cpus.setdefault(f"raw j{a.jobs}", []).append(cpu_seconds() - c0)
    for jobs in jobs_list:
        w, c = med(walls[f"ours j{jobs}"]), med(cpus[f"ours j{jobs}"])
        rows.append((f"ocr_pdf_pages jobs={jobs}, {n_pages} pages of {pdf.name}", f"{w:.2f} s  {n_pages / w:.2f} pages/s  ({c:.1f} cpu-s)"))
    if len(jobs_list) > 1:
        speedup = med(walls["ours j1"]) / med(walls[f"ours j{a.jobs}"])
        rows.append((f"speed-up jobs={a.jobs} over jobs=1", f"{speedup:.2f}x"))
    floor = med(walls[f"raw j{a.jobs}"])
    floor_cpu = med(cpus[f"raw j{a.jobs}"])
    rows.append(
        (
            f"raw pipeline floor (pdftoppm PGM + {a.jobs} tesseract at once)",
            f"{floor:.2f} s  {n_pages / floor:.2f} pages/s  ({floor_cpu:.1f} cpu-s)",
        )
    )
    rows.append((f"ocr_pdf_pages jobs={a.jobs} / raw floor", f"{med(walls[f'ours j{a.jobs}']) / floor:.2f}x"))
    return _print(rows, load0)


def _print(rows: list[tuple[str, str]], load0: tuple[float, float, float]) -> int:
    load1 = os.getloadavg()
    rows.append(("load average (1 min) before / after", f"{load0[0]:.2f} / {load1[0]:.2f} on {os.cpu_count()} CPUs"))
    rows.append(("tesseract", _exec.tesseract_version()))
    import ingest.ocr

    rows.append(("orientation detection (cheap test, OSD when needed)", "on" if ingest.ocr.ORIENT else "off"))

    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
