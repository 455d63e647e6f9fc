"""The criteria catalog: frameworks of numbered criteria, loaded from JSON and validated.

Catalog content is data (``criteria_catalog.json``); this module only knows its shape, and
``tieuchi catalog schema`` publishes it as JSON Schema. A malformed catalog is a
:class:`CatalogError` naming the framework, code and field; :func:`catalog_problems` lists every
problem, one message each.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from ingest.normalize import match_key
from tieuchi.errors import CatalogError

_HERE = Path(__file__).resolve().parent
# Inside a wheel the catalog ships beside this module; in a checkout it is the top-level file.
_CANDIDATES = (_HERE / "criteria_catalog.json", _HERE.parent / "criteria_catalog.json")


Kind = Literal["ratio", "value", "count", "yes_no", "task"]
Op = Literal[">=", ">", "<=", "<", "="]
_OP_LABEL = {">=": "", ">": ">", "<=": "≤", "<": "<", "=": "="}
# a code part: digits ("3", "11"), a roman numeral ("IV"), or one letter ("a" in "2.a")
_CODE_PART = regex.compile(r"\d{1,3}|[IVXLC]{1,6}|[A-Za-z]")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


def _number(v: float) -> str:
    """85.0 → '85', 9.6 → '9,6', 1000000.0 → '1000000' (Vietnamese decimal comma, no exponent)."""
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Target(_Model):
    """What a measure must reach: ``{"op": ">=", "value": 85, "unit": "%"}``."""

    op: Op
    """'>=' at least, '>' more than, '<=' at most ("không quá"), '<' below ("dưới"), '=' exactly."""
    value: float
    unit: str = "%"
    """Any unit as the catalog names it: '%', 'Mb/s', 'thuê bao/100 dân', 'xã', 'điểm'."""

    def passes(self, value: float) -> bool:
        """Whether ``value`` (in the target's unit) meets the target."""
        eps = 1e-9
        if self.op == ">=":
            return value >= self.value - eps
        if self.op == ">":
            return value > self.value + eps
        if self.op == "<=":
            return value <= self.value + eps
        if self.op == "<":
            return value < self.value - eps
        return abs(value - self.value) <= eps

    def label(self) -> str:
        """'85%' (at least: reports write no sign), '>80%', '≤1%', '<5%', '=100%', '36 Mb/s'."""
        unit = self.unit if self.unit == "%" else f" {self.unit}"
        return f"{_OP_LABEL[self.op]}{_number(self.value)}{unit}"


def _fill_target_unit(data: object) -> object:
    """A measure's ``unit`` is the default unit of its ``target`` (written without one)."""
    if isinstance(data, dict) and isinstance(data.get("unit"), str) and isinstance(data.get("target"), dict) \
            and "unit" not in data["target"]:
        data = {**data, "target": {**data["target"], "unit": data["unit"]}}
    return data


def _unit_agrees(unit: str | None, target: Target | None) -> None:
    if unit is not None and target is not None and unit != target.unit:
        raise ValueError(f"unit {unit!r} differs from the target's unit {target.unit!r}")


class Measure(_Model):
    """A further thing a criterion measures, beyond its own title/kind/unit/target.

    The old form, a bare target (``{"op": ">=", "value": 50, "unit": "%"}``), is read as a
    measure with that target and nothing else.
    """

    name: str | None = None
    """What is measured ("Tốc độ truy cập Internet trung bình"); none when the title says it."""
    kind: Kind | None = None
    """Defaults to the criterion's kind."""
    unit: str | None = None
    """The unit the value is reported in; defaults to the target's unit."""
    target: Target | None = None
    aliases: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _old_form(cls, data: object) -> object:
        if isinstance(data, Target):
            return {"target": data}
        if isinstance(data, dict) and "op" in data and "target" not in data:
            return {"target": data}
        return _fill_target_unit(data)

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        _unit_agrees(self.unit, self.target)
        return self


def _code_text(v: object) -> object:
    """A code written as a JSON integer (11) is the string "11"; 3.4 as a number would lose "3.10"."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        raise ValueError(f"write the code {v!r} as a string (\"{v}\"): as a number 3.10 would read as 3.1")
    return v


class Criterion(_Model):
    code: str
    """Dotted ("3.4"), integer ("11") or roman ("IV"); unique within its framework."""
    title: str
    kind: Kind = "ratio"
    """ratio: x/y against a % target; value: a measured value with a unit ("30,28 Mb/s",
    "75 thuê bao/100 dân", "01 tài khoản/người", a score); count: a number of units ("23 xã");
    yes_no and task: a verdict only."""
    target: Target | None = None
    """The criterion's own (first) target; null for yes_no and task criteria."""
    unit: str | None = None
    """The unit a value is reported in, when it is not the target's (or there is no target)."""
    formula: str | None = None
    """How the value is computed, as the plan explains it ("Số hộ có cáp quang / tổng số hộ")."""
    aliases: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    """Further measures when an indicator states several; the criterion itself is the first
    (its ``target``). Each may name its own kind, unit and target."""
    deadline: str | None = None
    lead_agency: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_unit(cls, data: object) -> object:
        return _fill_target_unit(data)

    @field_validator("code", mode="before")
    @classmethod
    def _code_number(cls, v: object) -> object:
        return _code_text(v)

    @field_validator("code")
    @classmethod
    def _code_shape(cls, v: str) -> str:
        v = v.strip().rstrip(".")
        if not v or not all(_CODE_PART.fullmatch(part) for part in v.split(".")):
            raise ValueError(f"code {v!r} is not a dotted ('3.4'), integer ('11') or roman ('IV') number")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Criterion:
        _unit_agrees(self.unit, self.target)
        if self.kind == "ratio" and self.target is not None and self.target.unit != "%":
            raise ValueError(f"a ratio's target is a percent, not {self.target.unit!r} (use kind 'value' or 'count')")
        return self

    @cached_property
    def keys(self) -> list[str]:
        """Match keys of the title and every alias (normalized, diacritics folded)."""
        return [match_key(t) for t in [self.title, *self.aliases]]

    @property
    def value_unit(self) -> str | None:
        """The unit of the criterion's own measured value: ``unit``, else the target's."""
        return self.unit or (self.target.unit if self.target else None)

    @property
    def all_measures(self) -> list[Measure]:
        """The criterion's own measure first, then ``measures``, with kind and unit filled in."""
        own = Measure(kind=self.kind, unit=self.value_unit, target=self.target)
        rest = [m.model_copy(update={"kind": m.kind or self.kind,
                                     "unit": m.unit or (m.target.unit if m.target else None)}) for m in self.measures]
        return [own, *rest]


class Group(_Model):
    code: str
    """The group's number as reports print it ("1", "II")."""
    title: str
    aliases: list[str] = Field(default_factory=list)
    criteria: list[Criterion]

    @field_validator("code", mode="before")
    @classmethod
    def _code_number(cls, v: object) -> object:
        return _code_text(v)


class Framework(_Model):
    """One criteria set. Criteria come in ``groups``, or directly in ``criteria``, or both.

    Ungrouped criteria (``criteria``) belong to no group: they count in the summary tally but
    in no group tally, ``group_of`` has no entry for them, and ``groups`` lists only real groups.
    ``Framework.criteria`` (the attribute) is every criterion, ungrouped ones first.
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, serialize_by_alias=True)

    id: str
    title: str
    legal_refs: list[str] = Field(default_factory=list)
    """Document numbers whose citation identifies the framework ("1042/QĐ-UBND")."""
    issued: str | None = None
    source: str | None = None
    groups: list[Group] = Field(default_factory=list)
    ungrouped: list[Criterion] = Field(default_factory=list, alias="criteria")
    """Criteria outside any group (a framework with no groups lists them all here)."""

    @model_validator(mode="after")
    def _unique_codes(self) -> Framework:
        problems = duplicate_codes(self.id, [(None, c.code) for c in self.ungrouped]
                                   + [(g.code, c.code) for g in self.groups for c in g.criteria],
                                   [g.code for g in self.groups])
        if problems:
            raise ValueError("; ".join(problems))
        if not self.criteria:
            raise ValueError(f"framework {self.id} has no criteria (give 'groups' or 'criteria')")
        return self

    @cached_property
    def criteria(self) -> list[Criterion]:
        return [*self.ungrouped, *(c for g in self.groups for c in g.criteria)]

    @cached_property
    def by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.criteria}

    @cached_property
    def group_of(self) -> dict[str, str]:
        return {c.code: g.code for g in self.groups for c in g.criteria}


def duplicate_codes(framework: str, codes: list[tuple[str | None, str]], group_codes: list[str]) -> list[str]:
    """'framework X: criterion 2.1 appears twice (groups 1 and 2)' for each repeated code."""
    where: dict[str, list[str | None]] = {}
    for g, c in codes:
        where.setdefault(c, []).append(g)
    out = []
    for code, groups in where.items():
        if len(groups) > 1:
            names = [("ungrouped" if g is None else f"group {g}") for g in dict.fromkeys(groups)]
            place = ("all ungrouped" if names == ["ungrouped"] else f"all in {names[0]}") if len(names) == 1 \
                else "in " + " and ".join(names)
            out.append(f"framework {framework}: criterion {code} appears {len(groups)} times ({place})")
    for code in dict.fromkeys(group_codes):
        if group_codes.count(code) > 1:
            out.append(f"framework {framework}: group {code} appears {group_codes.count(code)} times")
    return out


class Catalog(_Model):
    """A criteria catalog file: frameworks of numbered criteria (``tieuchi catalog schema``)."""

    schema_ref: str | None = Field(default=None, alias="$schema")
    """Optional: where the file's JSON Schema is (editors use it); tieuchi ignores it."""
    schema_version: int = 1
    about: str | None = None
    """Where the entries came from."""
    frameworks: list[Framework]
    sha256: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    def get(self, framework_id: str) -> Framework:
        for f in self.frameworks:
            if f.id == framework_id:
                return f
        known = ", ".join(f.id for f in self.frameworks)
        raise CatalogError(f"unknown framework {framework_id!r} (known: {known})", path=self.path,
                           hint="xem các bộ tiêu chí bằng `tieuchi catalog list`")


def catalog_schema() -> dict:
    """The catalog file's JSON Schema, generated from these models."""
    schema = Catalog.model_json_schema(by_alias=True)
    # the old form of a further measure, a bare target, is still accepted
    measures = schema["$defs"]["Criterion"]["properties"]["measures"]
    measures["items"] = {"anyOf": [{"$ref": "#/$defs/Measure"},
                                   {"$ref": "#/$defs/Target", "description": "old form: a bare target"}]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://tieuchi.invalid/criteria-catalog.schema.json", **schema}


def _name(node: object, label: str, index: object) -> str:
    key = "id" if label == "framework" else "code"
    if isinstance(node, dict) and isinstance(node.get(key), str | int) and str(node.get(key)).strip():
        return f"{label} {str(node[key]).strip().rstrip('.')}"
    return f"{label} #{index + 1 if isinstance(index, int) else index} (no {key})"


def describe_errors(err: ValidationError, raw: object) -> list[str]:
    """Each pydantic error as 'framework X, group G, criterion Y, field target.op: problem'."""
    out = []
    for e in err.errors():
        loc = list(e["loc"])
        named: list[str] = []
        rest: list[str] = []
        node: object = raw
        i = 0
        while i < len(loc):
            key = loc[i]
            if key in ("frameworks", "groups", "criteria") and i + 1 < len(loc) and isinstance(loc[i + 1], int):
                label = {"frameworks": "framework", "groups": "group", "criteria": "criterion"}[str(key)]
                try:
                    node = node[key][loc[i + 1]]  # type: ignore[index]
                except (KeyError, IndexError, TypeError):
                    node = None
                named.append(_name(node, label, loc[i + 1]))
                rest = []
                i += 2
                continue
            try:
                node = node[key]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                node = None
            rest.append(f"[{key}]" if isinstance(key, int) else str(key))
            i += 1
        field = ".".join(rest).replace(".[", "[")
        msg = str(e["msg"]).removeprefix("Value error, ")
        if msg.startswith("framework ") and named and msg.startswith(named[0]):
            where = ", ".join(named[1:])  # the message names the framework itself
            out.append(msg if not where else f"{named[0]}, {where}: {msg[len(named[0]) + 2:]}")
            continue
        where = ", ".join(named) or "catalog"
        out.append(f"{where}, field {field}: {msg}" if field else f"{where}: {msg}")
    return out


def _raw_duplicates(raw: dict) -> list[str]:
    """Duplicate framework ids and criterion codes, found in the raw JSON (even where other errors stop pydantic)."""
    out: list[str] = []
    fws = raw.get("frameworks")
    if not isinstance(fws, list):
        return out
    ids = [f.get("id") for f in fws if isinstance(f, dict) and isinstance(f.get("id"), str)]
    for fid in dict.fromkeys(ids):
        if ids.count(fid) > 1:
            out.append(f"framework id {fid} is defined {ids.count(fid)} times")
    for f in fws:
        if not isinstance(f, dict) or not isinstance(f.get("id"), str):
            continue
        codes: list[tuple[str | None, str]] = []
        gcodes: list[str] = []
        for c in f.get("criteria") or []:
            if isinstance(c, dict) and isinstance(c.get("code"), str):
                codes.append((None, c["code"].strip().rstrip(".")))
        for g in f.get("groups") or []:
            if not isinstance(g, dict):
                continue
            if isinstance(g.get("code"), str):
                gcodes.append(g["code"])
            for c in g.get("criteria") or []:
                if isinstance(c, dict) and isinstance(c.get("code"), str):
                    codes.append((str(g.get("code")), c["code"].strip().rstrip(".")))
        out += duplicate_codes(f["id"], codes, gcodes)
    return out


def catalog_problems(raw: object) -> tuple[Catalog | None, list[str]]:
    """Validate a parsed catalog file: the catalog, or every problem found, one message each."""
    if not isinstance(raw, dict):
        return None, ["catalog must be a JSON object with a 'frameworks' list"]
    try:
        cat = Catalog.model_validate({k: v for k, v in raw.items() if k not in ("sha256", "path")})
    except ValidationError as e:
        problems = describe_errors(e, raw)
    else:
        problems = []
    problems = list(dict.fromkeys([*problems, *_raw_duplicates(raw)]))
    return (None, problems) if problems else (cat, [])


def _bundled() -> Path:
    found = next((p for p in _CANDIDATES if p.is_file()), None)
    if found is None:
        raise CatalogError("bundled criteria_catalog.json not found; reinstall tieuchi", hint="cài lại tieuchi")
    return found


def read_catalog_json(path: str | Path | None = None) -> tuple[Path, bytes, object]:
    """The catalog file's path, bytes and parsed JSON; a :class:`CatalogError` when unreadable or not JSON."""
    p = Path(path) if path is not None else _bundled()
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CatalogError(f"cannot read catalog: {e.strerror}", path=str(p)) from None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CatalogError(f"catalog is not valid JSON: {e}", path=str(p)) from None
    return p, data, raw


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalog file (the bundled one when ``path`` is None).

    A malformed catalog is a :class:`CatalogError` naming the first problem (framework, code,
    field) and how many more there are; :func:`catalog_problems` lists them all.
    """
    p, data, raw = read_catalog_json(path)
    cat, problems = catalog_problems(raw)
    if cat is None:
        more = f" (and {len(problems) - 1} more: tieuchi catalog validate lists them)" if len(problems) > 1 else ""
        raise CatalogError(f"invalid catalog entry: {problems[0]}{more}", path=str(p))
    cat.sha256 = hashlib.sha256(data).hexdigest()
    cat.path = str(p)
    return cat
