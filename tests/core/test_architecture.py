"""The house rules of docs/architecture.md, checked on the source so they stay true.

Imports are read with `ast` from every module of the project (function-level imports
included, migrations and tests left out), so a rule broken in a corner still fails here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cms", "assets_directory", "ambassadors", "consultations", "search")
# The parts of the house; a module belongs to the longest prefix that names it.
UNITS = (
    "cms.core",
    "cms.accounts",
    "cms.publications",
    "cms.settings",
    "cms",
    "assets_directory.gaps",
    "assets_directory.oruk",
    "assets_directory",
    "ambassadors",
    "consultations",
    "search",
)
APPS = (
    "cms.accounts",
    "cms.publications",
    "assets_directory",
    "ambassadors",
    "consultations",
)
# Libraries of the house: they import nothing of the project but themselves.
LIBRARIES = ("cms.core", "search")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            modules[_module_name(path)] = path
    return modules


MODULES = project_modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _project_target(name: str) -> str | None:
    """The project module an import names, or None for Django and third-party names."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> Iterator[tuple[str, int]]:
    """Every project module `module` imports, with the line, at any depth in the file."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        else:
            continue
        for name in names:
            if (target := _project_target(name)) and target != module:
                yield target, node.lineno


def unit_of(module: str) -> str:
    return next(unit for unit in UNITS if module == unit or module.startswith(unit + "."))


GRAPH = {module: sorted(set(imports_of(module))) for module in MODULES}


@pytest.mark.parametrize("library", LIBRARIES)
def test_libraries_import_nothing_of_the_project_but_themselves(library):
    broken = [
        f"{module}:{line} imports {target}"
        for module, targets in GRAPH.items()
        if unit_of(module) == library
        for target, line in targets
        if unit_of(target) != library
    ]
    assert not broken, "\n".join(broken)


def test_apps_do_not_import_the_project_package():
    """Apps use cms.core and each other's small functions, never the settings or URL conf."""
    broken = [
        f"{module}:{line} imports {target}"
        for module, targets in GRAPH.items()
        if unit_of(module) in APPS or unit_of(module).startswith("assets_directory")
        for target, line in targets
        if unit_of(target) in ("cms", "cms.settings")
    ]
    assert not broken, "\n".join(broken)


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from `start` back to itself, if there is one (depth-first)."""
    stack, seen = [(start, [start])], set()
    while stack:
        module, trail = stack.pop()
        for target, _ in GRAPH.get(module, ()):
            if target == start:
                return [*trail, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*trail, target]))
    return None


def test_the_import_graph_has_no_circle():
    cycles = {" -> ".join(cycle) for module in GRAPH if (cycle := _cycle_from(module))}
    assert not cycles, "\n".join(sorted(cycles))


def test_the_walker_sees_function_level_and_relative_imports(tmp_path):
    """The rules above can fail: a circle hidden in a function body is found."""
    source = "def f():\n    from .views import page\n    import search.engine\n"
    tree = ast.parse(source)
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    path = ROOT / "consultations" / "models.py"
    assert _resolve("consultations.models", path, node) == "consultations.views"
    assert _project_target("search.engine.get_engine") == "search.engine"
    assert _project_target("django.db.models") is None
