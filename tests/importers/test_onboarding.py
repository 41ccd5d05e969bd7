"""``receivers init`` and ``receivers tenant new``: what they write validates and passes its tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli import integrations
from receivers_cli.cli.app import app


def test_init_scaffolds_a_repository_that_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(tmp_path / "repo")])
    assert result.exit_code == 0, result.output
    repo = tmp_path / "repo"
    for name in ("receivers.yaml", "tenants/example.yaml", "ci/github-actions.yml", ".gitignore"):
        assert (repo / name).is_file(), name
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["validate"]).exit_code == 0
    tested = runner.invoke(app, ["test"])
    assert tested.exit_code == 0 and "1 passed" in tested.output
    again = runner.invoke(app, ["init", str(repo)])
    assert again.exit_code == 1 and "nothing written" in again.output


@pytest.mark.parametrize("channel", sorted(integrations.catalog()))
def test_tenant_new_validates_for_every_channel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, channel: str) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["tenant", "new", "team-a", "--channel", channel])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "tenants" / "team-a.yaml").read_text()
    assert text.startswith("# Tenant file of team-a")
    checked = runner.invoke(app, ["validate"])
    assert checked.exit_code == 0, checked.output
    assert runner.invoke(app, ["tenant", "new", "team-a"]).exit_code == 1  # never overwritten


@pytest.mark.parametrize("args", [["tenant", "new", "Bad_Id"], ["tenant", "new", "ok", "--channel", "slak"]])
def test_tenant_new_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, args).exit_code == 2
    assert not (tmp_path / "tenants").exists()
