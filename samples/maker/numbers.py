"""A document's numbers: each criterion's fraction, percent and verdict, the planted errors, the tallies."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from extractors.catalog import Criterion, Framework
from samples.maker.data import HUYEN_DEN, HUYEN_FORMS, KH100_SPEC, PLANTS, QD176_SPEC


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def pct_text(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",") + "%"


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def passes(op: str, tv: float, v: float) -> bool:
    eps = 1e-9
    return {">=": v >= tv - eps, ">": v > tv + eps, "<=": v <= tv + eps, "<": v < tv - eps, "=": abs(v - tv) <= eps}[op]


@dataclass
class Item:
    code: str
    group: str
    kind: str
    target: dict | None            # as written; None when the document writes none
    numerator: int | None = None
    denominator: int | None = None
    percent: float | None = None   # as written
    decimals: int = 0
    verdict: str | None = None      # dat / chua_dat / vuot
    form: str = "none"              # how the measure is written
    count_target: int | None = None
    parts: tuple[int, int, int] | None = None   # whole, part a, part b (3.2 of the district set)
    extra: dict = field(default_factory=dict)

    @property
    def has_fraction(self) -> bool:
        return self.numerator is not None and self.denominator is not None

    def judged(self) -> float | None:
        """The value the contract's verdict check would judge (see audit/checks.py)."""
        if self.target is None:
            return None
        if self.target["unit"] != "%":
            return float(self.numerator) if self.numerator is not None else None
        comp = self.numerator / self.denominator * 100 if self.has_fraction and self.denominator else None
        if self.percent is not None:
            if comp is None or abs(comp - self.percent) <= 0.5 * 10 ** (-self.decimals) + 1e-9:
                return self.percent
        return comp


def verdict_for(rng: random.Random, op: str, tv: float, v: float) -> str:
    if not passes(op, tv, v):
        return "chua_dat"
    if abs(v - tv) <= 1e-9:
        return "dat"
    return rng.choice(["vuot", "vuot", "dat"])


def clear_share(rng: random.Random, tv: float, want: bool) -> float:
    """A percent that clearly passes (``want``) or fails an at-least target ``tv``: 1.5 to 40 points
    above it (at most 99.5), or 1.5 to 35 points below it (at least 1)."""
    return rng.uniform(tv + 1.5, min(99.5, tv + 40)) if want else rng.uniform(max(1.0, tv - 35), tv - 1.5)


def rounded_pct(val: float, dec: int) -> tuple[float, int]:
    """``val`` rounded to ``dec`` decimals, and the decimals it still shows (0 when it came out whole)."""
    val = round(val, dec)
    return val, 0 if dec and val == int(val) else dec


def gen_ratio(rng: random.Random, item: Item, den_range: tuple[int, int], forms: list[str], p_pass: float = 0.75) -> None:
    """Numbers for a ratio criterion against its target, far enough from the target to be unambiguous."""
    op, tv = (item.target["op"], item.target["value"]) if item.target else (">=", 0.0)
    want = rng.random() < p_pass
    item.form = rng.choice(forms)
    for _ in range(500):
        den = rng.randint(*den_range)
        if item.form == "pct":
            dec = rng.choice([0, 1, 1, 2])
            val, dec = rounded_pct(100.0 if want and tv >= 100 else clear_share(rng, tv, want), dec)
            ok = passes(op, tv, val) == want and (abs(val - tv) >= 1 or val == tv == 100)
            if ok:
                item.percent, item.decimals = float(val), dec
                item.numerator = item.denominator = None
                item.verdict = verdict_for(rng, op, tv, val)
                return
            continue
        if want and (tv >= 100 or rng.random() < 0.12):
            num = den
        else:
            num = round(den * clear_share(rng, tv, want) / 100)
        if not 0 < num <= den:
            continue
        frac = Fraction(num * 100, den)
        dec = 0 if num == den else rng.choice([0, 1, 1, 2, 2])
        scaled = frac * 10 ** dec
        if abs(scaled - math.floor(scaled) - Fraction(1, 2)) < Fraction(1, 1000):
            continue  # a half-way case: keep clear of rounding ambiguity
        rp = float(round_half_up(frac, dec))
        comp = float(frac)
        judged = rp if item.form != "frac" else comp
        if passes(op, tv, judged) != want or (abs(judged - tv) < 1 and not (num == den and tv == 100)):
            continue
        item.numerator, item.denominator = num, den
        item.percent, item.decimals = (None, 0) if item.form == "frac" else (rp, dec)
        item.verdict = verdict_for(rng, op, tv, judged)
        return
    raise RuntimeError(f"could not generate numbers for {item.code}")


