"""The import graph, drawn from the code (ast): no cycles, and no stage importing a later one.

Stages: ``tieuchi.errors`` and ``tieuchi._version`` 0, ``ingest`` 1, ``extractors`` 2, ``audit`` 3,
``tieuchi`` 4. Every import statement counts, those inside functions too (they are what hid the
old cycles); only ``if TYPE_CHECKING:`` blocks are left out, since they never run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("ingest", "extractors", "audit", "tieuchi")
STAGE_ZERO = {"tieuchi.errors", "tieuchi._version"}


def stage(module: str) -> int:
    if module in STAGE_ZERO:
        return 0
    return PACKAGES.index(module.split(".")[0]) + 1


def modules() -> dict[str, Path]:
    found = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(module: str, path: Path, known: set[str], top_level_only: bool = False) -> set[str]:
    """The modules of ours that ``module`` imports (``from P import name`` is P.name when that is a module)."""
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST, depth: int) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                continue
            nested = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            if top_level_only and nested:
                continue
            if isinstance(child, ast.Import):
                out.update(r for a in child.names if (r := resolve(a.name)))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = module.split(".") if is_pkg else module.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for a in child.names:
                    r = resolve(f"{base}.{a.name}") if f"{base}.{a.name}" in known else resolve(base)
                    if r:
                        out.add(r)
            visit(child, depth + 1)

    visit(ast.parse(path.read_text(encoding="utf-8")), 0)
    out.discard(module)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {m: imports_of(m, p, known) for m, p in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(g):
        if v not in index:
            strong(v)
    return found


def test_the_graph_sees_the_packages():
    g = graph()
    assert {"ingest.errors", "extractors.record", "audit.checks", "tieuchi.cli", "tieuchi.errors"} <= set(g)
    assert "tieuchi.errors" in g["ingest.errors"] and "tieuchi.pipeline" in g["tieuchi.cli"]
    assert "tieuchi.batch_cli" in g["tieuchi.cli"]  # `from tieuchi import batch_cli` is the module


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_no_stage_imports_a_later_one():
    bad = [(m, i) for m, imps in graph().items() for i in sorted(imps) if stage(i) > stage(m)]
    assert bad == []


def test_stage_zero_imports_only_the_standard_library():
    g = graph()
    assert {m: sorted(g[m]) for m in STAGE_ZERO} == {m: [] for m in STAGE_ZERO}
    # importing a stage-0 module runs its package's __init__: that must load nothing of a later stage
    init = ROOT / "tieuchi" / "__init__.py"
    assert imports_of("tieuchi", init, set(modules()), top_level_only=True) <= STAGE_ZERO


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_importing_ingest_loads_no_later_stage():
    """The same rule at run time: `import ingest` pulls in only stage 0 of tieuchi, no extractors, audit, CLI."""
    code = ("import sys, ingest; print(' '.join(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('tieuchi', 'extractors', 'audit'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert set(out.split()) == {"tieuchi", "tieuchi._version", "tieuchi.errors"}
