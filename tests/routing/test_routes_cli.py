"""``receivers routes test/show`` answer from the tenant files exactly as amtool does on the render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.render.envfile import read_env_file
from tests.helpers import ROOT, render_repo
from tests.tools import amtool_routes

runner = CliRunner()
REPO = ["--tenants", str(ROOT / "tenants"), "--config", str(ROOT / "receivers.yaml")]
LABEL_SETS = [
    {"tenant": "checkout", "severity": "critical", "component": "database"},
    {"tenant": "checkout", "severity": "info"},
    {"tenant": "search"},
    {"tenant": "spotify-premium", "severity": "critical"},
    {"tenant": "payments", "severity": "warning"},
    {"tenant": "ghost", "severity": "critical"},
    {},
]


@pytest.mark.amtool
@pytest.mark.parametrize("labels", LABEL_SETS)
def test_routes_test_agrees_with_amtool_and_needs_no_secrets(tmp_path: Path, labels: dict[str, str]) -> None:
    env = read_env_file(ROOT / "tenants" / "demo.env")
    render_repo(ROOT / "tenants", ROOT / "receivers.yaml", tmp_path / "out", env)
    expected = amtool_routes(tmp_path / "out" / "alertmanager.yml", labels)
    args = [f"{k}={v}" for k, v in labels.items()] or ["alertname=x"]
    result = runner.invoke(app, ["routes", "test", *args, *REPO], env={"PD_INTEGRATION_PREMIUM_CRITICAL": ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().split(",") == expected


def test_routes_test_verify_and_json_source_lines() -> None:
    ok = runner.invoke(app, ["routes", "test", "tenant=checkout", "severity=warning", "--verify", "checkout/chat",
                             *REPO])
    assert ok.exit_code == 0
    bad = runner.invoke(app, ["routes", "test", "tenant=checkout", "severity=warning", "--verify", "checkout/pager",
                              *REPO])
    assert bad.exit_code == 1 and "did not match" in bad.stdout
    data = json.loads(runner.invoke(app, ["routes", "test", "tenant=checkout", "severity=critical", "--format", "json",
                                          *REPO]).stdout)
    sources = {r["receiver"]: r["source"] for r in data["receivers"]}
    assert sources["checkout/pager"] == "tenants/checkout.yaml:19" or sources["checkout/pager"].endswith(
        "checkout.yaml:19"
    )
    assert data["receivers"][0]["route"][1] == '{tenant="checkout"}'


def test_routes_show_prints_the_tenant_subtree_with_file_lines() -> None:
    result = runner.invoke(app, ["routes", "show", "--tenant", "checkout", *REPO], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert 'receiver: checkout/pager' in result.stdout and "checkout.yaml:19" in result.stdout
    assert "search/" not in result.stdout


def test_routes_test_refuses_a_label_that_is_not_label_equals_value() -> None:
    result = runner.invoke(app, ["routes", "test", "severity=~crit", *REPO])
    assert result.exit_code == 2


def test_cached_routing_view_follows_every_change_of_the_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setenv("RECEIVERS_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants")
    repo = ["--tenants", str(tmp_path / "tenants"), "--config", str(ROOT / "receivers.yaml")]
    ask = ["routes", "test", "tenant=search", "severity=error", *repo]
    assert runner.invoke(app, ask).stdout.strip() == "search/telegram,search/everything"
    assert list((tmp_path / "cache").glob("routes-*.json")), "the first answer fills the cache"
    assert runner.invoke(app, ask).stdout.strip() == "search/telegram,search/everything"
    search = tmp_path / "tenants" / "search.yaml"
    search.write_text(search.read_text().replace("min_severity: error", "min_severity: critical"))
    assert runner.invoke(app, ask).stdout.strip() == "search/everything"
    search.write_text(search.read_text().replace("channel_type: webhook", "channel_type: webhok"))
    for _ in range(2):  # invalid input is never answered from the cache
        result = runner.invoke(app, ask)
        assert result.exit_code == 1 and "R110" in result.output


def test_cache_holds_no_secret_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECEIVERS_CACHE_DIR", str(tmp_path / "cache"))
    env = read_env_file(ROOT / "tenants" / "demo.env")
    monkeypatch.setenv("CHECKOUT_PD_KEY", env["CHECKOUT_PD_KEY"])
    assert runner.invoke(app, ["routes", "test", "tenant=checkout", *REPO]).exit_code == 0
    (entry,) = (tmp_path / "cache").glob("routes-*.json")
    text = entry.read_text()
    assert all(value not in text for value in env.values())
    assert "routing_key" not in text and "api_url" not in text


def test_render_leaves_the_routing_view_for_the_next_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECEIVERS_CACHE_DIR", str(tmp_path / "cache"))
    repo = ["--tenants", str(ROOT / "tenants"), "--config", str(ROOT / "receivers.yaml")]
    rendered = runner.invoke(app, ["render", *repo, "--env-file", str(ROOT / "tenants" / "demo.env"),
                                   "--out", str(tmp_path / "out")])
    assert rendered.exit_code == 0, rendered.output
    (entry,) = (tmp_path / "cache").glob("routes-*.json")
    text = entry.read_text()
    assert all(value not in text for value in read_env_file(ROOT / "tenants" / "demo.env").values())
    answer = runner.invoke(app, ["routes", "test", "tenant=checkout", "severity=critical", *repo])
    assert answer.stdout.strip() == "checkout/chat,checkout/pager"
    assert list((tmp_path / "cache").glob("routes-*.json")) == [entry], "answered from the render's entry"
