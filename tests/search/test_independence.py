"""`search/` is an engine library: the directory depends on it, never the other way round."""

import ast
from pathlib import Path

import search

APPS = ("assets_directory", "ambassadors", "consultations", "cms.publications", "cms.accounts")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_search_imports_no_app():
    root = Path(search.__file__).parent
    offending = {
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        for name in _imported_modules(path)
        if name.startswith(APPS)
    }
    assert offending == set()
