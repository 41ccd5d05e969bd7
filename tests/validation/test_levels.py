"""Validation levels compose (strict refuses everything standard and basic refuse), and render never
runs below the standard level (basic has no typed models, so it would render no tenant at all)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.api import load_project, validate_project
from receivers_cli.cli.app import app
from receivers_cli.errors import ProblemsError
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule, all_rules, snippets

ROOT = Path(__file__).resolve().parents[2]
REFUSED = ROOT / "tests" / "fixtures" / "refused"
LEVELS = [ValidationLevel.BASIC, ValidationLevel.STANDARD, ValidationLevel.STRICT]
RULES = [r for r in all_rules() if r.testable and snippets(r.doc, "FAIL")]


def errors_at(level: ValidationLevel, files: dict[str, str], root: Path) -> set[str]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    (root / "tenants").mkdir(exist_ok=True)
    try:
        project = load_project([root / "tenants"], root / "receivers.yaml", level=level)
        problems = validate_project(project, level)
    except ProblemsError as exc:
        problems = exc.problems
    return {p.rule for p in problems}  # errors and warnings: each level reports what the lower ones do


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_each_level_refuses_what_the_levels_below_refuse(rule: Rule, tmp_path: Path) -> None:
    files = snippets(rule.doc, "FAIL")
    found = [errors_at(level, files, tmp_path / level.value) for level in LEVELS]
    assert found[0] <= found[1] <= found[2], dict(zip([lv.value for lv in LEVELS], found, strict=True))
    assert rule.id in found[LEVELS.index(rule.level)] or rule.stage != "rules"


def test_levels_include_each_other() -> None:
    assert ValidationLevel.STRICT.includes(ValidationLevel.STANDARD)
    assert ValidationLevel.STRICT.includes(ValidationLevel.BASIC)
    assert not ValidationLevel.BASIC.includes(ValidationLevel.STANDARD)


def render(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["render", "--out", "out"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output + result.stderr


def basic_repo(tmp_path: Path, *tenant_files: Path) -> Path:
    (tmp_path / "tenants").mkdir()
    (tmp_path / "receivers.yaml").write_text("validation_level: basic\n", "utf-8")
    for file in tenant_files:
        shutil.copy(file, tmp_path / "tenants" / file.name)
    return tmp_path


def test_render_at_basic_renders_every_tenant_and_says_it_checked_at_standard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = basic_repo(tmp_path, *sorted((ROOT / "tenants").glob("*.yaml")))
    platform = (ROOT / "receivers.yaml").read_text("utf-8")
    (root / "receivers.yaml").write_text(platform + "\nvalidation_level: basic\n", "utf-8")
    for env_line in (ROOT / "tenants" / "demo.env").read_text("utf-8").splitlines():
        if "=" in env_line and not env_line.startswith("#"):
            name, _, value = env_line.partition("=")
            monkeypatch.setenv(name.strip(), value.strip())
    code, output = render(root, monkeypatch)
    assert code == 0, output
    tenants = len(list((ROOT / "tenants").glob("*.yaml")))
    assert f"rendered {tenants} tenants" in output
    assert "validation_level basic applies to `receivers validate`; render checks at the standard level" in output


def test_render_at_basic_still_refuses_what_alertmanager_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = basic_repo(tmp_path, REFUSED / "group-interval-zero.yaml")
    code, output = render(root, monkeypatch)
    assert code == 1
    assert "R163" in output
    assert not (root / "out").exists()


def test_validate_at_basic_checks_structure_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = basic_repo(tmp_path, REFUSED / "group-interval-zero.yaml")
    monkeypatch.chdir(root)
    assert CliRunner().invoke(app, ["validate"]).exit_code == 0
    assert CliRunner().invoke(app, ["validate", "--level", "standard"]).exit_code == 1
    assert CliRunner().invoke(app, ["validate", "--level", "strict"]).exit_code == 1
