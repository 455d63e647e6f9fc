"""One document: its framework, unit, header, the style drawn from the grammar, and its tallies."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from extractors import load_catalog
from extractors.catalog import Framework
from samples.phrasing.common import CATALOG_DIR, GRAMMAR, NOCATALOG, PLACES, SPECS, forms_of, pick
from samples.phrasing.items import Item, make_item, plant


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
    if layout != "narrative":
        # only the narrative writes a criterion's parts ("… {W} hồ sơ (trực tuyến {A}; trực tiếp {B})"); a table
        # row has no place for them, so neither the truth nor a planted parts_sum_mismatch may claim them
        for it in items:
            it.parts = None
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
        if rng.random() < 0.2:
            cols.append("deadline")      # the seed plan's "Thời gian hoàn thành": "Quý IV", "12/2024"
        cols.append("target")
        if rng.random() < 0.2:
            cols += ["num", "den"]       # the fraction's two numbers in columns of their own, the percent in the result
        cols += ["result", "verdict"]
        if rng.random() < 0.2:
            cols.append("agency")        # the seed plan's "Cơ quan chủ trì tổng hợp"
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
