"""Generate reports that vary the way real ones do, each with the truth a careful clerk reads in it.

    python -m samples.phrasing.gen --seed 101 --n 40 --out out/open            # a split
    python -m samples.phrasing.gen --seed 7 --n 2 --out /tmp/x --kinds pdf,txt

Every way of writing a field comes from ``grammar.json`` (each form with the class it shows);
a document draws a few forms per class and mixes them per criterion. Frameworks are the bundled
catalog's, the catalog files in ``tests/catalogs/`` and, for reports read with no catalog at all,
``nocatalog.json`` (never given to the tool). Each document ``ID`` gets ``ID.pdf`` (text layer,
DejaVu Serif, ruled tables), ``ID.txt`` (legacy OCR without Vietnamese support, via
``samples/make_samples.py``'s garbling), for some ``ID.scan.pdf``, and ``ID.truth.json`` in the dev
corpus's format plus ``value``/``value_unit``, ``provisional`` and ``catalog``. ``planted`` is exactly
the set of contract checks that fire (/work/shared/corpus/README.md's conventions).

This module composes the parts and writes the truth files: ``common`` (grammar, specs, places),
``items`` (each criterion's measures, verdict, planted errors), ``docs`` (a document and its style),
``wording`` (how each field is written), ``render`` (the PDF); the degradations (OCR text, legacy
fonts, scans) are :mod:`samples.maker`'s.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors import load_catalog  # noqa: E402
from extractors.catalog import Catalog, Framework  # noqa: E402
from samples.maker.garble import ocr_text  # noqa: E402
from samples.maker.legacy import legacy_font_pdf  # noqa: E402
from samples.maker.scan import degrade, rasterise  # noqa: E402
from samples.phrasing.common import CATALOG_DIR, NOCATALOG  # noqa: E402, F401 - NOCATALOG: the tests read it here
from samples.phrasing.docs import Doc, _frameworks, make_doc  # noqa: E402
from samples.phrasing.render import Tracker, build_pdf  # noqa: E402


def truth_of(doc: Doc, tracker: Tracker, pages: int, kinds: list[str]) -> dict:
    crits = []
    for it in doc.present:
        ms = it.m
        e: dict = {"code": it.code, "title": it.title, "target": it.target, "numerator": ms.num, "denominator": ms.den,
                   "reported_percent": ms.pct, "reported_verdict": it.verdict, "value": ms.value,
                   "value_unit": ms.unit if ms.value is not None else None, "page": tracker.first(it.code)}
        last = tracker.last(it.code)
        if last and e["page"] and last > e["page"]:
            e["page_end"] = last
        if it.written.get("result"):
            e["written"] = it.written["result"]
        if it.written.get("cells"):
            cells = it.written["cells"]   # the numerator and the denominator, each in a table cell of its own
            e["written_cells"] = [cells["num"], cells["den"]]
        if it.parts:
            e["parts"] = {"whole": it.parts[0], "parts": list(it.parts[1:])}
        if len(it.measures) > 1:
            e["measures"] = [{"target": m.target, "numerator": m.num, "denominator": m.den, "reported_percent": m.pct,
                              "value": m.value} for m in it.measures]
        crits.append(e)
    d, m, y = doc.date
    news = doc.kind == "news"
    return {
        "id": doc.id,
        "framework": None if news or doc.provisional else doc.fw.id,
        "provisional": doc.provisional and not news,
        "catalog": None if news else doc.catalog,
        "withheld_framework": doc.fw.id if doc.provisional else None,
        "layout": doc.layout,
        "doc_kind": doc.kind,
        "inputs": kinds,
        "document": ({"number": None, "date": None, "issuer": None} if news else
                     {"number": doc.number, "date": f"{y:04d}-{m:02d}-{d:02d}", "issuer": doc.header["issuer"]}),
        "criteria": [] if news else crits,
        "groups": doc.groups,
        "summary": doc.summary,
        "planted": [] if news else doc.planted,
        "pages": pages,
        "split_criteria": [c["code"] for c in crits if "page_end" in c],
        "style": {k: v for k, v in doc.style.items() if k in ("numbering", "cols", "heads", "group_tally", "summary_tally")},
    }


def recipes(rng: random.Random, n: int, choices: list[tuple[Framework, str | None, bool]]) -> list[tuple[int, str, str]]:
    """(framework index, document kind, layout) for n documents: mostly full reports, some excerpts, a news item."""
    out: list[tuple[int, str, str]] = []
    known = [i for i, c in enumerate(choices) if not c[2]]
    order = list(range(len(choices)))
    for k in range(n):
        r = k % 20
        if r == 13:
            out.append((rng.choice(known), "news", "news"))
        elif r in (6, 17):
            out.append((rng.choice(known), "excerpt", rng.choice(["narrative", "table"])))
        else:
            fi = order[k % len(order)]
            out.append((fi, "report", "narrative" if (k // len(order)) % 2 == (fi % 2) else "table"))
    return out


def parse_docs(spec: str, choices: list[tuple[Framework, str | None, bool]]) -> list[tuple[int, str, str, bool]]:
    """'hungyen-xa-2024:report:table:scan,quangnam-xa-2024:report:narrative' → (framework index, kind, layout, scan)."""
    ids = [c[0].id for c in choices]
    out = []
    for part in filter(None, (x.strip() for x in spec.split(","))):
        bits = part.split(":")
        with_scan = bits[-1] == "scan"
        bits = bits[:-1] if with_scan else bits
        fid, kind, layout = (bits + ["report", "narrative"])[:3]
        if kind == "news":
            layout = "news"
        if fid not in ids or kind not in ("report", "excerpt", "news") or layout not in ("narrative", "table", "news"):
            raise SystemExit(f"--docs: cannot read {part!r} (frameworks: {', '.join(ids)})")
        out.append((ids.index(fid), kind, layout, with_scan))
    return out


def generate(seed: int, out: Path, n: int, kinds: list[str], scans: int = 0, only: set[int] | None = None,
             legacy: int = 0, docs: str | None = None) -> list[Path]:
    """Write n documents; ``scans`` of them also as a scan, ``legacy`` also as a TCVN3 or VNI text-layer PDF.
    ``docs`` names the documents instead ("framework:kind:layout,…")."""
    out.mkdir(parents=True, exist_ok=True)
    choices = _frameworks()
    rng = random.Random(f"tieuchi-phrasing/{seed}")
    named = parse_docs(docs, choices) if docs else None
    plan = recipes(rng, n, choices) if named is None else [r[:3] for r in named]
    n = len(plan)
    scan_at = set(rng.sample(range(n), min(scans, n))) if scans else set()
    if named is not None:
        scan_at = {i for i, r in enumerate(named) if r[3]}
    legacy_at = rng.sample([i for i in range(n) if plan[i][1] != "news"], min(legacy, n)) if legacy else []
    taken: set[str] = set()
    written = []
    for index, (fi, kind, layout) in enumerate(plan):
        doc = make_doc(seed, index, choices[fi], kind, layout, taken)
        if only is not None and index not in only:
            continue
        dkinds = [k for k in kinds if k != "scan.pdf"] + (["scan.pdf"] if index in scan_at or "scan.pdf" in kinds and not scans
                                                          else [])
        if index in legacy_at:
            dkinds.append("tcvn3.pdf" if legacy_at.index(index) % 2 == 0 else "vni.pdf")
        with tempfile.TemporaryDirectory() as tmpd:
            pdf = Path(tmpd) / f"{doc.id}.pdf"
            tracker, pages = build_pdf(doc, pdf)
            if "pdf" in dkinds:
                (out / pdf.name).write_bytes(pdf.read_bytes())
            if "txt" in dkinds:
                (out / f"{doc.id}.txt").write_text(ocr_text(pdf, random.Random(f"tieuchi-phrasing/{seed}/{index}/ocr")),
                                                   encoding="utf-8")
            for kind in ("tcvn3.pdf", "vni.pdf"):
                if kind in dkinds:
                    legacy_font_pdf(pdf, out / f"{doc.id}.{kind}", kind.split(".")[0])
            if "scan.pdf" in dkinds:
                write_scan(doc.id, pdf, out, random.Random(f"tieuchi-phrasing/{seed}/{index}/scan"))
        truth = truth_of(doc, tracker, pages, dkinds)
        path = out / f"{doc.id}.truth.json"
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def write_scan(doc_id: str, pdf: Path, out: Path, rng: random.Random) -> None:
    import time

    with tempfile.TemporaryDirectory() as tmpd:
        pages = rasterise(pdf, Path(tmpd))
        imgs = [degrade(p, round(rng.uniform(-0.5, 0.5), 3), rng) for p in pages]
        stamp = time.gmtime(946684800)
        imgs[0].save(out / f"{doc_id}.scan.pdf", "PDF", save_all=True, append_images=imgs[1:], resolution=200.0, quality=60,
                     optimize=True, title="scan", creationDate=stamp, modDate=stamp)


def merged_catalog(path: Path) -> Path:
    """The bundled catalog and every tests/catalogs file in one catalog (what the split is read with)."""
    fws = [json.loads(f.model_dump_json(exclude_defaults=False)) for f in load_catalog().frameworks]
    for p in sorted(CATALOG_DIR.glob("*.json")):
        fws += json.loads(p.read_text(encoding="utf-8"))["frameworks"]
    cat = {"schema_version": 1, "about": "bundled catalog + tests/catalogs/*.json (samples/phrasing)", "frameworks": fws}
    path.write_text(json.dumps(cat, ensure_ascii=False, indent=1), encoding="utf-8")
    Catalog.model_validate(cat)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--kinds", default="pdf,txt")
    ap.add_argument("--scans", type=int, default=0, help="how many documents also get a scan.pdf")
    ap.add_argument("--legacy", type=int, default=0, help="how many documents also get a TCVN3 / VNI text-layer PDF")
    ap.add_argument("--docs", help="these documents instead of a split: framework:kind:layout,… "
                                   "(kind report/excerpt/news, layout narrative/table)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for p in generate(args.seed, args.out, args.n, kinds, args.scans, legacy=args.legacy, docs=args.docs):
        if not args.quiet:
            tr = json.loads(p.read_text(encoding="utf-8"))
            print(f"{tr['id']}: {tr['framework'] or ('provisional' if tr['provisional'] else '-')}, {tr['layout']}, "
                  f"{tr['pages']} p, {len(tr['criteria'])} criteria, planted {[(f['check'], f['code']) for f in tr['planted']]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
