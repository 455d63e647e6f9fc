"""The criteria catalog's shape: targets, measures, criteria, groups, frameworks, the catalog (pydantic models, validated on load).

The models; reading a file, its JSON Schema and the problem messages are :mod:`extractors.catalog`'s,
which re-exports these names (import them from there)."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from ingest.normalize import match_key
from tieuchi.errors import CatalogError

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
        raise ValueError(f"đơn vị {unit!r} khác đơn vị của chỉ tiêu {target.unit!r}")


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
        raise ValueError(f"hãy ghi mã {v!r} thành chuỗi (\"{v}\"): ghi dạng số thì 3.10 sẽ thành 3.1")
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
            raise ValueError(f"mã {v!r} không phải số có dấu chấm ('3.4'), số nguyên ('11') hay số La Mã ('IV')")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Criterion:
        _unit_agrees(self.unit, self.target)
        if self.kind == "ratio" and self.target is not None and self.target.unit != "%":
            raise ValueError(f"chỉ tiêu của tiêu chí tỷ lệ (ratio) phải là %, không phải {self.target.unit!r} "
                             "(dùng kind 'value' hoặc 'count')")
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
            raise ValueError(f"bộ tiêu chí {self.id} không có tiêu chí nào (cho 'groups' hoặc 'criteria')")
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
    """'bộ tiêu chí X: tiêu chí 2.1 xuất hiện 2 lần (ở nhóm 1 và nhóm 2)' for each repeated code."""
    where: dict[str, list[str | None]] = {}
    for g, c in codes:
        where.setdefault(c, []).append(g)
    out = []
    for code, groups in where.items():
        if len(groups) > 1:
            names = [("ngoài nhóm" if g is None else f"nhóm {g}") for g in dict.fromkeys(groups)]
            place = ("đều ngoài nhóm" if names == ["ngoài nhóm"] else f"đều ở {names[0]}") if len(names) == 1 \
                else "ở " + " và ".join(names)
            out.append(f"bộ tiêu chí {framework}: tiêu chí {code} xuất hiện {len(groups)} lần ({place})")
    for code in dict.fromkeys(group_codes):
        if group_codes.count(code) > 1:
            out.append(f"bộ tiêu chí {framework}: nhóm {code} xuất hiện {group_codes.count(code)} lần")
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
        raise CatalogError(f"không có bộ tiêu chí {framework_id!r} (có: {known})", path=self.path,
                           hint="xem các bộ tiêu chí bằng `tieuchi catalog list`")
