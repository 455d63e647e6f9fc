"""The criteria catalog: frameworks of numbered criteria, loaded from JSON and validated.

Catalog content is data (``criteria_catalog.json``); this module only knows its shape, and
``tieuchi catalog schema`` publishes it as JSON Schema. A malformed catalog is a
:class:`CatalogError` naming the framework, code and field; :func:`catalog_problems` lists every
problem, one message each.

The models themselves are in :mod:`extractors.catalog_models` (re-exported here: import them from
this module); this one reads a catalog file, validates it and says what is wrong with it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

from extractors.catalog_models import (
    Catalog,
    Criterion,
    Framework,
    Group,
    Kind,
    Measure,
    Op,
    Target,
    duplicate_codes,
)
from tieuchi.errors import CatalogError

_HERE = Path(__file__).resolve().parent
# Inside a wheel the catalog ships beside this module; in a checkout it is the top-level file.
_CANDIDATES = (_HERE / "criteria_catalog.json", _HERE.parent / "criteria_catalog.json")


def catalog_schema() -> dict:
    """The catalog file's JSON Schema, generated from these models."""
    schema = Catalog.model_json_schema(by_alias=True)
    # the old form of a further measure, a bare target, is still accepted
    measures = schema["$defs"]["Criterion"]["properties"]["measures"]
    measures["items"] = {"anyOf": [{"$ref": "#/$defs/Measure"},
                                   {"$ref": "#/$defs/Target", "description": "old form: a bare target"}]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://tieuchi.invalid/criteria-catalog.schema.json", **schema}


_LABELS = {"frameworks": "bộ tiêu chí", "groups": "nhóm", "criteria": "tiêu chí"}
"""How a validation message names what is wrong (the JSON keys stay as they are)."""
_PYDANTIC_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "khóa không có trong lược đồ (gõ nhầm?)",
    "string_type": "phải là chuỗi",
    "float_type": "phải là số", "float_parsing": "phải là số",
    "int_type": "phải là số nguyên", "int_parsing": "phải là số nguyên",
    "list_type": "phải là danh sách", "dict_type": "phải là đối tượng JSON", "model_type": "phải là đối tượng JSON",
    "bool_type": "phải là true hoặc false", "bool_parsing": "phải là true hoặc false",
}
"""pydantic's error types in Vietnamese; others keep pydantic's own words."""


def _name(node: object, label: str, index: object) -> str:
    key = "id" if label == _LABELS["frameworks"] else "code"
    if isinstance(node, dict) and isinstance(node.get(key), str | int) and str(node.get(key)).strip():
        return f"{label} {str(node[key]).strip().rstrip('.')}"
    return f"{label} #{index + 1 if isinstance(index, int) else index} (không có {key})"


def _message(e: dict) -> str:
    """One pydantic error's words: ours (validators raise Vietnamese), or its type's in Vietnamese."""
    kind = str(e.get("type", ""))
    if kind == "literal_error":
        return f"phải là một trong: {str((e.get('ctx') or {}).get('expected', '')).replace(' or ', ' hoặc ')}"
    if kind in _PYDANTIC_VI:
        return _PYDANTIC_VI[kind]
    return str(e["msg"]).removeprefix("Value error, ")


def describe_errors(err: ValidationError, raw: object) -> list[str]:
    """Each pydantic error as 'bộ tiêu chí X, nhóm G, tiêu chí Y, trường target.op: problem'."""
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
                label = _LABELS[str(key)]
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
        msg = _message(dict(e))
        if msg.startswith(_LABELS["frameworks"] + " ") and named and msg.startswith(named[0]):
            where = ", ".join(named[1:])  # the message names the framework itself
            out.append(msg if not where else f"{named[0]}, {where}: {msg[len(named[0]) + 2:]}")
            continue
        where = ", ".join(named) or "danh mục"
        out.append(f"{where}, trường {field}: {msg}" if field else f"{where}: {msg}")
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
            out.append(f"id bộ tiêu chí {fid} được khai báo {ids.count(fid)} lần")
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
        return None, ["danh mục phải là một đối tượng JSON có danh sách 'frameworks'"]
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
        raise CatalogError("không tìm thấy criteria_catalog.json kèm theo", hint="cài lại tieuchi")
    return found


def read_catalog_json(path: str | Path | None = None) -> tuple[Path, bytes, object]:
    """The catalog file's path, bytes and parsed JSON; a :class:`CatalogError` when unreadable or not JSON."""
    p = Path(path) if path is not None else _bundled()
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CatalogError(f"không đọc được danh mục: {e.strerror}", path=str(p)) from None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CatalogError(f"danh mục không phải JSON hợp lệ: {e}", path=str(p)) from None
    return p, data, raw


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalog file (the bundled one when ``path`` is None).

    A malformed catalog is a :class:`CatalogError` naming the first problem (framework, code,
    field) and how many more there are; :func:`catalog_problems` lists them all.
    """
    p, data, raw = read_catalog_json(path)
    cat, problems = catalog_problems(raw)
    if cat is None:
        more = f" (và {len(problems) - 1} lỗi khác: `tieuchi catalog validate` liệt kê tất cả)" if len(problems) > 1 else ""
        raise CatalogError(f"danh mục không hợp lệ: {problems[0]}{more}", path=str(p))
    cat.sha256 = hashlib.sha256(data).hexdigest()
    cat.path = str(p)
    return cat


__all__ = [
    "Catalog", "Criterion", "Framework", "Group", "Kind", "Measure", "Op", "Target", "catalog_problems", "catalog_schema",
    "describe_errors", "duplicate_codes", "load_catalog", "read_catalog_json",
]
