"""An observer's min_severity off the ladder is refused by validate, located, and render says the
same (it used to pass validate and crash render with ``internal error: ValueError``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "validation" / "observer-severity"
runner = CliRunner()


@pytest.mark.parametrize("command", [["validate"], ["render"], ["render", "--check"], ["routes", "show"], ["test"]])
def test_unknown_observer_severity_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    monkeypatch.chdir(repo)
    result = runner.invoke(app, command)
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "receivers.yaml:9:19: error R111 unknown severity 'crit' for observer 'noc'" in output
    assert "did you mean 'critical'?" in output
    assert "internal error" not in output and "Traceback" not in output
    assert not (repo / "rendered").exists()


def test_a_severity_on_a_custom_ladder_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    config = repo / "receivers.yaml"
    config.write_text(config.read_text("utf-8") + "severities: [low, crit]\n", "utf-8")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "severity=\"crit\"" in (repo / "rendered" / "alertmanager.yml").read_text("utf-8")
