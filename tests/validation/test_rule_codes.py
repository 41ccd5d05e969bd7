"""Rule ids and the catalogue cannot drift: every code comes from ``receivers_cli.codes``.

The guard reads the whole package (no folder skipped): a bare id literal such as ``"R301"`` is
refused anywhere outside ``codes.py`` (mypy refuses a ``str`` where a Problem wants a ``Code``; this
catches the literal before it could be smuggled through ``Code``'s own constructor), every
catalogued code is emitted by some module, and every code has a real explanation reachable through
``receivers validate --explain`` and ``receivers rules``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli import codes
from receivers_cli.cli.app import app
from receivers_cli.validation.rules import Rule, all_rules, find

PACKAGE = Path(__file__).resolve().parents[2] / "receivers_cli"
CODES_FILE = PACKAGE / "codes.py"
ID = re.compile(r"[RSTD][0-9]{3}")
CATALOGUE = all_rules()


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text("utf-8")) for path in sorted(PACKAGE.rglob("*.py")) if path != CODES_FILE}


MODULES = _modules()


def test_guard_reads_every_folder_of_the_package() -> None:
    folders = {path.parent.relative_to(PACKAGE).parts[:1] for path in MODULES}
    assert {("secrets",), ("render",), ("validation",), ("loading",), ("cli",)} <= folders


def test_no_bare_rule_id_literal_in_the_package() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}"
        for path, tree in MODULES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ID.fullmatch(node.value)
    ]
    assert found == [], "use the Code from receivers_cli.codes, not a string"


def _importers() -> dict[str, set[Path]]:
    """Code id → the modules that import it from ``receivers_cli.codes``."""
    users: dict[str, set[Path]] = {}
    for path, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "receivers_cli.codes":
                for alias in node.names:
                    users.setdefault(alias.name, set()).add(path)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                users.setdefault(node.attr, set()).add(path)
    return users


def test_every_catalogued_code_is_emitted() -> None:
    users = _importers()
    rules_dir = PACKAGE / "validation" / "rules"
    never: list[str] = []
    for rule in CATALOGUE:
        own = rules_dir / f"{rule.name.replace('-', '_')}.py"
        elsewhere = users.get(rule.id, set()) - {own}
        # A rule with a check emits through RULE.id (its FAIL snippet proves it, test_rule_catalogue);
        # any other code must be used by a module besides the one that documents it.
        if rule.check is None and not elsewhere:
            never.append(rule.id)
    assert never == []


def test_codes_and_catalogue_are_the_same_set() -> None:
    assert [r.id for r in CATALOGUE] == [c.id for c in codes.all_codes()]
    for rule in CATALOGUE:
        assert rule.id is codes.by_id(rule.id), "the catalogue holds the Code objects themselves"


def test_constants_are_named_by_their_id() -> None:
    for name, value in vars(codes).items():
        if isinstance(value, codes.Code):
            assert name == value.id


def test_a_code_is_defined_once() -> None:
    with pytest.raises(ValueError, match="twice"):
        codes.Code("R001", "again")


def test_every_code_has_a_real_explanation() -> None:
    names = [r.name for r in CATALOGUE]
    assert len(names) == len(set(names)), "names are unique, so --explain NAME finds one"
    for rule in CATALOGUE:
        assert rule.summary and rule.stage
        body = rule.doc.split("\n", 1)[1] if "\n" in rule.doc else ""
        assert len(body.strip()) > 80, f"{rule.id} needs an explanation, not only a title"


@pytest.mark.parametrize("rule", CATALOGUE, ids=[r.id for r in CATALOGUE])
def test_explain_works_for_every_catalogued_id(rule: Rule, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    rule_id = rule.id
    for asked in (rule_id, rule_id.lower(), rule.name):
        result = CliRunner().invoke(app, ["validate", "--explain", asked])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{rule_id} {rule.name} (")
        assert rule.doc.strip() in result.output
    assert find(rule_id) is rule


def test_rules_lists_every_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()[1:]]
    assert listed == [c.id for c in codes.all_codes()]