def gen_untargeted(rng: random.Random, item: Item, den_range: tuple[int, int], fraction: bool = True) -> None:
    """A criterion without a written target: numbers as information, a verdict the check cannot contradict."""
    if fraction:
        den = rng.randint(*den_range)
        num = den if rng.random() < 0.7 else rng.randint(max(1, den // 2), den - 1)
        item.numerator, item.denominator = num, den
        item.form = "frac"
        item.verdict = "dat" if num == den or rng.random() < 0.5 else "chua_dat"
    else:
        item.percent, item.decimals = round(rng.uniform(8, 92), 1), 1
        item.form = "pct"
        item.verdict = rng.choice(["dat", "dat", "chua_dat"])


class Planter:
    """What both sample generators' ``plant`` share: an unused item drawn at random, the findings
    planted (ordered as the report states them), the tally tweaks, and the plants that read the same
    in both (a changed part sum, a missing criterion, group and summary tallies)."""

    def __init__(self, rng: random.Random, items: list) -> None:
        self.rng = rng
        self.items = items
        self.used: set[str] = set()
        self.found: list[tuple[int, dict]] = []
        self.tweaks: dict = {"missing": [], "group": None, "summary": None}
        self.order = {it.code: i for i, it in enumerate(items)}

    def pick(self, pred):  # type: ignore[no-untyped-def]
        cands = [it for it in self.items if it.code not in self.used and pred(it)]
        if not cands:
            return None
        it = self.rng.choice(cands)
        self.used.add(it.code)
        return it

    def add(self, it, step: int, check: str) -> None:  # type: ignore[no-untyped-def]
        self.found.append((self.order[it.code] * 10 + step, {"check": check, "code": it.code}))

    def shared(self, kind: str, missing_ok) -> bool:  # type: ignore[no-untyped-def]
        """Plant ``kind`` when it is one both generators plant alike; False for the others."""
        if kind == "missing":
            it = self.pick(missing_ok)
            if it is not None:
                self.tweaks["missing"].append(it.code)
                self.add(it, 0, "criterion_missing")
        elif kind == "parts":
            it = self.pick(lambda it: it.parts is not None)
            if it is not None:
                whole, a, b = it.parts
                off = self.rng.choice([1, -1]) * self.rng.randint(90, max(100, whole // 25))
                it.parts = (whole + off, a, b)
                self.add(it, 3, "parts_sum_mismatch")
        elif kind == "group":
            self.tweaks["group"] = self.rng.choice([1, -1])
        elif kind == "summary":
            self.tweaks["summary"] = self.rng.choice([1, -1, 2, -2])
        else:
            return False
        return True

    def result(self) -> tuple[list[dict], dict]:
        self.found.sort(key=lambda t: t[0])
        return [f for _, f in self.found], self.tweaks


def plant(rng: random.Random, kinds: list[str], items: list[Item], layout: str) -> tuple[list[dict], dict]:
    """Apply the planted errors to the items; return the finding list and the tally tweaks."""
    pl = Planter(rng, items)

    def tol(it: Item) -> float:
        return 0.5 * 10 ** (-it.decimals)

    for kind in kinds:
        if pl.shared(kind, missing_ok=lambda it: not it.code.startswith("1.") or layout != "huyen"):
            continue
        if kind == "percent":
            it = pl.pick(lambda it: it.has_fraction and it.percent is not None and it.numerator < it.denominator
                         and it.target is not None and it.target["unit"] == "%")
            if it is None:
                continue
            comp = it.numerator / it.denominator * 100
            for _ in range(100):
                delta = rng.uniform(1.2, 6.0) * rng.choice([-1, 1])
                new = round(comp + delta, it.decimals)
                if 0 < new <= 100 and abs(new - comp) >= 1 + tol(it):
                    break
            else:
                continue
            it.percent = float(new)
            pl.add(it, 1, "percent_mismatch")
        elif kind == "ratio":
            it = pl.pick(lambda it: it.has_fraction and it.percent is not None and it.verdict in ("dat", "vuot")
                         and it.target is not None and it.target["unit"] == "%" and it.denominator >= 40)
            if it is None:
                continue
            den = it.denominator
            need = math.ceil(den * (it.percent + 1.2 + tol(it)) / 100)
            it.numerator = max(den + 1, need) + rng.randint(0, max(1, den // 80))
            pl.add(it, 0, "ratio_exceeds_whole")
            pl.add(it, 1, "percent_mismatch")
        elif kind == "verdict":
            it = pl.pick(lambda it: it.target is not None and it.judged() is not None and it.verdict is not None)
            if it is None:
                continue
            v = it.judged()
            if it.verdict == "chua_dat":
                it.verdict = rng.choice(["dat", "vuot"])
            elif abs(v - it.target["value"]) <= 1e-9 and rng.random() < 0.6:
                it.verdict = "vuot"          # "Vượt" exactly at the target
            else:
                it.verdict = "chua_dat"
            pl.add(it, 2, "verdict_mismatch")
    return pl.result()


def choose_plants(rng: random.Random, layout: str, n: int) -> list[str]:
    pool = [p for p in PLANTS if p != "parts" or layout == "huyen"]
    return rng.sample(pool, n)


def make_items(rng: random.Random, fw: Framework, layout: str, district: tuple) -> list[Item]:
    communes = district[3]
    items = []
    for g in fw.groups:
        for c in g.criteria:
            target = c.target.model_dump() if c.target else None
            it = Item(code=c.code, group=g.code, kind=c.kind, target=target)
            if layout == "huyen":
                _huyen_numbers(rng, it, c, communes)
            elif layout == "qd176":
                _qd176_numbers(rng, it, communes)
            else:
                _kh100_numbers(rng, it, c)
            items.append(it)
    return items


def _huyen_numbers(rng: random.Random, it: Item, c: Criterion, communes: int) -> None:
    if it.code == "1.1":
        it.target = None
        done = communes if rng.random() < 0.75 else communes - rng.randint(1, max(1, communes // 4))
        it.numerator, it.denominator, it.form = done, communes, "frac"
        it.verdict = "dat" if done == communes else "chua_dat"
    elif c.kind == "yes_no":
        it.verdict = "dat" if rng.random() < 0.78 else "chua_dat"
        it.form = "text"
    elif it.code == "4.2":
        gen_untargeted(rng, it, HUYEN_DEN["4.2"])
    elif it.code == "3.2":
        gen_ratio(rng, it, (1, 1), ["pct"], p_pass=0.8)
        a, b = rng.randint(60000, 180000), rng.randint(40000, 120000)
        it.parts = (a + b, a, b)
    elif it.code == "2.1":
        gen_ratio(rng, it, HUYEN_DEN["2.1"], ["frac_pct"], p_pass=0.6)
        it.form = "two"
    else:
        gen_ratio(rng, it, HUYEN_DEN[it.code], HUYEN_FORMS[it.code])


def _qd176_numbers(rng: random.Random, it: Item, communes: int) -> None:
    if it.code == "3.1":
        goal = max(2, round(communes * rng.uniform(0.75, 0.95)))
        want = rng.random() < 0.7
        done = rng.randint(goal, communes) if want else rng.randint(max(1, goal - 6), goal - 1)
        it.target = {"op": ">=", "value": float(goal), "unit": "xã"}
        it.count_target = goal
        it.numerator, it.denominator, it.form = done, communes, "count"
        it.verdict = verdict_for(rng, ">=", goal, done)
        return
    den, _noun, forms = QD176_SPEC[it.code]
    gen_ratio(rng, it, den or (1, 1), forms, p_pass=0.7)


def _kh100_numbers(rng: random.Random, it: Item, c: Criterion) -> None:
    if c.kind == "yes_no":
        it.verdict = "dat" if rng.random() < 0.8 else "chua_dat"
        it.form = "text"
        return
    if it.target is None:  # 2, 26, 27: reported for information
        gen_untargeted(rng, it, (1, 1), fraction=False)
        return
    den, _noun = KH100_SPEC[it.code]
    forms = ["frac_pct", "frac", "pct", "dat_pct"] if den[1] >= 20 else ["frac", "frac_pct"]
    gen_ratio(rng, it, den, forms, p_pass=0.75)


def tallies(doc_items: list[Item], fw: Framework, tweaks: dict, rng: random.Random) -> tuple[list[dict], dict, list[dict]]:
    extra: list[dict] = []
    groups = []
    for g in fw.groups:
        passed = sum(1 for it in doc_items if it.group == g.code and it.verdict in ("dat", "vuot"))
        groups.append({"code": g.code, "reported_passed": passed, "reported_total": len(g.criteria)})
    total_passed = sum(g["reported_passed"] for g in groups)
    if tweaks["group"]:
        cands = [(g, d) for d in (tweaks["group"], -tweaks["group"]) for g in groups
                 if 0 <= g["reported_passed"] + d <= g["reported_total"]]
        g, d = rng.choice(cands)
        g["reported_passed"] += d
        extra.append({"check": "group_tally_mismatch", "code": g["code"]})
    summary = {"reported_passed": total_passed, "reported_total": len(fw.criteria)}
    if tweaks["summary"]:
        d = tweaks["summary"]
        if not 0 <= total_passed + d <= summary["reported_total"]:
            d = -d
        summary["reported_passed"] = total_passed + d
        extra.append({"check": "summary_tally_mismatch", "code": None})
    return groups, summary, extra
