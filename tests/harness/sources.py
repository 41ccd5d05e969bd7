"""The Python sources of the test suite and the benchmarks, parsed, for tests about the suite itself."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT

TESTS = ROOT / "tests"
BENCHMARKS = ROOT / "benchmarks"


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # the dotted name as written ("" for ``from . import x``)
    level: int  # 0 for an absolute import, the number of leading dots otherwise


def python_files(*roots: Path) -> list[Path]:
    """Every ``.py`` file below ``roots``, fixture data excluded (it is input, not code we import)."""
    found: list[Path] = []
    for root in roots:
        found.extend(p for p in root.rglob("*.py") if "fixtures" not in p.relative_to(root).parts)
    return sorted(found)


def imports(path: Path) -> Iterator[Import]:
    """Every import statement in ``path``, lazy ones inside functions included."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name, 0)
        elif isinstance(node, ast.ImportFrom):
            yield Import(path, node.lineno, node.module or "", node.level)


def where(item: Import) -> str:
    return f"{item.file.relative_to(ROOT)}:{item.line}"
