"""``receivers diff``: per-tenant changes and routing differences, secrets never shown."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.render.envfile import read_env_file
from tests.helpers import ROOT, render_repo

runner = CliRunner()
ENV = read_env_file(ROOT / "tenants" / "demo.env")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def two_outputs(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants")
    render_repo(tmp_path / "tenants", ROOT / "receivers.yaml", tmp_path / "old", ENV)
    checkout = tmp_path / "tenants" / "checkout.yaml"
    _edit(checkout, "      min_severity: error\n      match:", "      min_severity: warning\n      match:")
    _edit(checkout, '"#checkout-alerts"', '"#checkout"')
    env = {**ENV, "CHECKOUT_PD_KEY": "a-rotated-pagerduty-key-0000"}
    render_repo(tmp_path / "tenants", ROOT / "receivers.yaml", tmp_path / "new", env)
    return tmp_path / "old", tmp_path / "new"


def test_diff_names_changes_per_tenant_and_routing_differences(two_outputs: tuple[Path, Path]) -> None:
    old, new = two_outputs
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 tenant changed" in out and "checkout:" in out
    assert "~ receiver checkout/chat (slack_configs.channel)" in out
    assert "~ receiver checkout/pager (pagerduty_configs.routing_key)" in out
    labels = "{tenant=checkout,severity=warning,component=database}"
    assert f"{labels}: checkout/chat -> checkout/chat,checkout/db-tickets" in out
    assert "a-rotated-pagerduty-key-0000" not in out and ENV["CHECKOUT_PD_KEY"] not in out


def test_diff_markdown_and_json_formats(two_outputs: tuple[Path, Path]) -> None:
    old, new = two_outputs
    markdown = runner.invoke(app, ["diff", str(old), str(new), "--format", "markdown"]).stdout
    assert markdown.startswith("### receivers diff") and "| labels | before | after |" in markdown
    data = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--format", "json"]).stdout)
    (tenant,) = data["tenants"]
    assert tenant["tenant"] == "checkout" and tenant["routing"][0]["new"][-1] == "checkout/db-tickets"
    assert runner.invoke(app, ["diff", str(old), str(new), "--exit-code"]).exit_code == 1
    assert runner.invoke(app, ["diff", str(old), str(old), "--exit-code"]).exit_code == 0


def test_diff_between_git_revisions_needs_no_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tenants", repo / "tenants")
    shutil.copy(ROOT / "receivers.yaml", repo / "receivers.yaml")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    _edit(repo / "tenants" / "search.yaml", "min_severity: error", "min_severity: critical")
    git("commit", "-qam", "two")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", "HEAD~1", "HEAD"], env={k: "" for k in ENV})
    assert result.exit_code == 0, result.output
    assert "search:" in result.stdout
    assert "{tenant=search,severity=error}: search/telegram,search/everything -> search/everything" in result.stdout
