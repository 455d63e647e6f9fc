"""One criterion's content: its measures (fraction, percent or value against the target), its verdict, and the planted errors."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from fractions import Fraction

from samples.maker.numbers import Planter, clear_share, round_half_up, rounded_pct
from samples.phrasing.common import EPS, passes


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
        else:
            val = 100.0 if want and tv >= 100 else clear_share(rng, tv, want)
        val, dec = rounded_pct(val, dec)
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
    else:
        num = round(den * clear_share(rng, tv, want) / 100)
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


CHECKS = ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing", "criterion_missing",
          "group_tally_mismatch", "summary_tally_mismatch", "parts_sum_mismatch")


def plant(rng: random.Random, kinds: list[str], items: list[Item], allow_missing: bool) -> tuple[list[dict], dict]:
    pl = Planter(rng, items)
    for kind in kinds:
        if pl.shared(kind, missing_ok=lambda it: allow_missing):
            continue
        if kind == "percent":
            it = pl.pick(lambda it: it.m.has_frac and it.m.pct is not None and 0 < it.m.num < it.m.den
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
            pl.add(it, 1, "percent_mismatch")
        elif kind == "ratio":
            it = pl.pick(lambda it: it.m.has_frac and it.m.pct is not None and it.verdict in ("dat", "vuot")
                         and it.target is not None and it.target["unit"] == "%" and it.target["op"] in (">=", ">")
                         and it.m.den >= 40 and len(it.measures) == 1)
            if it is None:
                continue
            ms = it.m
            tol = 0.5 * 10 ** (-ms.dec)
            need = math.ceil(ms.den * (ms.pct + 1.2 + tol) / 100)
            ms.num = max(ms.den + 1, need) + rng.randint(0, max(1, ms.den // 80))
            pl.add(it, 0, "ratio_exceeds_whole")
            pl.add(it, 1, "percent_mismatch")
        elif kind == "verdict":
            it = pl.pick(lambda it: it.target is not None and it.m.judged() is not None and it.verdict is not None)
            if it is None:
                continue
            v, t = it.m.judged(), it.target
            if it.verdict == "chua_dat":
                it.verdict = "dat" if t["op"] in ("<=", "<") else rng.choice(["dat", "vuot"])
            elif abs(v - t["value"]) <= EPS and rng.random() < 0.6:
                it.verdict = "vuot"          # "Vượt" exactly at the target
            else:
                it.verdict = "chua_dat"
            pl.add(it, 2, "verdict_mismatch")
        elif kind == "verdict_missing":
            it = pl.pick(lambda it: it.verdict is not None)
            if it is None:
                continue
            it.verdict = None
            pl.add(it, 2, "verdict_missing")
    return pl.result()
