"""The house rules of docs/architecture.md, checked on the code itself.

The import floors are import-linter's contracts (``pyproject.toml``, ``make lint``); these
tests add what it does not check: no import cycle at all among the project's modules
(imports inside functions included), no import inside a function, no module over 500 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "vsi_portal",
    "notifications",
    "associations",
    "volunteers",
    "missions",
    "privacy",
    "demo",
)
# Tools that start Django themselves: they import the apps inside functions, after setup.
TOOLS = ("bench", "loadcheck", "scripts")
MAX_LINES = 500


def _python_files(*folders: str) -> list[Path]:
    files = []
    for folder in folders:
        files += [path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]
    return sorted(files)


def _function_imports(path: Path) -> list[str]:
    """``file:line`` of every import inside a function, but ``AppConfig.ready()``'s.

    Django loads an app's models only once the registry is ready, so ``ready()`` is where
    an app connects to others; everything else imports at the top of its module.
    """
    found = []
    tree = ast.parse(path.read_text(), filename=str(path))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready" and path.name == "apps.py":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    def visit(module: str) -> None:
        nonlocal counter
        index[module] = low[module] = counter
        counter += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_of_the_project_is_over_500_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _python_files(*APPS, *TOOLS, "tests")
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_the_apps_import_nothing_inside_a_function():
    found = [place for path in _python_files(*APPS) for place in _function_imports(path)]
    assert found == []


def test_no_import_cycle_among_the_apps_modules():
    graph = grimp.build_graph(*APPS)
    for module in list(graph.modules):
        if ".migrations" in module:
            graph.remove_module(module)
    assert _cycles(graph) == []
