"""The package imports in one direction: no module of receivers_cli reaches itself through imports.

Every ``import`` counts, at module level and inside functions (a lazy import is still a dependency,
it only hides a cycle until some call order trips over it). Imports under ``if TYPE_CHECKING:``
never run and are left out. Importing ``a.b.c`` also runs the ``__init__`` of ``a`` and ``a.b``, so
those are edges too, except the packages the importing module itself lives in (a package's
``__init__`` importing its own submodules is how re-exports work, not a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import receivers_cli

PACKAGE = Path(receivers_cli.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["receivers_cli", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """The dotted names ``tree`` imports (submodule names where ``from x import y`` names one)."""
    names: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        own_packages = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)}
        for target in _imported(ast.parse(path.read_text("utf-8")), name, path.name == "__init__.py"):
            if target not in modules:
                continue  # another project's module, or a name imported from a module (its base is added)
            parts = target.split(".")
            for i in range(1, len(parts) + 1):
                dependency = ".".join(parts[:i])
                if dependency in modules and dependency not in own_packages and dependency != name:
                    graph[name].add(dependency)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = walk(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = walk(start)
            if found:
                return found
    return None


def test_the_graph_sees_lazy_imports() -> None:
    # A guard for the guard: the CLI imports the API inside its command functions.
    graph = import_graph()
    assert any(target.startswith("receivers_cli.api") for target in graph["receivers_cli.cli.render"])


def test_find_cycle_reports_the_path() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
