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
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors import load_catalog  # noqa: E402
from extractors.catalog import Catalog, Framework  # noqa: E402
from samples.make_samples import _pdf_tools, degrade, esc, legacy_font_pdf, ocr_text, rasterise, round_half_up  # noqa: E402

GRAMMAR = json.loads((HERE / "grammar.json").read_text(encoding="utf-8"))
SPECS = json.loads((HERE / "specs.json").read_text(encoding="utf-8"))["frameworks"]
PLACES = json.loads((HERE / "places.json").read_text(encoding="utf-8"))
CATALOG_DIR = ROOT / "tests" / "catalogs"
NOCATALOG = HERE / "nocatalog.json"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
EPS = 1e-9


# --- numbers as reports write them ------------------------------------------------------------------

def num_text(v: float, dec: int) -> str:
    return f"{v:.{dec}f}".replace(".", ",")


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep) if sep else str(n)


def passes(op: str, tv: float, v: float) -> bool:
    return {">=": v >= tv - EPS, ">": v > tv + EPS, "<=": v <= tv + EPS, "<": v < tv - EPS, "=": abs(v - tv) <= EPS}[op]


def pick(rng: random.Random, forms: list[dict]) -> dict:
    return rng.choice(forms)


def forms_of(rng: random.Random, forms: list[dict], k: int = 2) -> list[dict]:
    """The few forms of a class one document uses."""
    return rng.sample(forms, min(len(forms), rng.randint(1, k)))


# --- what the document states, per measure and per criterion ----------------------------------------

@dataclass
class Measure:
    target: dict | None
    num: int | None = None
    den: int | None = None
    pct: float | None = None
    dec: int = 0
    value: float | None = None
    vdec: int = 0
    unit: str | None = None      # the value's unit (value/count criteria)
    noun: str = ""               # what the fraction counts ("hồ sơ")

    @property
    def has_frac(self) -> bool:
        return self.num is not None and self.den is not None

    def judged(self) -> float | None:
        """The number the contract's verdict check judges (audit/checks.py: judged_value)."""
        if self.target is None:
            return None
        if self.value is not None:
            return self.value
        if self.target["unit"] != "%":
            return float(self.num) if self.num is not None else None
        comp = self.num / self.den * 100 if self.has_frac and self.den else None
        if self.pct is not None and (comp is None or abs(comp - self.pct) <= 0.5 * 10 ** (-self.dec) + EPS):
            return self.pct
        return comp


@dataclass
class Item:
    code: str            # the catalog's code (or, without a catalog, the code as written)
    group: str
    kind: str
    title: str
    noun: str
    measures: list[Measure]
    verdict: str | None = None
    parts: tuple[int, int, int] | None = None
    spec: dict = field(default_factory=dict)
    written: dict = field(default_factory=dict)   # the result and target text as rendered (for the tests)

    @property
    def m(self) -> Measure:
        return self.measures[0]

    @property
    def target(self) -> dict | None:
        return self.m.target


def _pct_measure(rng: random.Random, ms: Measure, want: bool, den_range: tuple[int, int] | None, pct_only: bool) -> bool:
    """Fill a % measure (fraction and/or percent) that passes iff ``want``; False when this try failed."""
    t = ms.target or {"op": ">=", "value": 0.0, "unit": "%"}
    op, tv = t["op"], float(t["value"])
    below = op in ("<=", "<")
    if pct_only or den_range is None:
        dec = rng.choice([0, 1, 1, 2])
        if below:
            val = rng.uniform(max(0.05, tv * 0.1), tv * 0.8) if want else rng.uniform(tv * 1.3 + 0.3, tv * 4 + 1)
            dec = max(dec, 1 if tv < 10 else 0)
        elif want and tv >= 100:
            val = 100.0
        elif want:
            val = rng.uniform(tv + 1.5, min(99.5, tv + 40))
        else:
            val = rng.uniform(max(1.0, tv - 35), tv - 1.5)
        val = round(val, dec)
        if dec and val == int(val):
            dec = 0
        if val <= 0 or passes(op, tv, val) != want or (abs(val - tv) < min(1.0, tv * 0.2) and not (val == tv == 100)):
            return False
        ms.pct, ms.dec, ms.num, ms.den = float(val), dec, None, None
        return True
    den = rng.randint(*den_range)
    if below:
        den = max(den, 200)
        share = rng.uniform(max(0.05, tv * 0.1), tv * 0.8) if want else rng.uniform(tv * 1.3 + 0.3, tv * 4 + 1)
        num = round(den * share / 100)
        if num <= 0 and not want:
            return False
    elif want and (tv >= 100 or rng.random() < 0.12):
        num = den
    elif want:
        num = round(den * rng.uniform(tv + 1.5, min(99.5, tv + 40)) / 100)
    else:
        num = round(den * rng.uniform(max(1.0, tv - 35), tv - 1.5) / 100)
    if not 0 <= num <= den or (num == 0 and not below):
        return False
    frac = Fraction(num * 100, den)
    dec = 0 if num == den else rng.choice([0, 1, 1, 2, 2])
    if below and frac < 10:
        dec = max(dec, 1)
    scaled = frac * 10 ** dec
    if abs(scaled - math.floor(scaled) - Fraction(1, 2)) < Fraction(1, 1000):
        return False  # a half-way case: keep clear of rounding ambiguity
    rp = float(round_half_up(frac, dec))
    comp = float(frac)
    for v in (rp, comp):
        if passes(op, tv, v) != want:
            return False
        if abs(v - tv) < min(1.0, tv * 0.2) and not (num == den and tv == 100):
            return False
    ms.num, ms.den, ms.pct, ms.dec = num, den, rp, dec
    return True


def _value_measure(rng: random.Random, ms: Measure, want: bool, integer: bool) -> bool:
    t = ms.target
    assert t is not None
    op, tv = t["op"], float(t["value"])
    if op in (">=", ">"):
        v = rng.uniform(tv * 1.04 + (1 if integer else 0), tv * 1.9 + 2) if want else rng.uniform(tv * 0.45, tv * 0.93)
    else:
        v = rng.uniform(tv * 0.25, tv * 0.92) if want else rng.uniform(tv * 1.1 + (1 if integer else 0), tv * 2.2 + 1)
    if integer:
        v, dec = float(round(v)), 0
    else:
        dec = rng.choice([0, 1, 2, 2]) if tv >= 10 else rng.choice([1, 2, 2])
        v = round(v, dec)
        if dec and v == int(v):
            dec = 0
    if v < 0 or passes(op, tv, v) != want or abs(v - tv) < EPS:
        return False
    ms.value, ms.vdec, ms.unit = v, dec, t["unit"]
    return True


