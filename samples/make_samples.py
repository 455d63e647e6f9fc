"""Generate sample Thanh Hóa chuyển đổi số reports, each with its truth file (deterministic).

    .venv/bin/python samples/make_samples.py                      # the committed set, into samples/generated
    .venv/bin/python samples/make_samples.py --seed 3 --out /tmp/s --docs huyen,huyen,kh100 --kinds pdf,txt

For every document ``ID`` it writes ``ID.pdf`` (text layer, DejaVu Serif, A4, ruled tables),
``ID.scan.pdf`` (the pages rasterised at 200 dpi, skewed, blurred, noisy, JPEG, no text
layer), ``ID.png`` (page 1, 1-bit), ``ID.txt`` (legacy OCR without Vietnamese support:
diacritics stripped or garbled, digits untouched) and ``ID.truth.json`` in the format of the
dev corpus (``/work/shared/corpus/README.md``). Each document carries 0–3 planted errors;
``planted`` lists exactly the contract checks that fire on it.

Layouts: ``huyen`` (narrative report on the 23 district criteria, QĐ 1042/QĐ-UBND 2024),
``qd176`` (results table for the 10 indicators of QĐ 176/QĐ-UBND 2022) and ``kh100`` (results
table for the 43 indicators of KH 100/KH-BCĐ 2023, groups I–VI).

Needs reportlab, Pillow, pdfplumber and ``pdftoppm`` (poppler). Not part of the library. The
parts live in :mod:`samples.maker` (content, numbers, layouts, degradations); this script
composes them and writes the truth files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors import load_catalog  # noqa: E402
from samples.maker.data import DISTRICTS, DPI, JPEG_QUALITY, KINDS, LAYOUTS, SIGNERS  # noqa: E402
from samples.maker.garble import ocr_text  # noqa: E402
from samples.maker.layouts import build_pdf  # noqa: E402
from samples.maker.legacy import LEGACY_PDF_KINDS, legacy_font_pdf  # noqa: E402
from samples.maker.numbers import choose_plants, make_items, plant, tallies  # noqa: E402
from samples.maker.render import Doc, Tracker  # noqa: E402
from samples.maker.scan import write_scans  # noqa: E402


def truth_of(doc: Doc, tracker: Tracker, pages: int, kinds: list[str], angles: list[float]) -> dict:
    crits = []
    for it in doc.present:
        first, last = tracker.first(it.code), tracker.last(it.code)
        entry = {"code": it.code, "target": it.target, "numerator": it.numerator, "denominator": it.denominator,
                 "reported_percent": it.percent, "reported_verdict": it.verdict, "page": first}
        if last and first and last > first:
            entry["page_end"] = last
        crits.append(entry)
    split = [c["code"] for c in crits if "page_end" in c]
    if doc.layout == "huyen":
        vis_groups = [g["code"] for g in doc.groups if tracker.first(f"group:{g['code']}") == 1]
    else:
        vis_groups = [g["code"] for g in doc.groups] if tracker.first("groups") == 1 else []
    d, m, y = doc.date
    return {
        "id": doc.id,
        "framework": doc.fw.id,
        "layout": "narrative" if doc.layout == "huyen" else "table",
        "inputs": [k for k in KINDS if k in kinds],
        "document": {"number": doc.number, "date": f"{y:04d}-{m:02d}-{d:02d}", "issuer": doc.issuer},
        "criteria": crits,
        "groups": doc.groups,
        "summary": doc.summary,
        "planted": doc.planted,
        "visible": {"png": {
            "criteria": [c["code"] for c in crits if c["page"] == 1 and c.get("page_end", 1) == 1],
            "partial": [c["code"] for c in crits if c["page"] == 1 and c.get("page_end", 1) > 1],
            "groups": vis_groups,
            "summary": tracker.first("summary") == 1,
            "document": tracker.first("document") == 1,
        }},
        "pages": pages,
        "scan": {"dpi": DPI, "jpeg_quality": JPEG_QUALITY, "png": "bilevel", "angles": angles[:pages]},
        "split_criteria": split,
    }


def make_doc(seed: int, index: int, layout: str, catalog, taken: set[str]) -> Doc:
    rng = random.Random(f"tieuchi-samples/{seed}/{index}/{layout}")
    fw = catalog.get(LAYOUTS[layout])
    district = rng.choice([d for d in DISTRICTS if d[0] not in taken])
    taken.add(district[0])
    items = make_items(rng, fw, layout, district)
    n_err = rng.choice([0, 1, 2, 3])
    planted, tweaks = plant(rng, choose_plants(rng, layout, n_err), items, layout)
    present = [it for it in items if it.code not in tweaks["missing"]]
    groups, summary, extra = tallies(present, fw, tweaks, rng)
    planted += extra
    no = rng.randint(120, 2900)
    if layout == "huyen":
        date = (rng.randint(2, 28), 12, 2024) if rng.random() < 0.6 else (rng.randint(2, 20), 1, 2025)
    else:
        date = (rng.randint(1, 28), rng.choice([9, 10]), 2023)
    return Doc(id=f"s{index:02d}_{layout}_{district[0]}", layout=layout, fw=fw, district=district,
               number=f"{no}/BC-UBND", number_written=f"{no} /BC-UBND" if rng.random() < 0.3 else f"{no}/BC-UBND",
               date=date, signer=rng.choice(SIGNERS), items=items, present=present, groups=groups, summary=summary,
               planted=planted, rng=rng)


def generate(seed: int, out: Path, layouts: list[str], kinds: list[str]) -> list[Path]:
    catalog = load_catalog()
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = []
    for index, layout in enumerate(layouts):
        doc = make_doc(seed, index, layout, catalog, taken)
        aux = random.Random(f"tieuchi-samples/{seed}/{index}/aux")
        angles = [round(aux.uniform(-0.6, 0.6), 3) for _ in range(12)]
        with tempfile.TemporaryDirectory() as tmpd:
            pdf = Path(tmpd) / f"{doc.id}.pdf"
            tracker = build_pdf(doc, pdf)
            from pypdf import PdfReader

            pages = len(PdfReader(str(pdf)).pages)
            if "pdf" in kinds:
                (out / pdf.name).write_bytes(pdf.read_bytes())
            for kind, encoding in LEGACY_PDF_KINDS.items():
                if kind in kinds:
                    legacy_font_pdf(pdf, out / f"{doc.id}.{kind}", encoding)
            if "txt" in kinds:
                (out / f"{doc.id}.txt").write_text(ocr_text(pdf, random.Random(f"tieuchi-samples/{seed}/{index}/ocr")),
                                                   encoding="utf-8")
            if "scan.pdf" in kinds or "png" in kinds:
                write_scans(doc.id, pdf, out, kinds, angles, random.Random(f"tieuchi-samples/{seed}/{index}/scan"))
        truth = truth_of(doc, tracker, pages, kinds, angles)
        path = out / f"{doc.id}.truth.json"
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2677)
    ap.add_argument("--out", type=Path, default=ROOT / "samples" / "generated")
    ap.add_argument("--docs", default="huyen,qd176,kh100", help="comma-separated layouts, one per document: huyen, qd176, kh100")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: pdf, scan.pdf, png, txt, tcvn3.pdf, vni.pdf")
    args = ap.parse_args(argv)
    layouts = [s.strip() for s in args.docs.split(",") if s.strip()]
    kinds = [s.strip() for s in args.kinds.split(",") if s.strip()]
    bad = [x for x in layouts if x not in LAYOUTS] + [k for k in kinds if k not in KINDS]
    if bad:
        ap.error(f"unknown: {', '.join(bad)}")
    for p in generate(args.seed, args.out, layouts, kinds):
        truth = json.loads(p.read_text(encoding="utf-8"))
        print(f"{truth['id']}: {truth['pages']} pages, {len(truth['criteria'])} criteria, "
              f"planted {[(f['check'], f['code']) for f in truth['planted']] or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
