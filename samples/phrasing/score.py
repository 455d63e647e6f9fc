#!/usr/bin/env python3
"""Score extraction records (JSONL, the record contract) against *.truth.json files.

    python -m samples.phrasing.score --truth DIR --pred out.jsonl [--json] [--kinds pdf,txt] [--verbose]

The dev corpus's scorer (/work/shared/corpus/score.py), kept in the project so the tests need
nothing outside it, with what the phrasing samples add: measured values (``value`` and
``value_unit`` where the truth has one), the target's op, the framework also where the truth
says none (``null``: provisional reports, a news item) and ``provisional``; clean inputs with a
finding of severity ``error``; a table per document class (bundled catalog, tests/catalogs,
no catalog, excerpt, news).

Matching: a record belongs to truth ID when the basename of its `source`, with
`.scan.pdf`, `.pdf`, `.png` or `.txt` stripped, is ID; that suffix is the input
kind. Every kind a truth file lists under `inputs` is expected; an expected input
with no record is *missing*, a record with an `error` key (or `status` "error" /
"failed", or no `criteria` list) is *failed*; both are scored as empty records.

Per input: criteria by code (recall / precision; a code reported twice counts the
extra as a false positive); five fields per truth criterion (target value,
numerator, denominator, reported_percent within 0.01, reported_verdict; a missed
criterion counts its five fields wrong); group and overall tallies (both numbers
right); findings matched on (check, code) against `planted` (a finding whose check
is in the contract's vocabulary and is not planted is a false positive; the code of
summary_tally_mismatch is ignored; group codes I..VI and 1..6 are the same).
The PNG is page 1 only: it is scored on what page 1 shows (`visible.png` in the
truth), and whole-document checks (criterion_missing, group/summary tallies) are
not scored on it.
Last line: criteria_f1=… field_acc=… findings_f1=… docs=N failed=M
(docs = expected inputs, failed = failed + missing).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import unicodedata

VOCAB = ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing",
         "criterion_missing", "group_tally_mismatch", "summary_tally_mismatch", "parts_sum_mismatch")
WHOLE_DOC = ("criterion_missing", "group_tally_mismatch", "summary_tally_mismatch")
KINDS = ("pdf", "scan.pdf", "tcvn3.pdf", "vni.pdf", "png", "txt")
FIELDS = ("target", "numerator", "denominator", "reported_percent", "reported_verdict")
ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9", "X": "10"}


def split_source(src: str):
    b = os.path.basename(str(src))
    for suf in (".scan.pdf", ".tcvn3.pdf", ".vni.pdf", ".pdf", ".png", ".txt"):
        if b.lower().endswith(suf):
            return b[: -len(suf)], suf[1:]
    if "." in b:
        stem, ext = b.rsplit(".", 1)
        return stem, ext.lower()
    return b, ""


def ncode(c):
    if c is None:
        return None
    s = str(c).strip().rstrip(".").strip()
    return s or None


def ngroup(c):
    s = ncode(c)
    if s is None:
        return None
    return ROMAN.get(s.upper(), s)


def num(v):
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def target_value(t):
    if t is None:
        return None
    if isinstance(t, dict):
        return num(t.get("value"))
    return num(t)


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFD", str(s).replace("Đ", "D").replace("đ", "d"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    s = " ".join(s.replace("uy ban nhan dan", "ubnd").split())
    return s


def field_ok(name, truth_c, pred_c):
    alts = (truth_c.get("alt") or {}).get(name, [])
    tv = truth_c.get(name)
    pv = pred_c.get(name) if pred_c is not None else None
    cands = [tv] + list(alts)
    for t in cands:
        if name == "target":
            a, b = target_value(t), target_value(pv)
            if a is None and b is None:
                return True
            if a is not None and b is not None and abs(a - b) <= 0.01 + 1e-9:
                return True
        elif name in ("numerator", "denominator"):
            a, b = num(t), num(pv)
            if a is None and b is None:
                return True
            if a is not None and b is not None and abs(a - b) < 1e-6:
                return True
        elif name == "reported_percent":
            a, b = num(t), num(pv)
            if a is None and b is None:
                return True
            if a is not None and b is not None and abs(a - b) <= 0.01 + 1e-9:
                return True
        else:
            a = t or None
            b = pv or None
            if a == b:
                return True
    return False


def is_failed(rec):
    if not isinstance(rec, dict):
        return True
    if rec.get("error"):
        return True
    if str(rec.get("status", "")).lower() in ("error", "failed", "failure"):
        return True
    return not isinstance(rec.get("criteria"), list)


class Acc:
    def __init__(self):
        self.c_tp = self.c_fp = self.c_fn = 0
        self.f_ok = {f: 0 for f in FIELDS}
        self.v_ok = self.v_n = 0   # measured values ("value"), scored where the truth has one
        self.f_n = 0
        self.f_ok_matched = 0
        self.f_n_matched = 0
        self.op_ok = self.op_n = 0
        self.page_ok = self.page_n = 0
        self.g_ok = self.g_n = 0
        self.s_ok = self.s_n = 0
        self.d_ok = {"number": 0, "date": 0, "issuer": 0}
        self.d_n = 0
        self.fw_ok = self.fw_n = 0
        self.prov_ok = self.prov_n = 0
        self.vu_ok = self.vu_n = 0
        self.clean_errors = 0
        self.x_tp = self.x_fp = self.x_fn = 0
        self.per_check = {k: [0, 0, 0] for k in VOCAB}
        self.suspect_fp = 0
        self.clean_inputs = self.clean_alarms = 0
        self.inputs = self.failed = self.missing = 0

    def add(self, o):
        for k, v in o.__dict__.items():
            if isinstance(v, dict):
                for kk, vv in v.items():
                    if isinstance(vv, list):
                        getattr(self, k)[kk] = [a + b for a, b in zip(getattr(self, k)[kk], vv, strict=True)]
                    else:
                        getattr(self, k)[kk] += vv
            else:
                setattr(self, k, getattr(self, k) + v)

    @staticmethod
    def f1(tp, fp, fn):
        if tp + fp + fn == 0:
            return 1.0, 1.0, 1.0
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def summary(self):
        cp, cr, cf = self.f1(self.c_tp, self.c_fp, self.c_fn)
        xp, xr, xf = self.f1(self.x_tp, self.x_fp, self.x_fn)
        n5 = self.f_n * len(FIELDS)
        return {
            "inputs": self.inputs, "failed": self.failed, "missing": self.missing,
            "criteria": {"precision": cp, "recall": cr, "f1": cf, "tp": self.c_tp, "fp": self.c_fp, "fn": self.c_fn},
            "field_acc": ((sum(self.f_ok.values()) + self.v_ok) / (n5 + self.v_n)) if n5 + self.v_n else 1.0,
            "value_acc": (self.v_ok / self.v_n) if self.v_n else None,
            "field_acc_matched": (self.f_ok_matched / self.f_n_matched) if self.f_n_matched else 1.0,
            "fields": {f: (self.f_ok[f] / self.f_n if self.f_n else 1.0) for f in FIELDS},
            "target_op_acc": self.op_ok / self.op_n if self.op_n else None,
            "page_acc": self.page_ok / self.page_n if self.page_n else None,
            "group_tally_acc": self.g_ok / self.g_n if self.g_n else None,
            "summary_tally_acc": self.s_ok / self.s_n if self.s_n else None,
            "document": {k: (v / self.d_n if self.d_n else None) for k, v in self.d_ok.items()},
            "framework_acc": self.fw_ok / self.fw_n if self.fw_n else None,
            "provisional_acc": self.prov_ok / self.prov_n if self.prov_n else None,
            "value_unit_acc": self.vu_ok / self.vu_n if self.vu_n else None,
            "clean_inputs_with_errors": self.clean_errors,
            "findings": {"precision": xp, "recall": xr, "f1": xf, "tp": self.x_tp, "fp": self.x_fp, "fn": self.x_fn,
                         "fp_marked_suspect_ocr": self.suspect_fp,
                         "per_check": {k: {"tp": v[0], "fp": v[1], "fn": v[2]} for k, v in self.per_check.items()}},
            "clean_inputs": self.clean_inputs, "clean_inputs_with_findings": self.clean_alarms,
        }


def score_input(truth, kind, rec, acc: Acc, verbose=False, tag=""):
    failed = rec is not None and is_failed(rec)
    if rec is None or failed:
        rec = {}
    png = kind == "png"
    vis = (truth.get("visible") or {}).get("png") or {}
    tcrit = {ncode(c["code"]): c for c in truth.get("criteria", [])}
    all_codes = set(tcrit)
    ignore = set()
    if png and vis:
        keep = {ncode(x) for x in vis.get("criteria", [])}
        ignore = all_codes - keep
        tcrit = {k: v for k, v in tcrit.items() if k in keep}
    # criteria
    seen = {}
    fp = 0
    for pc in rec.get("criteria") or []:
        code = ncode(pc.get("code")) if isinstance(pc, dict) else None
        if code in tcrit and code not in seen:
            seen[code] = pc
        elif code in ignore and code not in seen:
            seen[code] = None
        else:
            fp += 1
    seen = {k: v for k, v in seen.items() if v is not None}
    tp = len(seen)
    fn = len(tcrit) - tp
    acc.c_tp += tp
    acc.c_fp += fp
    acc.c_fn += fn
    wrong_fields = []
    for code, tc in tcrit.items():
        pc = seen.get(code)
        acc.f_n += 1
        for f in FIELDS:
            ok = pc is not None and field_ok(f, tc, pc)   # a missed criterion has all its fields wrong
            acc.f_ok[f] += ok
            if pc is not None:
                acc.f_n_matched += 1
                acc.f_ok_matched += ok
            if not ok and pc is not None:
                wrong_fields.append(f"{code}.{f}: truth {tc.get(f)!r} pred {pc.get(f)!r}")
        if tc.get("value") is not None:   # a measured value (Mb/s, per 100 …): a sixth field where the truth has one
            a, b = num(tc.get("value")), num(pc.get("value")) if pc is not None else None
            ok = a is not None and b is not None and abs(a - b) <= 0.01 + 1e-9
            acc.v_n += 1
            acc.v_ok += ok
            acc.vu_n += 1
            acc.vu_ok += pc is not None and fold(pc.get("value_unit")) == fold(tc.get("value_unit"))
            if pc is not None:
                acc.f_n_matched += 1
                acc.f_ok_matched += ok
                if not ok:
                    wrong_fields.append(f"{code}.value: truth {tc.get('value')!r} pred {pc.get('value')!r}")
        if pc is not None:
            if tc.get("target") and isinstance(pc.get("target"), dict):
                acc.op_n += 1
                acc.op_ok += (pc["target"].get("op") == tc["target"].get("op"))
            if kind in ("pdf", "scan.pdf", "tcvn3.pdf", "vni.pdf") and tc.get("page") is not None:
                acc.page_n += 1
                acc.page_ok += (pc.get("page") == tc.get("page"))
    # tallies
    pg = {ngroup(g.get("code")): g for g in (rec.get("groups") or []) if isinstance(g, dict)}
    tgroups = truth.get("groups") or []
    if png and vis:
        gv = {ngroup(x) for x in vis.get("groups", [])}
        tgroups = [g for g in tgroups if ngroup(g["code"]) in gv]
    for g in tgroups:
        acc.g_n += 1
        p = pg.get(ngroup(g["code"]))
        acc.g_ok += bool(p) and p.get("reported_passed") == g["reported_passed"] and p.get("reported_total") == g["reported_total"]
    ts = truth.get("summary")
    if ts is not None and (not png or not vis or vis.get("summary")):
        acc.s_n += 1
        ps = rec.get("summary") or {}
        acc.s_ok += ps.get("reported_passed") == ts["reported_passed"] and ps.get("reported_total") == ts["reported_total"]
    # document
    td = truth.get("document") or {}
    if td and (not png or not vis or vis.get("document", True)):
        pdoc = rec.get("document") or {}
        acc.d_n += 1
        acc.d_ok["number"] += "".join(str(td.get("number") or "").split()).upper() == "".join(str(pdoc.get("number") or "").split()).upper()
        acc.d_ok["date"] += td.get("date") == pdoc.get("date")
        acc.d_ok["issuer"] += fold(td.get("issuer")) == fold(pdoc.get("issuer"))
    if "framework" in truth:   # null too: a report with no fitting catalog, a news item
        acc.fw_n += 1
        acc.fw_ok += rec.get("framework") == truth.get("framework")
    if "provisional" in truth:
        acc.prov_n += 1
        acc.prov_ok += bool(rec.get("provisional")) == bool(truth.get("provisional"))
    # findings
    def key(check, code):
        if check == "summary_tally_mismatch":
            return (check, None)
        if check == "group_tally_mismatch":
            return (check, ngroup(code))
        return (check, ncode(code))
    planted = {key(p["check"], p.get("code")) for p in truth.get("planted", [])}
    preds, suspect = set(), set()
    for f in rec.get("findings") or []:
        if not isinstance(f, dict) or f.get("check") not in VOCAB:
            continue
        k = key(f["check"], f.get("code"))
        preds.add(k)
        if f.get("suspect_ocr"):
            suspect.add(k)
    if png and vis:
        planted = {k for k in planted if k[0] not in WHOLE_DOC and k[1] in tcrit}
        preds = {k for k in preds if k[0] not in WHOLE_DOC and k[1] not in ignore}
    xtp, xfp, xfn = planted & preds, preds - planted, planted - preds
    acc.x_tp += len(xtp)
    acc.x_fp += len(xfp)
    acc.x_fn += len(xfn)
    acc.suspect_fp += len(xfp & suspect)
    for k in xtp:
        acc.per_check[k[0]][0] += 1
    for k in xfp:
        acc.per_check[k[0]][1] += 1
    for k in xfn:
        acc.per_check[k[0]][2] += 1
    if not truth.get("planted"):
        acc.clean_inputs += 1
        acc.clean_alarms += bool(preds)
        acc.clean_errors += any(isinstance(f, dict) and f.get("check") in VOCAB and f.get("severity", "error") == "error"
                                for f in rec.get("findings") or [])
    if verbose:
        status = "FAILED " if failed else ""
        print(f"  {tag}: {status}criteria tp={tp} fp={fp} fn={fn}; findings tp={len(xtp)} fp={sorted(xfp, key=str)} "
              f"fn={sorted(xfn, key=str)}", file=sys.stderr)
        for w in wrong_fields[:40]:
            print(f"      {w}", file=sys.stderr)
        missed = sorted(set(tcrit) - set(seen), key=_code_key)
        if missed:
            print(f"      missed criteria: {', '.join(missed)}", file=sys.stderr)
        extra = sorted({ncode(pc.get("code")) or "?" for pc in rec.get("criteria") or [] if isinstance(pc, dict)}
                       - set(tcrit) - ignore, key=_code_key)
        if extra:
            print(f"      criteria not in the truth: {', '.join(extra)}", file=sys.stderr)
        if "framework" in truth and rec.get("framework") != truth.get("framework"):
            print(f"      framework: truth {truth.get('framework')!r} pred {rec.get('framework')!r}", file=sys.stderr)
        for g in tgroups:
            p = pg.get(ngroup(g["code"]))
            if not p or p.get("reported_passed") != g["reported_passed"] or p.get("reported_total") != g["reported_total"]:
                got = (p.get("reported_passed"), p.get("reported_total")) if p else None
                print(f"      group {g['code']}: truth {g['reported_passed']}/{g['reported_total']} pred {got}", file=sys.stderr)
        if ts is not None:
            ps = rec.get("summary") or {}
            if ps.get("reported_passed") != ts["reported_passed"] or ps.get("reported_total") != ts["reported_total"]:
                print(f"      summary: truth {ts['reported_passed']}/{ts['reported_total']} "
                      f"pred {(ps.get('reported_passed'), ps.get('reported_total'))}", file=sys.stderr)
        if td:
            pdoc = rec.get("document") or {}
            for k in ("number", "date", "issuer"):
                if fold(td.get(k)) != fold(pdoc.get(k)) and k != "number":
                    print(f"      document.{k}: truth {td.get(k)!r} pred {pdoc.get(k)!r}", file=sys.stderr)


def _code_key(c):
    return [int(x) if x.isdigit() else x for x in str(c).split(".")]


def doc_class(truth):
    """bundled / catalog / nocatalog / excerpt / news: the class of document a truth file describes."""
    kind = truth.get("doc_kind", "report")
    if kind in ("excerpt", "news"):
        return kind
    if truth.get("provisional"):
        return "nocatalog"
    return "catalog" if truth.get("catalog") else "bundled"


def load_truth(dirs):
    truths = {}
    for d in dirs:
        files = sorted(glob.glob(os.path.join(d, "*.truth.json"))) if os.path.isdir(d) else [d]
        for fp in files:
            with open(fp, encoding="utf-8") as fh:
                t = json.load(fh)
            tid = t.get("id") or os.path.basename(fp)[: -len(".truth.json")]
            kinds = t.get("inputs")
            if not kinds:
                base = os.path.join(os.path.dirname(fp), tid)
                kinds = [k for k in KINDS if os.path.exists(f"{base}.{k}")]
            t["_kinds"] = kinds
            truths[tid] = t
    return truths


def load_pred(path):
    with open(path, encoding="utf-8") as fh:
        data = fh.read()
    s = data.lstrip()
    if s.startswith("["):
        recs = json.loads(s)
    else:
        recs = []
        for i, line in enumerate(data.splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            try:
                recs.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"warning: {path}:{i}: not JSON ({e.msg}); line ignored", file=sys.stderr)
    return recs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Score tieuchi JSONL records against truth files.")
    ap.add_argument("--truth", required=True, action="append", help="folder of *.truth.json (repeatable)")
    ap.add_argument("--pred", required=True, help="the tool's output: JSONL (or a JSON list)")
    ap.add_argument("--json", action="store_true", help="print all metrics as one JSON line before the summary line")
    ap.add_argument("--kinds", default="", help="only expect these input kinds, e.g. pdf,txt")
    ap.add_argument("--verbose", action="store_true", help="per-input details on stderr")
    a = ap.parse_args(argv)
    truths = load_truth(a.truth)
    want = [k.strip() for k in a.kinds.split(",") if k.strip()]
    recs = load_pred(a.pred)
    by = {}
    unmatched = 0
    dupes = 0
    for r in recs:
        src = r.get("source") if isinstance(r, dict) else None
        if not src:
            unmatched += 1
            continue
        tid, kind = split_source(src)
        if tid not in truths:
            unmatched += 1
            continue
        if (tid, kind) in by:
            dupes += 1
            continue
        by[(tid, kind)] = r
    per_kind = {}
    per_class = {}
    overall = Acc()
    failed_list, missing_list = [], []
    for tid in sorted(truths):
        t = truths[tid]
        kinds = [k for k in t["_kinds"] if not want or k in want]
        for kind in kinds:
            acc = per_kind.setdefault(kind, Acc())
            one = Acc()
            one.inputs = 1
            rec = by.get((tid, kind))
            if rec is None:
                one.missing = 1
                missing_list.append(f"{tid}.{kind}")
            elif is_failed(rec):
                one.failed = 1
                failed_list.append(f"{tid}.{kind}")
            score_input(t, kind, rec, one, a.verbose, f"{tid}.{kind}")
            acc.add(one)
            overall.add(one)
            per_class.setdefault(doc_class(t), Acc()).add(one)
    res = {"overall": overall.summary(), "per_kind": {k: v.summary() for k, v in per_kind.items()},
           "per_class": {k: v.summary() for k, v in sorted(per_class.items())},
           "failed": failed_list, "missing": missing_list, "unmatched_records": unmatched, "duplicate_records": dupes}

    def pct(x):
        return "   -  " if x is None else f"{x * 100:6.2f}"

    cols = [("overall", res["overall"])] + [(k, res["per_kind"][k]) for k in KINDS if k in res["per_kind"]] + \
           [(k, v) for k, v in res["per_kind"].items() if k not in KINDS]
    rows = [
        ("inputs", lambda s: f"{s['inputs']:6d}"),
        ("failed+missing", lambda s: f"{s['failed'] + s['missing']:6d}"),
        ("criteria recall", lambda s: pct(s["criteria"]["recall"])),
        ("criteria precision", lambda s: pct(s["criteria"]["precision"])),
        ("criteria F1", lambda s: pct(s["criteria"]["f1"])),
        ("field acc (all)", lambda s: pct(s["field_acc"])),
        ("field acc (matched)", lambda s: pct(s["field_acc_matched"])),
    ] + [(f"  {f}", (lambda f: lambda s: pct(s["fields"][f]))(f)) for f in FIELDS] + [  # noqa: B023
        ("  value (measured)", lambda s: pct(s.get("value_acc"))),
        ("  value_unit", lambda s: pct(s.get("value_unit_acc"))),
        ("target op", lambda s: pct(s["target_op_acc"])),
        ("page", lambda s: pct(s["page_acc"])),
        ("group tallies", lambda s: pct(s["group_tally_acc"])),
        ("summary tally", lambda s: pct(s["summary_tally_acc"])),
        ("doc number", lambda s: pct(s["document"]["number"])),
        ("doc date", lambda s: pct(s["document"]["date"])),
        ("doc issuer", lambda s: pct(s["document"]["issuer"])),
        ("framework", lambda s: pct(s["framework_acc"])),
        ("provisional", lambda s: pct(s["provisional_acc"])),
        ("findings precision", lambda s: pct(s["findings"]["precision"])),
        ("findings recall", lambda s: pct(s["findings"]["recall"])),
        ("findings F1", lambda s: pct(s["findings"]["f1"])),
        ("clean inputs w/ findings", lambda s: f"{s['clean_inputs_with_findings']:3d}/{s['clean_inputs']:<3d}"),
        ("clean inputs w/ errors", lambda s: f"{s['clean_inputs_with_errors']:3d}/{s['clean_inputs']:<3d}"),
    ]
    if not a.json:
        print(f"{'':26s}" + "".join(f"{n:>10s}" for n, _ in cols))
        for label, fn in rows:
            print(f"{label:26s}" + "".join(f"{fn(s):>10s}" for _, s in cols))
        print("\nby document class: inputs, criteria F1, field acc, findings P / R / F1, clean w/ findings")
        for name, s in res["per_class"].items():
            f = s["findings"]
            print(f"  {name:10s} {s['inputs']:4d} {pct(s['criteria']['f1'])} {pct(s['field_acc'])} "
                  f"{pct(f['precision'])} {pct(f['recall'])} {pct(f['f1'])}   {s['clean_inputs_with_findings']}/{s['clean_inputs']}")
        pc = res["overall"]["findings"]["per_check"]
        print("\nfindings by check (overall): tp / fp / fn")
        for k in VOCAB:
            v = pc[k]
            print(f"  {k:24s} {v['tp']:4d} {v['fp']:4d} {v['fn']:4d}")
        if res["overall"]["findings"]["fp_marked_suspect_ocr"]:
            print(f"  (false positives marked suspect_ocr: {res['overall']['findings']['fp_marked_suspect_ocr']})")
        if failed_list:
            print(f"\nfailed ({len(failed_list)}): " + ", ".join(failed_list[:20]) + (" …" if len(failed_list) > 20 else ""))
        if missing_list:
            print(f"missing ({len(missing_list)}): " + ", ".join(missing_list[:20]) + (" …" if len(missing_list) > 20 else ""))
        if unmatched or dupes:
            print(f"records not matching any truth: {unmatched}; duplicate records ignored: {dupes}")
    else:
        print(json.dumps(res, ensure_ascii=False))
    o = res["overall"]
    print(f"criteria_f1={o['criteria']['f1']:.4f} field_acc={o['field_acc']:.4f} findings_f1={o['findings']['f1']:.4f} "
          f"docs={o['inputs']} failed={o['failed'] + o['missing']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