def make_item(rng: random.Random, code: str, group: str, kind: str, title: str, target: dict | None, extra: list[dict],
              spec: dict, communes: int, p_pass: float) -> Item:
    noun = spec.get("noun", "")
    it = Item(code=code, group=group, kind=kind, title=title, noun=noun, measures=[], spec=spec)
    if kind in ("yes_no", "task") and not spec.get("of_units"):
        it.measures = [Measure(target=None)]
        it.verdict = "dat" if rng.random() < 0.78 else "chua_dat"
        return it
    if spec.get("of_units"):   # "25/29 xã" against the unit's own count of communes
        den = communes
        if spec.get("local_target"):
            goal = max(2, round(communes * rng.uniform(0.75, 0.95)))
            want = rng.random() < 0.7
            done = rng.randint(goal, communes) if want else rng.randint(max(1, goal - 6), goal - 1)
            it.measures = [Measure(target={"op": ">=", "value": float(goal), "unit": noun or "xã"}, num=done, den=den, noun=noun)]
            it.verdict = "chua_dat" if done < goal else ("dat" if done == goal else rng.choice(["dat", "vuot"]))
        else:
            done = den if rng.random() < 0.75 else den - rng.randint(1, max(1, den // 4))
            it.measures = [Measure(target=None, num=done, den=den, noun=noun)]
            it.verdict = "dat" if done == den else "chua_dat"
        return it
    if target is None:   # reported for information: numbers the check cannot contradict
        ms = Measure(target=None, noun=noun)
        if spec.get("pct_only") or not spec.get("den"):
            ms.pct, ms.dec = round(rng.uniform(8, 92), 1), 1
        else:
            den = rng.randint(*spec["den"])
            ms.num, ms.den = (den if rng.random() < 0.6 else rng.randint(max(1, den // 2), den - 1)), den
        it.measures = [ms]
        it.verdict = rng.choice(["dat", "dat", "chua_dat"])
        return it
    want = rng.random() < p_pass
    targets = [target] + extra
    for _ in range(400):
        ms_list = []
        ok = True
        for i, t in enumerate(targets):
            sp = spec if i == 0 else ((spec.get("measures") or [])[i - 1:i] or [{"den": spec.get("den")}])[0]
            ms = Measure(target=dict(t), noun=sp.get("noun", noun if i == 0 else ""))
            w = want if i == 0 else (want or rng.random() < 0.6)
            if t["unit"] == "%":
                den = tuple(sp["den"]) if sp.get("den") and not sp.get("pct_only") else None
                ok = _pct_measure(rng, ms, w, den, bool(sp.get("pct_only")))
            else:
                ok = _value_measure(rng, ms, w, integer=kind == "count" or bool(spec.get("integer")))
            if not ok:
                break
            ms_list.append(ms)
        if ok:
            it.measures = ms_list
            break
    else:
        raise RuntimeError(f"could not generate numbers for {code}")
    all_pass = all(passes(m.target["op"], m.target["value"], m.judged()) for m in it.measures)
    if not all_pass:
        it.verdict = "chua_dat"
    else:
        j = it.m.judged()
        above = target["op"] in (">=", ">") and abs(j - target["value"]) > EPS
        it.verdict = rng.choice(["vuot", "dat", "dat"]) if above else "dat"
    if spec.get("parts"):
        hi = spec["den"][1] if spec.get("den") else 150000
        a, b = rng.randint(max(10, hi // 4), hi * 2), rng.randint(max(10, hi // 6), hi)
        it.parts = (a + b, a, b)
    return it


# --- planting: exactly the contract checks that fire -----------------------------------------------

CHECKS = ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing", "criterion_missing",
          "group_tally_mismatch", "summary_tally_mismatch", "parts_sum_mismatch")


def plant(rng: random.Random, kinds: list[str], items: list[Item], allow_missing: bool) -> tuple[list[dict], dict]:
    used: set[str] = set()
    found: list[tuple[int, dict]] = []
    tweaks: dict = {"missing": [], "group": None, "summary": None}
    order = {it.code: i for i, it in enumerate(items)}

    def choose(pred) -> Item | None:
        cands = [it for it in items if it.code not in used and pred(it)]
        if not cands:
            return None
        it = rng.choice(cands)
        used.add(it.code)
        return it

    for kind in kinds:
        if kind == "percent":
            it = choose(lambda it: it.m.has_frac and it.m.pct is not None and 0 < it.m.num < it.m.den
                        and it.target is not None and it.target["unit"] == "%" and len(it.measures) == 1)
            if it is None:
                continue
            ms = it.m
            comp = ms.num / ms.den * 100
            tol = 0.5 * 10 ** (-ms.dec)
            for _ in range(100):
                new = round(comp + rng.uniform(1.2, 6.0) * rng.choice([-1, 1]), ms.dec)
                if 0 < new <= 100 and abs(new - comp) >= 1 + tol:
                    break
            else:
                continue
            ms.pct = float(new)
            found.append((order[it.code] * 10 + 1, {"check": "percent_mismatch", "code": it.code}))
        elif kind == "ratio":
            it = choose(lambda it: it.m.has_frac and it.m.pct is not None and it.verdict in ("dat", "vuot")
                        and it.target is not None and it.target["unit"] == "%" and it.target["op"] in (">=", ">")
                        and it.m.den >= 40 and len(it.measures) == 1)
            if it is None:
                continue
            ms = it.m
            tol = 0.5 * 10 ** (-ms.dec)
            need = math.ceil(ms.den * (ms.pct + 1.2 + tol) / 100)
            ms.num = max(ms.den + 1, need) + rng.randint(0, max(1, ms.den // 80))
            found.append((order[it.code] * 10, {"check": "ratio_exceeds_whole", "code": it.code}))
            found.append((order[it.code] * 10 + 1, {"check": "percent_mismatch", "code": it.code}))
        elif kind == "verdict":
            it = choose(lambda it: it.target is not None and it.m.judged() is not None and it.verdict is not None)
            if it is None:
                continue
            v, t = it.m.judged(), it.target
            if it.verdict == "chua_dat":
                it.verdict = "dat" if t["op"] in ("<=", "<") else rng.choice(["dat", "vuot"])
            elif abs(v - t["value"]) <= EPS and rng.random() < 0.6:
                it.verdict = "vuot"          # "Vượt" exactly at the target
            else:
                it.verdict = "chua_dat"
            found.append((order[it.code] * 10 + 2, {"check": "verdict_mismatch", "code": it.code}))
        elif kind == "verdict_missing":
            it = choose(lambda it: it.verdict is not None)
            if it is None:
                continue
            it.verdict = None
            found.append((order[it.code] * 10 + 2, {"check": "verdict_missing", "code": it.code}))
        elif kind == "missing":
            if not allow_missing:
                continue
            it = choose(lambda it: True)
            if it is None:
                continue
            tweaks["missing"].append(it.code)
            found.append((order[it.code] * 10, {"check": "criterion_missing", "code": it.code}))
        elif kind == "parts":
            it = choose(lambda it: it.parts is not None)
            if it is None:
                continue
            whole, a, b = it.parts
            off = rng.choice([1, -1]) * rng.randint(90, max(100, whole // 25))
            it.parts = (whole + off, a, b)
            found.append((order[it.code] * 10 + 3, {"check": "parts_sum_mismatch", "code": it.code}))
        elif kind == "group":
            tweaks["group"] = rng.choice([1, -1])
        elif kind == "summary":
            tweaks["summary"] = rng.choice([1, -1, 2, -2])
    found.sort(key=lambda t: t[0])
    return [f for _, f in found], tweaks


# --- a document ----------------------------------------------------------------------------------

@dataclass
class Doc:
    id: str
    kind: str                   # report / excerpt / news
    layout: str                 # narrative / table / news
    fw: Framework | None
    fw_written: dict            # what the document calls its framework (name, legal ref)
    provisional: bool
    catalog: str | None
    unit: dict                  # the reporting unit (type, name, parent, province, communes)
    header: dict                # issuer lines, issuer, number type
    number: str
    date: tuple[int, int, int]
    items: list[Item]
    present: list[Item]
    groups: list[dict]          # written group tallies
    summary: dict | None
    planted: list[dict]
    style: dict
    rng: random.Random
    group_order: list[tuple[str, str]] = field(default_factory=list)
    inoun: str = "tiêu chí"
    notes: list[str] = field(default_factory=list)


def _frameworks() -> list[tuple[Framework, str | None, bool]]:
    """(framework, the tests/catalogs file it needs or None for the bundled catalog, provisional)."""
    out: list[tuple[Framework, str | None, bool]] = [(f, None, False) for f in load_catalog().frameworks]
    for p in sorted(CATALOG_DIR.glob("*.json")):
        out += [(f, f"tests/catalogs/{p.name}", False) for f in load_catalog(p).frameworks]
    if NOCATALOG.is_file():
        out += [(f, None, True) for f in load_catalog(NOCATALOG).frameworks]
    return out


def framework_spec(fw: Framework) -> dict:
    return SPECS.get(fw.id, {"inoun": "tiêu chí", "items": {}})


def _unit_for(rng: random.Random, fw: Framework, taken: set[str]) -> dict:
    meta = framework_spec(fw)
    level = meta.get("level", "huyen")
    if meta.get("levels"):   # who reports on the set: a district, or the province's department
        r, acc = rng.random(), 0.0
        for lv, w in meta["levels"].items():
            acc += w
            if r < acc:
                level = lv
                break
    province = meta.get("province", "Thanh Hóa")
    pool = [u for u in PLACES["units"] if u["province"] == province and u["level"] == level and u["slug"] not in taken]
    if not pool:
        pool = [u for u in PLACES["units"] if u["province"] == province and u["level"] == level]
    u = dict(rng.choice(pool))
    taken.add(u["slug"])
    return u


def _header(rng: random.Random, unit: dict, level: str) -> dict:
    forms = GRAMMAR["issuers"][level]
    h = pick(rng, forms)
    sub = {"PROVINCE": unit["province"].upper(), "UNITTYPE": unit["type"].upper(), "UNITNAME": unit["name"].upper(),
           "PARENT": unit.get("parent", "").upper(), "unittype": unit["type"], "unitname": unit["name"]}
    return {"lines": [ln.format(**sub) for ln in h["lines"]], "issuer": h["issuer"].format(**sub),
            "numtype": h.get("number", "BC-UBND"), "note": h["note"]}


def make_doc(seed: int, index: int, choice: tuple[Framework, str | None, bool], kind: str, layout: str,
             taken: set[str]) -> Doc:
    fw, catalog, provisional = choice
    rng = random.Random(f"tieuchi-phrasing/{seed}/{index}")
    meta = framework_spec(fw)
    unit = _unit_for(rng, fw, taken)
    header = _header(rng, unit, unit["level"])
    items: list[Item] = []
    specs = meta.get("items", {})
    p_pass = rng.uniform(0.6, 0.85)
    for g in fw.groups:
        for c in g.criteria:
            tgt = c.target.model_dump() if c.target else None
            extra = [m.target.model_dump() for m in c.measures if m.target is not None]
            items.append(make_item(rng, c.code, g.code, c.kind, c.title, tgt, extra, specs.get(c.code, {}),
                                   unit.get("communes", 20), p_pass))
    if kind == "excerpt":
        cands = [it for it in items if it.target is not None] or items
        items = sorted(rng.sample(cands, min(len(cands), rng.choice([1, 2, 2]))), key=lambda it: items.index(it))
    n_err = rng.choice([0, 0, 1, 1, 1, 2, 2, 3]) if kind == "report" else rng.choice([0, 0, 1])
    pool = ["percent", "ratio", "verdict", "verdict_missing", "missing", "group", "summary", "parts"]
    if kind != "report":
        pool = ["percent", "verdict", "verdict_missing"]
    style = choose_style(rng, fw, layout, kind, provisional)
    applicable = {"missing": kind == "report" and not provisional, "group": bool(style.get("group_tally")),
                  "summary": bool(style.get("summary_tally")), "parts": any(it.parts for it in items)}
    pool = [p for p in pool if applicable.get(p, True)]
    planted, tweaks = plant(rng, rng.sample(pool, min(n_err, len(pool))), items,
                            allow_missing=kind == "report" and not provisional)
    present = [it for it in items if it.code not in tweaks["missing"]]
    groups, summary, extra = tallies(rng, fw, present, style, tweaks, provisional, kind)
    planted += extra
    year = meta.get("year", 2024)
    date = (rng.randint(2, 28), rng.choice(meta.get("months", [11, 12])), year)
    no = rng.randint(45, 2900)
    did = f"p{seed % 1000:03d}_{index:02d}_{layout[0]}_{unit['slug']}"
    fw_written = {"name": meta.get("name", fw.title), "ref": meta.get("ref", "")}
    return Doc(id=did, kind=kind, layout=layout, fw=fw, fw_written=fw_written, provisional=provisional, catalog=catalog,
               unit=unit, header=header, number=f"{no}/{header['numtype']}", date=date, items=items, present=present,
               groups=groups, summary=summary, planted=planted, style=style, rng=rng,
               inoun=meta.get("inoun", "tiêu chí"))


def choose_style(rng: random.Random, fw: Framework, layout: str, kind: str, provisional: bool) -> dict:
    """The forms this document uses: a few per class, mixed per criterion."""
    G = GRAMMAR
    integer = all(c.code.isdigit() for c in fw.criteria)
    codes = G["codes_narrative_integer"] if integer else G["codes_narrative"]
    s: dict = {
        "integer": integer,
        "codes": forms_of(rng, codes, 2),
        "p_code_missing": 0.0 if provisional else rng.choice([0.0, 0.0, 0.05, 0.1]),
        "p_misprint": 0.0 if provisional or integer else rng.choice([0.0, 0.0, 0.05]),
        "targets": {op: forms_of(rng, G["targets"][op], 3) for op in G["targets"]},
        "targets_after": {op: forms_of(rng, G["targets_after_result"][op], 2) for op in G["targets_after_result"]},
        "table_targets": {op: forms_of(rng, G["table_targets"][op], 2) for op in G["table_targets"]},
        "p_target_after": rng.choice([0.0, 0.2, 0.4]),
        "verdicts": {k: forms_of(rng, v, 2) for k, v in G["verdict_words"].items()},
        "places": forms_of(rng, G["verdict_places"], 3),
        "leads": forms_of(rng, G["result_leads"], 2),
        "ratio_forms": forms_of(rng, G["numbers_ratio"], 4),
        "value_forms": forms_of(rng, G["numbers_value"], 2),
        "count_forms": forms_of(rng, G["numbers_count"], 2),
        "sep": pick(rng, G["fraction_separators"])["sep"],
        "pct": forms_of(rng, G["percent_forms"], 2),
        "group_heading": pick(rng, G["group_headings"]),
        "one_para": rng.random() < 0.5,
        "p_note": rng.choice([0.1, 0.25]),
        "p_filler": rng.choice([0.1, 0.3]),
        "page_numbers": pick(rng, G["page_numbers"]) if rng.random() < 0.85 else None,
        "footnote": pick(rng, G["footnotes"]) if rng.random() < 0.4 else None,
        "intro": forms_of(rng, G["intro"], 3),
        "other_units": rng.random() < 0.6,
    }
    grouped_fw = len(fw.groups) > 1
    # tallies: where the document writes them
    if kind != "report":
        s["group_tally"], s["summary_tally"] = None, None
    else:
        opts = ["heading", "after", "overview", None] if layout == "narrative" else ["rows", "overview", None]
        s["group_tally"] = rng.choice(opts) if grouped_fw else None
        s["summary_tally"] = rng.choice(["before", "closing", "closing", None]) if rng.random() < 0.9 else None
    if s["group_tally"] == "heading":
        s["group_tally_form"] = pick(rng, G["group_tally_in_heading"])
    elif s["group_tally"] == "after":
        s["group_tally_form"] = pick(rng, G["group_tally_after"])
    elif s["group_tally"] == "overview":
        s["group_tally_form"] = pick(rng, G["group_tally_overview"])
    elif s["group_tally"] == "rows":
        s["group_tally_form"] = pick(rng, G["table_group_tally"])
    if s["summary_tally"]:
        forms = G["summary_before"] if s["summary_tally"] == "before" else G["summary_closing"]
        s["summary_form"] = pick(rng, [f for f in forms if grouped_fw or "{ng}" not in f["form"]])
    if layout == "table":
        H = G["table_headers"]
        numbering = rng.choice(["code", "code", "stt_running", "stt_restart", "stt_code"])
        if provisional and numbering in ("stt_running", "stt_restart"):
            numbering = "code"
        if integer and numbering == "stt_code":
            numbering = "code"
        cols = ["stt"]
        if numbering == "stt_code":
            cols.append("code")
        cols.append("title")
        if rng.random() < 0.3:
            cols.append("explain")
        if rng.random() < 0.4:
            cols.append("unit")
        cols += ["target", "result", "verdict"]
        if rng.random() < 0.5:
            cols.append("note")
        heads = {}
        for c in cols:
            opts = H[c]
            if c == "target":
                opts = [o for o in opts if o["form"] != heads.get("title")]
            heads[c] = pick(rng, opts)["form"].format(asof=rng.choice(["30/11/2024", "15/12/2024", "30/8/2023"]))
        s.update(numbering=numbering, cols=cols, heads=heads, repeat_header=rng.random() < 0.6,
                 unit_in_target=rng.random() < 0.5,
                 group_rows=grouped_fw and (s["group_tally"] == "rows" or rng.random() < 0.8),
                 yes_no_target=pick(rng, G["yes_no_targets"]) if rng.random() < 0.3 else None,
                 cell_size=rng.choice([10.5, 11, 12]))
    return s


def tallies(rng: random.Random, fw: Framework, present: list[Item], style: dict, tweaks: dict, provisional: bool,
            kind: str) -> tuple[list[dict], dict | None, list[dict]]:
    extra: list[dict] = []
    groups: list[dict] = []
    if style.get("group_tally"):
        for g in fw.groups:
            passed = sum(1 for it in present if it.group == g.code and it.verdict in ("dat", "vuot"))
            total = len(g.criteria) if not provisional else sum(1 for it in present if it.group == g.code)
            groups.append({"code": g.code, "reported_passed": passed, "reported_total": total})
    if tweaks["group"] and groups:
        cands = [(g, d) for d in (tweaks["group"], -tweaks["group"]) for g in groups
                 if 0 <= g["reported_passed"] + d <= g["reported_total"]]
        g, d = rng.choice(cands)
        g["reported_passed"] += d
        extra.append({"check": "group_tally_mismatch", "code": g["code"]})
    summary = None
    if style.get("summary_tally"):
        passed = sum(1 for it in present if it.verdict in ("dat", "vuot"))
        total = len(fw.criteria) if not provisional else len(present)
        summary = {"reported_passed": passed, "reported_total": total}
        if tweaks["summary"]:
            d = tweaks["summary"]
            if not 0 <= passed + d <= total:
                d = -d
            if 0 <= passed + d <= total:
                summary["reported_passed"] = passed + d
                extra.append({"check": "summary_tally_mismatch", "code": None})
    return groups, summary, extra


# --- text of one criterion ----------------------------------------------------------------------

def value_text(v: float, dec: int, unit: str, rng: random.Random, pad: bool = True) -> str:
    if dec == 0 and v == int(v) and 0 <= v < 10 and pad and rng.random() < 0.6:
        s = f"{int(v):02d}"
    else:
        s = num_text(v, dec)
    return s


def target_value_text(doc: Doc, t: dict, with_unit: bool = True) -> str:
    v = float(t["value"])
    dec = 0 if v == int(v) else len(f"{v:g}".split(".")[1])
    s = value_text(v, dec, t["unit"], doc.rng, pad=t["unit"] != "%")
    if not with_unit:
        return s
    if t["unit"] == "%":
        return pick(doc.rng, doc.style["pct"])["form"].format(p=s)
    return f"{s} {t['unit']}"


def pct_str(doc: Doc, ms: Measure) -> str:
    return pick(doc.rng, doc.style["pct"])["form"].format(p=num_text(ms.pct, ms.dec))


def frac_str(doc: Doc, ms: Measure) -> str:
    sep = doc.style["sep"]
    return f"{grouped(ms.num, sep)}/{grouped(ms.den, sep)}"


def measure_text(doc: Doc, it: Item, ms: Measure, noun: str) -> str:
    rng = doc.rng
    if ms.value is not None:
        forms = doc.style["count_forms"] if it.kind == "count" else doc.style["value_forms"]
        return pick(rng, forms)["form"].format(V=value_text(ms.value, ms.vdec, ms.unit or "", rng), U=ms.unit)
    need = "both" if ms.has_frac and ms.pct is not None else ("frac" if ms.has_frac else "pct")
    forms = [f for f in doc.style["ratio_forms"] if f["needs"] == need] or \
        [f for f in GRAMMAR["numbers_ratio"] if f["needs"] == need]
    f = pick(rng, forms)["form"]
    out = f.format(F=frac_str(doc, ms) if ms.has_frac else "", P=pct_str(doc, ms) if ms.pct is not None else "",
                   N=noun)
    return " ".join(out.split()).replace(" ,", ",").replace(" )", ")")


def short_noun(noun: str) -> str:
    """A table cell's noun: the head words only ("hồ sơ", "cán bộ", "hộ gia đình")."""
    words = noun.split(",")[0].split()
    return " ".join(words if len(words) <= 3 else words[:2])


def numbers_text(doc: Doc, it: Item, short: bool = False) -> str:
    def noun(ms: Measure) -> str:
        return short_noun(ms.noun) if short else ms.noun

    text = "; ".join(measure_text(doc, it, ms, noun(ms)) for ms in it.measures)
    lead = it.spec.get("lead_fraction")
    if lead and it.m.has_frac:   # a context fraction first; the one the verdict refers to is the last
        d = grouped(it.m.den, doc.style["sep"])
        text = pick(doc.rng, GRAMMAR["lead_fraction"])["form"].format(D=d, L=short_noun(lead) if short else lead) + text
    return text


def target_in_title(it: Item) -> bool:
    t = it.target
    if t is None or t["unit"] != "%":
        return False
    v = float(t["value"])
    s = f"{v:g}".replace(".", ",") + "%"
    return s in it.title


def target_phrase(doc: Doc, it: Item, table: bool = False) -> str:
    """The target as this document writes it (after the title, or in the target cell)."""
    ts = [m.target for m in it.measures if m.target is not None]
    if not ts:
        return ""
    rng = doc.rng
    if table:
        unit_col = "unit" in doc.style.get("cols", []) and doc.style.get("unit_in_target")
        parts = [pick(rng, doc.style["table_targets"][t["op"]])["form"].format(v=target_value_text(doc, t, not unit_col))
                 for t in ts]
        return "; ".join(parts)
    parts = [pick(rng, doc.style["targets"][t["op"]])["form"].format(v=target_value_text(doc, t)) for t in ts[:1]]
    if len(ts) > 1:
        parts[0] = parts[0].rstrip(")") + "".join(f"; {target_value_text(doc, t)}" for t in ts[1:]) + \
            (")" if parts[0].endswith(")") else "")
    return parts[0]


def code_written(doc: Doc, it: Item) -> str:
    rng = doc.rng
    if rng.random() < doc.style["p_code_missing"]:
        return pick(rng, GRAMMAR["codes_missing"])["form"]
    code = it.code
    if rng.random() < doc.style["p_misprint"] and "." in code:
        code = code.replace(".", ",", 1)
    return pick(rng, doc.style["codes"])["form"].format(code=code)


def verdict_word(doc: Doc, it: Item) -> str:
    if it.verdict is None:
        return ""
    forms = doc.style["verdicts"][it.verdict]
    if it.kind == "task":
        task = [f for f in GRAMMAR["verdict_words"][it.verdict] if "hoàn thành" in f["form"].lower()]
        forms = task or forms
    return pick(doc.rng, forms)["form"]


def fill(doc: Doc, form: str) -> str:
    rng = doc.rng
    u = doc.unit
    unit = f"{u['type']} {u['name']}"
    kh, qd, cv = rng.randint(3, 20), rng.randint(2, 15), rng.randint(20, 140)
    small = u.get("level") == "xa"
    big = u.get("level") == "so"
    vals = dict(unit=unit, Unit=unit[0].upper() + unit[1:], issuer=doc.header["issuer"], k=rng.randint(2, 60),
                k2=rng.randint(60, 900), d=rng.randint(1, 28), m=rng.randint(1, 12),
                money=grouped(rng.randint(2, 90) * 10 ** rng.choice([7, 8]), "."),
                area=num_text(rng.uniform(8, 40) if small else rng.uniform(40, 600), 2),
                pop=grouped(rng.randint(5000, 25000) if small else rng.randint(3_400_000, 3_800_000) if big
                            else rng.randint(50000, 260000), "."),
                villages=rng.randint(5, 20) if small else rng.randint(60, 320),
                firms=grouped(rng.randint(10, 120) if small else rng.randint(300, 4200), "."),
                docs=kh + qd + cv, kh=kh, qd=qd, cv=cv, conf=rng.randint(2, 12),
                people=grouped(rng.randint(200, 9000), "."), inc=rng.randint(5, 40), province=u["province"],
                otherunit=rng.choice([o for o in PLACES["others"] if o != unit] or ["huyện Lân Cận"]),
                fwname=doc.fw_written["name"], what="", f=0)
    return form.format(**vals)


def criterion_paragraphs(doc: Doc, it: Item) -> list[str]:
    """The narrative block of one criterion: heading, numbers, target, verdict, more text."""
    rng, st = doc.rng, doc.style
    place = pick(rng, st["places"])
    w = verdict_word(doc, it)
    head = code_written(doc, it) + it.title
    tpos = "none"
    if it.target is not None:
        if target_in_title(it) and rng.random() < 0.6:
            tpos = "in_title"
        elif len(it.measures) == 1 and rng.random() < st["p_target_after"]:
            tpos = "after_result"
        else:
            tpos = "after_title"
    if tpos == "after_title":
        head += target_phrase(doc, it)
    if it.kind in ("yes_no", "task") and it.m.num is None:
        body = fill(doc, pick(rng, GRAMMAR["yes_no_sentences"][it.verdict or "dat"])["form"])
    else:
        lead = pick(rng, st["leads"])["form"]
        lead = fill(doc, lead) if "{" in lead else lead
        nums = numbers_text(doc, it)
        it.written["result"] = nums
        if not lead and nums.startswith(("đạt", "ước", "tỷ", "bình", "trung")):
            lead = "Kết quả "
        if lead.endswith(" có ") and nums.startswith(("đạt", "có", "đã", "ước", "bình", "trung", "kết quả")):
            lead = lead[:-3]   # "Toàn xã … đạt 23,2 Mb/s", not "… có đạt …"
        body = lead + nums
        if tpos == "after_result":
            t = it.target
            body += pick(rng, st["targets_after"][t["op"]])["form"].format(v=target_value_text(doc, t))
        if it.parts:
            body += ". " + _parts_sentence(doc, it)
    body = body[0].upper() + body[1:] if body else body
    paras: list[str] = []
    if w and place["place"] == "heading":
        paras.append(head + place["form"].format(w=w))
        paras.append(body.rstrip(".") + ".")
        return paras
    if not w:
        text = body.rstrip(".") + "."
    elif place["place"] == "end":
        text = body.rstrip(".") + place["form"].format(w=w, filler=fill(doc, pick(rng, GRAMMAR["fillers"])["form"]))
    else:
        text = body.rstrip(".") + "."
    if st["one_para"]:
        paras.append(head + ": " + text)
    else:
        paras.append(head + ":")
        paras.append(text)
    if w and place["place"] == "line":
        paras.append(place["form"].format(w=w))
    if rng.random() < st["p_filler"] and not (w and place["place"] == "end" and "{filler}" in place["form"]):
        last = paras[-1].rstrip()
        paras[-1] = last + ("" if last.endswith(".") else ".") + " " + fill(doc, pick(rng, GRAMMAR["fillers"])["form"])
    return paras


def _parts_sentence(doc: Doc, it: Item) -> str:
    whole, a, b = it.parts
    forms = [f for f in GRAMMAR["parts"] if it.noun.split()[0] in f["form"]] or GRAMMAR["parts"]
    form = pick(doc.rng, forms)["form"]
    form = form.replace("{W}", grouped(whole, ".")).replace("{A}", grouped(a, ".")).replace("{B}", grouped(b, "."))
    return fill(doc, form).rstrip(".")


# --- the PDF ------------------------------------------------------------------------------------

class Tracker:
    def __init__(self) -> None:
        self.pages: dict[str, list[int]] = {}

    def first(self, tag: str) -> int | None:
        return min(self.pages[tag]) if tag in self.pages else None

    def last(self, tag: str) -> int | None:
        return max(self.pages[tag]) if tag in self.pages else None


def _styles(t: dict, cell: float) -> dict:
    PS, cm = t["ParagraphStyle"], t["cm"]
    base = PS("base", fontName="DejaVuSerif", fontSize=12.5, leading=16.5, alignment=t["TA_JUSTIFY"], firstLineIndent=1 * cm,
              spaceAfter=3)
    plain = PS("plain", parent=base, firstLineIndent=0)
    center = PS("center", parent=plain, alignment=t["TA_CENTER"])
    return {
        "base": base, "plain": plain, "center": center,
        "boldc": PS("boldc", parent=center, fontName="DejaVuSerif-Bold"),
        "head": PS("head", parent=plain, fontName="DejaVuSerif-Bold", fontSize=11.5, alignment=t["TA_CENTER"], leading=14.5),
        "sect": PS("sect", parent=base, fontName="DejaVuSerif-Bold", keepWithNext=1),
        "cell": PS("cell", fontName="DejaVuSerif", fontSize=cell, leading=cell * 1.2, alignment=t["TA_LEFT"], splitLongWords=0),
        "cellc": PS("cellc", fontName="DejaVuSerif", fontSize=cell, leading=cell * 1.2, alignment=t["TA_CENTER"],
                    splitLongWords=0),
        "cellb": PS("cellb", fontName="DejaVuSerif-Bold", fontSize=cell, leading=cell * 1.2, alignment=t["TA_LEFT"]),
        "cellbc": PS("cellbc", fontName="DejaVuSerif-Bold", fontSize=cell, leading=cell * 1.2, alignment=t["TA_CENTER"]),
        "small": PS("small", parent=plain, fontSize=10.5, leading=13),
    }


def _header_story(doc: Doc, t: dict, S: dict, width: float) -> list:
    TP, cm = t["TP"], t["cm"]
    d, m, y = doc.date
    left = [TP(esc(ln), S["head"], tag="document") for ln in doc.header["lines"]]
    right = [TP("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", t["ParagraphStyle"]("nat", parent=S["head"], fontSize=10.5)),
             TP("Độc lập - Tự do - Hạnh phúc", S["head"])]
    hc = t["ParagraphStyle"]("hdrc", parent=S["center"], fontSize=12, leading=15)
    place = doc.unit["name"]
    row2 = [TP(f"Số: {esc(doc.number)}", hc), TP(f"<i>{esc(place)}, ngày {d:02d} tháng {m:02d} năm {y}</i>", hc)]
    hdr = t["Table"]([[left, right], row2], colWidths=[6.6 * cm, width - 6.6 * cm])
    hdr.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    title = "BÁO CÁO" if doc.kind == "report" else "BÁO CÁO BỔ SUNG"
    sub = f"Kết quả thực hiện {doc.fw_written['name']}"
    if doc.fw_written.get("ref"):
        sub += f" ({doc.fw_written['ref']})"
    return [hdr, t["Spacer"](1, 12), TP(title, t["ParagraphStyle"]("t", parent=S["head"], fontSize=13.5)),
            TP(f"<b>{esc(sub)}</b>", S["boldc"]), t["Spacer"](1, 8)]


def _intro(doc: Doc, t: dict, S: dict) -> list:
    TP = t["TP"]
    out = []
    fwref = doc.fw_written.get("ref") or doc.fw_written["name"]
    if doc.kind == "excerpt":   # a short supplementary report: one or two criteria, no tallies
        what = "các " + doc.inoun if len(doc.present) > 1 else doc.inoun
        form = pick(doc.rng, GRAMMAR["excerpt_intro"])["form"].replace("{what}", what)
        fwname = doc.fw_written["name"] + (f" ({doc.fw_written['ref']})" if doc.fw_written.get("ref") else "")
        return [TP(esc(fill(doc, form.replace("{fwname}", fwname))), S["base"])]
    out.append(TP(esc(f"Thực hiện {fwref}, {doc.header['issuer']} báo cáo kết quả thực hiện như sau:"), S["base"]))
    for f in doc.style["intro"]:
        out.append(TP(esc(fill(doc, f["form"])), S["base"]))
    if doc.style["other_units"]:
        out.append(TP(esc(fill(doc, pick(doc.rng, GRAMMAR["body_other_units"])["form"])), S["base"]))
    return out


def _tally_vals(doc: Doc, p: int, tot: int, **kw) -> dict:
    return dict(p=p, t=tot, p2=f"{p:02d}", t2=f"{tot:02d}", f=tot - p, inoun=doc.inoun, ng=len(doc.fw.groups),
                unit=f"{doc.unit['type']} {doc.unit['name']}", **kw)


def _gvals(doc: Doc, g, idx: int) -> dict:
    title = g.title
    return dict(gcode=g.code, gtitle=title, GTITLE=title.upper(), gtitle_lower=title[0].lower() + title[1:],
                roman=ROMAN[idx] if idx < len(ROMAN) else g.code, letter="abcdefghij"[idx])


def _summary_para(doc: Doc, t: dict, S: dict) -> list:
    s = doc.summary
    if not s:
        return []
    text = doc.style["summary_form"]["form"].format(**_tally_vals(doc, s["reported_passed"], s["reported_total"]))
    return [t["KeepTogether"]([t["TP"](esc(text), S["base"], tag="summary")])]


def _overview(doc: Doc, t: dict, S: dict) -> list:
    if doc.style.get("group_tally") != "overview" or not doc.groups:
        return []
    by = {g["code"]: g for g in doc.groups}
    out = []
    for i, g in enumerate(doc.fw.groups):
        gt = by[g.code]
        form = doc.style["group_tally_form"]["form"]
        out.append(t["TP"](esc(form.format(**_tally_vals(doc, gt["reported_passed"], gt["reported_total"]), **_gvals(doc, g, i))),
                           S["base"], tag=f"group:{g.code}"))
    return out


def _story_narrative(doc: Doc, t: dict, S: dict) -> list:
    TP = t["TP"]
    story: list = []
    story.append(TP("I. KẾT QUẢ THỰC HIỆN" if doc.kind == "report" else "KẾT QUẢ", S["sect"]))
    if doc.style.get("summary_tally") == "before":
        story += _summary_para(doc, t, S)
    story += _overview(doc, t, S)
    present = {it.code: it for it in doc.present}
    by = {g["code"]: g for g in doc.groups}
    headings = len(doc.fw.groups) > 1 and doc.kind == "report"
    for i, g in enumerate(doc.fw.groups):
        crits = [present[c.code] for c in g.criteria if c.code in present]
        if not crits:
            continue
        if headings:
            hv = _gvals(doc, g, i)
            head = doc.style["group_heading"]["form"].format(**hv)
            if doc.style.get("group_tally") == "heading":
                gt = by[g.code]
                head += doc.style["group_tally_form"]["form"].format(**_tally_vals(doc, gt["reported_passed"], gt["reported_total"]),
                                                                     **hv)
                story.append(TP(esc(head), S["sect"], tag=f"group:{g.code}"))
            else:
                story.append(TP(esc(head), S["sect"]))
        for it in crits:
            for para in criterion_paragraphs(doc, it):
                story.append(TP(esc(para), S["base"], tag=it.code))
            if doc.rng.random() < doc.style["p_note"]:
                story.append(TP(esc(fill(doc, pick(doc.rng, GRAMMAR["notes_after"])["form"])), S["base"]))
        if headings and doc.style.get("group_tally") == "after":
            gt = by[g.code]
            text = doc.style["group_tally_form"]["form"].format(**_tally_vals(doc, gt["reported_passed"], gt["reported_total"]),
                                                                **_gvals(doc, g, i))
            story.append(TP(esc(text), S["base"], tag=f"group:{g.code}"))
    if doc.style.get("summary_tally") == "closing":
        story.append(TP("II. TỔNG HỢP", S["sect"]))
        story += _summary_para(doc, t, S)
    return story


def _cell_code(doc: Doc, it: Item) -> str:
    rng = doc.rng
    if rng.random() < doc.style["p_code_missing"] * 0.6:
        return ""
    if rng.random() < doc.style["p_misprint"] and "." in it.code:
        return it.code.replace(".", ",", 1)
    return it.code


def _story_table(doc: Doc, t: dict, S: dict, width: float) -> list:
    TP, cm, rng, st = t["TP"], t["cm"], doc.rng, doc.style
    story: list = []
    if st.get("summary_tally") == "before":
        story += _summary_para(doc, t, S)
    story += _overview(doc, t, S)
    story.append(TP("Kết quả cụ thể theo biểu dưới đây:", S["base"]))
    story.append(TP(f"<b>BIỂU KẾT QUẢ THỰC HIỆN {esc(doc.fw_written['name'].upper())}</b>", S["boldc"]))
    cols = list(st["cols"])
    W = {"stt": 1.2, "code": 1.4, "explain": 3.0, "unit": 1.5, "target": 2.3, "result": 3.3, "verdict": 2.0, "note": 1.9}
    for drop in ("note", "explain", "unit"):
        if width / cm - sum(W[c] for c in cols if c != "title") >= 5.2:
            break
        if drop in cols:
            cols.remove(drop)
    widths = [(W[c] if c != "title" else width / cm - sum(W[x] for x in cols if x != "title")) * cm for c in cols]
    heads = st["heads"]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fitted: dict = {}

    def P(ci: int, text: str, style, tag: str | None = None):
        """A cell paragraph whose longest word fits its column (a smaller font where a unit is long)."""
        avail = widths[ci] - 7
        size = style.fontSize
        words = text.split() or [""]
        while size > 6.5 and max(stringWidth(w, style.fontName, size) for w in words) > avail:
            size -= 0.5
        if size != style.fontSize:
            key = (style.name, size)
            if key not in fitted:
                fitted[key] = t["ParagraphStyle"](f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.2)
            style = fitted[key]
        return TP(esc(text), style, tag=tag)

    rows: list = [[P(i, heads[c], S["cellbc"]) for i, c in enumerate(cols)]]
    style: list = [("GRID", (0, 0), (-1, -1), 0.6, t["colors"].black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    present = {it.code: it for it in doc.present}
    by = {g["code"]: g for g in doc.groups}
    running = 0
    ti, vi = cols.index("title"), cols.index("verdict")
    for gi, g in enumerate(doc.fw.groups):
        crits = [present[c.code] for c in g.criteria if c.code in present]
        if st["group_rows"] and len(doc.fw.groups) > 1:
            r = len(rows)
            label = g.code if st["numbering"] == "code" else ROMAN[gi]   # STT-numbered tables: I, II, III
            row = [""] * len(cols)
            row[0] = TP(f"<b>{esc(label)}</b>", S["cellbc"])
            row[ti] = TP(f"<b>{esc(g.title.upper() if rng.random() < 0.5 else g.title)}</b>", S["cellb"])
            tally_here = st.get("group_tally") == "rows" and g.code in by
            if tally_here:
                gt = by[g.code]
                row[vi] = TP(esc(st["group_tally_form"]["form"].format(**_tally_vals(doc, gt["reported_passed"],
                                                                                      gt["reported_total"]))),
                             S["cellc"], tag=f"group:{g.code}")
                style.append(("SPAN", (ti, r), (vi - 1, r)))
            else:
                style.append(("SPAN", (ti, r), (len(cols) - 1, r)))
            rows.append(row)
        for k, it in enumerate(crits, start=1):
            running += 1
            tag = it.code
            cells = []
            for ci, c in enumerate(cols):
                if c == "stt":
                    txt = {"code": _cell_code(doc, it), "stt_running": str(running), "stt_restart": str(k),
                           "stt_code": str(running)}[st["numbering"]]
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c == "code":
                    cells.append(P(ci, _cell_code(doc, it), S["cellc"], tag))
                elif c == "title":
                    cells.append(P(ci, it.title, S["cell"], tag))
                elif c == "explain":
                    if it.kind in ("yes_no", "task") and it.m.num is None:
                        txt = ""
                    elif it.m.value is not None:
                        txt = pick(rng, GRAMMAR["explain_value"])["form"]
                    else:
                        txt = pick(rng, GRAMMAR["explain_ratio"])["form"].format(N=it.noun or "đơn vị")
                    cells.append(P(ci, txt, S["cell"], tag))
                elif c == "unit":
                    u = it.target["unit"] if it.target else ("%" if it.m.pct is not None else "")
                    cells.append(P(ci, u, S["cellc"], tag))
                elif c == "target":
                    txt = target_phrase(doc, it, table=True)
                    if not txt and it.kind in ("yes_no", "task") and st.get("yes_no_target"):
                        txt = st["yes_no_target"]["form"]
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c == "result":
                    if it.kind in ("yes_no", "task") and it.m.num is None:
                        txt = pick(rng, GRAMMAR["yes_no_results"][it.verdict or "dat"])["form"]
                    else:
                        txt = numbers_text(doc, it, short=True)
                        it.written["result"] = txt
                    cells.append(P(ci, txt, S["cellc"], tag))
                elif c == "verdict":
                    cells.append(P(ci, verdict_word(doc, it), S["cellc"], tag))
                elif c == "note":
                    cells.append(P(ci, fill(doc, pick(rng, GRAMMAR["table_notes"])["form"]), S["cellc"], tag))
            rows.append(cells)
    table = t["Table"](rows, colWidths=widths, splitInRow=1, repeatRows=1 if st["repeat_header"] else 0)
    table.setStyle(t["TableStyle"](style))
    story += [t["Spacer"](1, 4), table, t["Spacer"](1, 8)]
    if st.get("summary_tally") == "closing":
        story += _summary_para(doc, t, S)
    return story


def _closing(doc: Doc, t: dict, S: dict, width: float) -> list:
    TP = t["TP"]
    story = [TP(esc(f"Trên đây là báo cáo kết quả của {doc.header['issuer']}./."), S["base"])]
    recv = [TP("<b><i>Nơi nhận:</i></b>", S["small"]), TP("- Sở Thông tin và Truyền thông (b/c);", S["small"]),
            TP("- Ban Chỉ đạo chuyển đổi số tỉnh (b/c);", S["small"]), TP("- Lưu: VT.", S["small"])]
    iss = doc.header["issuer"]
    role = (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") if iss.startswith("Sở") else ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")
            if iss.startswith("Ban") else doc.rng.choice([("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")]))
    sign = [TP(role[0], S["boldc"]), TP(role[1], S["boldc"]), t["Spacer"](1, 40),
            TP(esc(doc.rng.choice(PLACES.get("signers", ["Nguyễn Văn An"]))), S["boldc"])]
    sig = t["Table"]([[recv, sign]], colWidths=[width * 0.53, width * 0.47])
    sig.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return story + [t["Spacer"](1, 8), t["KeepTogether"]([sig])]


def _news_story(doc: Doc, t: dict, S: dict) -> list:
    TP = t["TP"]
    name = f"{doc.unit['type'].capitalize()} {doc.unit['name']}"
    return [TP(f"<b>{esc(name)} đẩy mạnh chuyển đổi số</b>", S["boldc"]), t["Spacer"](1, 8),
            TP(esc(fill(doc, pick(doc.rng, GRAMMAR["news"])["form"])), S["base"]),
            TP(esc(fill(doc, pick(doc.rng, GRAMMAR["news"])["form"])), S["base"])]


def build_pdf(doc: Doc, path: Path) -> tuple[Tracker, int]:
    t = _pdf_tools()
    cm, TP = t["cm"], t["TP"]
    left_m, right_m = 2.0 * cm, 1.5 * cm
    width = t["A4"][0] - left_m - right_m
    S = _styles(t, doc.style.get("cell_size", 11))
    state = {"n": 0}
    pn, foot = doc.style["page_numbers"], doc.style["footnote"]
    foot_text = fill(doc, foot["form"]) if foot else None

    def make_story() -> list:
        r = random.Random(f"{doc.id}/story")
        saved, doc.rng = doc.rng, r
        try:
            if doc.kind == "news":
                return _news_story(doc, t, S)
            story = _header_story(doc, t, S, width) + _intro(doc, t, S)
            story += _story_narrative(doc, t, S) if doc.layout == "narrative" else _story_table(doc, t, S, width)
            return story + _closing(doc, t, S, width)
        finally:
            doc.rng = saved

    def on_page(canv, _doc):
        canv.saveState()
        n = canv.getPageNumber()
        if pn and (n > 1 or pn["where"] == "bottom"):
            canv.setFont("DejaVuSerif", 11)
            text = pn["form"].format(n=n, N=state["n"] or "")
            y = t["A4"][1] - 1.3 * cm if pn["where"] == "top" else 1.0 * cm
            canv.drawCentredString(t["A4"][0] / 2, y, text)
        if foot_text and n == 1:
            canv.setFont("DejaVuSerif", 9)
            canv.line(left_m, 1.85 * cm, left_m + 5 * cm, 1.85 * cm)
            canv.drawString(left_m, 1.45 * cm, foot_text)
        canv.restoreState()

    tracker = Tracker()
    for _ in range(2):   # the first pass counts the pages ("Trang 2/5")
        tracker = Tracker()
        TP.tracker = tracker
        tpl = t["SimpleDocTemplate"](str(path), pagesize=t["A4"], leftMargin=left_m, rightMargin=right_m, topMargin=2 * cm,
                                     bottomMargin=2.2 * cm, title="Báo cáo", author="", creator="")
        tpl.build(make_story(), onFirstPage=on_page, onLaterPages=on_page)
        from pypdf import PdfReader

        state["n"] = len(PdfReader(str(path)).pages)
    TP.tracker = None
    return tracker, state["n"]


# --- truth -----------------------------------------------------------------------------------------

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


# --- a split ----------------------------------------------------------------------------------------

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
