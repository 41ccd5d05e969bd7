"""Every third-party package the tests and benchmarks import is declared in pyproject.toml.

A package that happens to be installed (pulled in by another tool, left over in a virtualenv) lets the
suite pass here and fail on a fresh machine. Each import is mapped to the distribution that provides it
and that distribution must be a runtime dependency or in the ``dev`` extra.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.harness.sources import BENCHMARKS, TESTS, imports, python_files, where
from tests.helpers import ROOT

# Our own top-level names: the package, the test suite, and the benchmark scripts importing each other.
LOCAL = {"receivers_cli", "tests", *(p.stem for p in python_files(BENCHMARKS))}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    """Distribution names in ``dependencies`` and the ``dev`` extra, normalized (PEP 503)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return {_normalize(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}


def third_party() -> dict[str, list[str]]:
    """Top-level module name → where it is imported, for every non-stdlib, non-local import."""
    found: dict[str, list[str]] = {}
    for path in python_files(TESTS, BENCHMARKS):
        for item in imports(path):
            top = item.module.split(".")[0]
            if item.level or not top or top in LOCAL or top in sys.stdlib_module_names or top == "__future__":
                continue
            found.setdefault(top, []).append(where(item))
    return found


def test_pyproject_names_the_tools_the_suite_runs_with() -> None:
    assert {"pytest", "hypothesis", "ruff", "mypy", "pre-commit"} <= declared()


def test_every_third_party_import_is_declared() -> None:
    providers = packages_distributions()
    wanted = declared()
    undeclared = []
    for module, places in sorted(third_party().items()):
        distributions = {_normalize(d) for d in providers.get(module, [])}
        if not distributions & wanted:
            what = ", ".join(sorted(distributions)) or "not installed"
            undeclared.append(f"{module} ({what}) imported at {places[0]}")
    assert not undeclared, "declare these in pyproject.toml (dev extra for test-only packages):\n" + "\n".join(
        undeclared
    )


def test_the_check_sees_the_imports_it_guards() -> None:
    """The scan is not vacuous: it finds the packages the suite is known to import."""
    assert {"pytest", "hypothesis", "typer", "ruamel"} <= set(third_party())
