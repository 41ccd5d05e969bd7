"""``validate_project`` returns problems and changes nothing (Project is frozen): a call whose result
is dropped validates nothing. Every caller must use the result, or take ``validated(project)``."""

from __future__ import annotations

import ast

from tests.harness.sources import BENCHMARKS, TESTS, python_files
from tests.helpers import ROOT


def test_no_call_drops_the_result_of_validate_project() -> None:
    dropped = []
    files = python_files(TESTS, BENCHMARKS, ROOT / "receivers_cli")
    assert len(files) > 100  # the scan sees the code
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                func = node.value.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "validate_project":
                    dropped.append(f"{path}:{node.lineno}")
    allowed = {p for p in dropped if p.endswith("test_api_facade.py:38")}  # asserts render still validates
    assert sorted(set(dropped) - allowed) == []
