"""How a document writes its fields: numbers, targets, codes, verdicts and each criterion's paragraphs, from the grammar's forms."""

from __future__ import annotations

import random

from samples.phrasing.common import GRAMMAR, PLACES, grouped, num_text, pick
from samples.phrasing.docs import Doc
from samples.phrasing.items import Item, Measure


def value_text(v: float, dec: int, unit: str, rng: random.Random, pad: bool = True) -> str:
    if dec == 0 and v == int(v) and 0 <= v < 10 and pad and rng.random() < 0.6:
        s = f"{int(v):02d}"
    elif dec == 0 and v == int(v) and v >= 1000 and rng.random() < 0.7:
        s = grouped(int(v), ".")   # '11.173 tài khoản', '9.000 lượt': a count with its thousands dot
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
        return pick(doc.rng, doc.style["pct"])["form"].format(p=s, pd=s.replace(",", "."))
    return f"{s} {t['unit']}"


def pct_str(doc: Doc, ms: Measure) -> str:
    p = num_text(ms.pct, ms.dec)
    return pick(doc.rng, doc.style["pct"])["form"].format(p=p, pd=p.replace(",", "."))   # pd: '99.7%', a dot decimal


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
    sep = doc.style["sep"]
    out = f.format(F=frac_str(doc, ms) if ms.has_frac else "", P=pct_str(doc, ms) if ms.pct is not None else "",
                   N=noun, n=short_noun(noun), A=grouped(ms.num, sep) if ms.has_frac else "", B=grouped(ms.den, sep) if ms.has_frac else "")
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
    return pick(rng, doc.style["codes"])["form"].format(code=code, code2=code.zfill(2) if code.isdigit() else code)


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
    small = u.get("level", "").startswith("xa")   # "xa" and "xa2025" (communes after the 2025 reorganisation)
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
