"""The criteria catalog: frameworks of numbered criteria, loaded from JSON and validated.

Catalog content is data (``criteria_catalog.json``); this module only knows its shape.
A malformed entry is a :class:`CatalogError` naming the framework and code.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ingest.normalize import match_key
from tieuchi.errors import CatalogError

_HERE = Path(__file__).resolve().parent
# Inside a wheel the catalog ships beside this module; in a checkout it is the top-level file.
_CANDIDATES = (_HERE / "criteria_catalog.json", _HERE.parent / "criteria_catalog.json")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Target(_Model):
    op: Literal[">=", ">", "<=", "<", "="]
    value: float
    unit: str = "%"

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
        v = f"{self.value:g}".replace(".", ",")
        unit = self.unit if self.unit == "%" else f" {self.unit}"
        op = "" if self.op == ">=" else self.op
        return f"{op}{v}{unit}"


class Criterion(_Model):
    code: str
    title: str
    kind: Literal["ratio", "value", "count", "yes_no", "task"] = "ratio"
    """ratio: x/y against a % target; value: a measured value with a unit ("30,28 Mb/s",
    "75 thuê bao/100 dân"); count: a number of units ("23 xã"); yes_no and task: a verdict only."""
    target: Target | None = None
    aliases: list[str] = Field(default_factory=list)
    measures: list[Target] = Field(default_factory=list)
    """Further targets when an indicator states several (the first is ``target``)."""
    deadline: str | None = None
    lead_agency: str | None = None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, v: str) -> str:
        v = v.strip().rstrip(".")
        if not v or not all(part.isalnum() for part in v.split(".")):
            raise ValueError(f"code {v!r} is not dotted numbers")
        return v

    @cached_property
    def keys(self) -> list[str]:
        """Match keys of the title and every alias (normalized, diacritics folded)."""
        return [match_key(t) for t in [self.title, *self.aliases]]


class Group(_Model):
    code: str
    title: str
    aliases: list[str] = Field(default_factory=list)
    criteria: list[Criterion]


class Framework(_Model):
    id: str
    title: str
    legal_refs: list[str] = Field(default_factory=list)
    """Document numbers whose citation identifies the framework ("1042/QĐ-UBND")."""
    issued: str | None = None
    source: str | None = None
    groups: list[Group]

    @model_validator(mode="after")
    def _unique_codes(self) -> Framework:
        seen: set[str] = set()
        for g in self.groups:
            for c in g.criteria:
                if c.code in seen:
                    raise ValueError(f"criterion {c.code} appears twice")
                seen.add(c.code)
        return self

    @cached_property
    def criteria(self) -> list[Criterion]:
        return [c for g in self.groups for c in g.criteria]

    @cached_property
    def by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.criteria}

    @cached_property
    def group_of(self) -> dict[str, str]:
        return {c.code: g.code for g in self.groups for c in g.criteria}


class Catalog(_Model):
    schema_version: int = 1
    about: str | None = None
    frameworks: list[Framework]
    sha256: str = ""
    path: str = ""

    def get(self, framework_id: str) -> Framework:
        for f in self.frameworks:
            if f.id == framework_id:
                return f
        known = ", ".join(f.id for f in self.frameworks)
        raise CatalogError(f"unknown framework {framework_id!r} (known: {known})", path=self.path,
                           hint="xem các bộ tiêu chí bằng `tieuchi catalog list`")


def _locate(entry: object) -> str:
    return " ".join(str(p) for p in entry)  # type: ignore[attr-defined]


def _describe(err: ValidationError, raw: dict) -> str:
    """Turn pydantic's error into 'framework X, criterion Y: problem'."""
    first = err.errors()[0]
    loc = list(first["loc"])
    parts = []
    node: object = raw
    for key in loc:
        try:
            node = node[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "id" in node and "groups" in node:
            parts.append(f"framework {node['id']}")
        elif isinstance(node, dict) and "criteria" in node and "code" in node:
            parts.append(f"group {node['code']}")
        elif isinstance(node, dict) and "code" in node:
            parts.append(f"criterion {node['code']}")
    where = ", ".join(parts) or _locate(loc)
    field = loc[-1] if loc else ""
    return f"{where}: {field}: {first['msg']}"


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalog file (the bundled one when ``path`` is None)."""
    if path is None:
        found = next((p for p in _CANDIDATES if p.is_file()), None)
        if found is None:
            raise CatalogError("bundled criteria_catalog.json not found; reinstall tieuchi", hint="cài lại tieuchi")
        path = found
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CatalogError(f"cannot read catalog: {e.strerror}", path=str(p)) from None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CatalogError(f"catalog is not valid JSON: {e}", path=str(p)) from None
    if not isinstance(raw, dict):
        raise CatalogError("catalog must be a JSON object with a 'frameworks' list", path=str(p))
    try:
        cat = Catalog.model_validate({k: v for k, v in raw.items() if k not in ("sha256", "path")})
    except ValidationError as e:
        raise CatalogError(f"invalid catalog entry: {_describe(e, raw)}", path=str(p)) from None
    ids = [f.id for f in cat.frameworks]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise CatalogError(f"framework id(s) defined twice: {', '.join(sorted(dupes))}", path=str(p))
    cat.sha256 = hashlib.sha256(data).hexdigest()
    cat.path = str(p)
    return cat
