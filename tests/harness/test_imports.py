"""One import path for every test helper: ``tests.<package>.<module>``, never a bare or relative name.

pytest imports a test folder without ``__init__.py`` under its basename, so the same helper could load
twice under two names (``amtool_support`` and ``tests.routing.amtool_support``), with two copies of its
state. Every folder is a package, every import of a test module is absolute, and helpers live in modules,
never in ``conftest`` (pytest owns conftest modules: importing one by name loads it a second time).
"""

from __future__ import annotations

import ast
import sys

from tests.harness.sources import TESTS, imports, python_files, where

# Basenames of our own modules: written bare, they would only resolve through pytest's sys.path insertion.
OWN_MODULES = {p.stem for p in python_files(TESTS) if p.stem != "__init__"} - set(sys.stdlib_module_names)


def test_every_test_folder_is_a_package() -> None:
    folders = {p.parent for p in python_files(TESTS)}
    missing = sorted(str(f.relative_to(TESTS)) for f in folders if not (f / "__init__.py").is_file())
    assert not missing, f"add __init__.py to: {missing}"


def test_test_modules_are_imported_by_their_one_absolute_name() -> None:
    wrong = []
    for path in python_files(TESTS):
        for item in imports(path):
            top = item.module.split(".")[0]
            if item.level > 0:
                wrong.append(f"{where(item)}: relative import (write `from tests.… import …`)")
            elif top in OWN_MODULES:
                wrong.append(f"{where(item)}: `{item.module}` is a test module: import it as tests.<package>.{top}")
    assert not wrong, "\n".join(wrong)


def test_nothing_imports_a_conftest() -> None:
    wrong = [
        where(item)
        for path in python_files(TESTS)
        for item in imports(path)
        if "conftest" in item.module.split(".")
    ]
    assert not wrong, f"helpers belong in a module (tests/tools.py, tests/helpers.py, …), not conftest: {wrong}"


def test_conftest_files_hold_only_fixtures_and_hooks() -> None:
    """A function or class defined in a conftest is a helper in the wrong place."""
    wrong = []
    for path in python_files(TESTS):
        if path.name != "conftest.py":
            continue
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ClassDef):
                wrong.append(f"{path.relative_to(TESTS)}:{node.lineno}: class {node.name}")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                fixture = any("fixture" in ast.unparse(d) for d in node.decorator_list)
                if not fixture and not node.name.startswith("pytest_"):
                    wrong.append(f"{path.relative_to(TESTS)}:{node.lineno}: def {node.name}")
    assert not wrong, f"move these helpers into a module: {wrong}"


def test_every_package_folder_is_a_regular_package() -> None:
    """setuptools' package discovery skips a folder without ``__init__.py``: an editable install still
    imports it (namespace package), but the wheel users install would lack it (render/ and
    validation/ once did)."""
    from tests.helpers import ROOT

    package = ROOT / "receivers_cli"
    folders = {p.parent for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file())
    assert not missing, f"add __init__.py to: {missing}"


def test_no_link_out_of_the_repository_is_committed() -> None:
    """A worktree's ``.cache`` link to another checkout was committed twice by feature branches; checked
    out over the real folder it became a link to itself and took the fetched Alertmanager releases."""
    import subprocess

    import pytest

    from tests.helpers import ROOT

    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    links = [line.split("\t", 1)[1] for line in listed.stdout.splitlines() if line.startswith("120000 ")]
    outside = [p for p in links if not (ROOT / p).resolve().is_relative_to(ROOT.resolve())]
    assert not outside, f"committed links leading out of the repository: {outside}"
    assert ".cache" not in links
