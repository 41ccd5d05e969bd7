"""Every command, for every channel type in the catalog, with the catalog's own example.

A new integration is covered here without editing this file: the parameters come from the catalog.
Each tenant file uses the example as its receiver's config, once as a tenant receiver and once as a
platform receiver; every command must answer (exit 0), never fail with an internal error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer import Typer
from typer.testing import CliRunner

from receivers_cli.alertmanager.versions import format_version
from receivers_cli.integrations import catalog
from tests.repos import make_repo

runner = CliRunner()
TYPES = sorted(catalog())


def _repo(root: Path, channel_type: str) -> Path:
    integration = catalog()[channel_type]
    version = max(integration.since, (0, 25))
    tenant = {"t": {
        "metadata": {"name": "T"},
        "receivers": [{"name": "r", "channel_type": channel_type, "config": integration.example}],
        "tests": [{"labels": {"alertname": "A", "severity": "critical"}, "expect": ["r"]}],
    }}
    platform = {
        "alertmanager_version": format_version(version),
        "receivers": [{"name": "p", "channel_type": channel_type, "config": integration.example}],
        "observers": [{"receiver": "p", "min_severity": "critical"}],
    }
    return make_repo(root, tenant, platform)


@pytest.mark.parametrize("channel_type", TYPES)
def test_every_command_answers_for_every_channel_type(
    channel_type: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path / "repo", channel_type)
    monkeypatch.chdir(repo)
    commands = [
        ["validate"],
        ["render", "--out", "out"],
        ["render", "--out", "out", "--check"],
        ["routes", "show"],
        ["routes", "show", "--tenant", "t"],
        ["routes", "test", "tenant=t", "severity=critical"],
        ["routes", "test", "--format", "json", "tenant=t", "severity=critical"],
        ["test"],
        ["diff", "out", "out"],
    ]
    for args in commands:
        result = runner.invoke(app_obj(), args)
        output = result.output
        assert "internal error" not in output, f"receivers {' '.join(args)}: {output}"
        assert result.exit_code == 0, f"receivers {' '.join(args)} exited {result.exit_code}: {output}"
    shown = runner.invoke(app_obj(), ["routes", "test", "tenant=t", "severity=critical"]).output
    assert "t/r" in shown and "_platform/p" in shown


def app_obj() -> Typer:
    from receivers_cli.cli.app import app

    return app


def test_jira_object_form_renders_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jira summary as {template, enable_update} (issue 12 B1) is the tenant's own value: it is kept,
    never replaced by the tenant template, and never crashes render."""
    tenant = {"t": {"metadata": {"name": "T"}, "receivers": [{"name": "j", "channel_type": "jira", "config": {
        "api_url": "https://example.atlassian.net/rest/api/2/", "project": "OPS", "issue_type": "Bug",
        "summary": {"template": "{{ .CommonLabels.alertname }}", "enable_update": True}}}]}}
    (tmp_path / "tenants").mkdir()
    (tmp_path / "tenants" / "t.yaml").write_text(json.dumps(tenant), encoding="utf-8")
    (tmp_path / "receivers.yaml").write_text('alertmanager_version: "0.33"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app_obj(), ["render", "--out", "out"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "alertmanager.yml").read_text(encoding="utf-8")
    assert "enable_update: true" in text and "{{ .CommonLabels.alertname }}" in text


@pytest.mark.parametrize(("version", "summary", "found"), [
    ("0.29", {"template": "{{ .Status }}", "enable_update": True}, "R201"),  # the mapping came with 0.30
    ("0.29", "{{ .Status }}", None),
    ("0.30", {"template": "{{ .Status }}", "enable_update": True}, None),
    ("0.33", {"template": "x", "enable_upate": True}, "R101"),  # a typo in the mapping
    ("0.33", {"template": "x", "enable_update": "yes"}, "R102"),  # Go reads a bool only
    ("0.33", {"template": '{{ template "other/title" . }}'}, "R150"),  # the nested template is scoped too
])
def test_jira_text_forms_per_version(version: str, summary: object, found: str | None, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    tenant = {"t": {"metadata": {"name": "T"}, "receivers": [{"name": "j", "channel_type": "jira", "config": {
        "api_url": "https://example.atlassian.net/rest/api/2/", "project": "OPS", "issue_type": "Bug",
        "summary": summary}}]}}
    (tmp_path / "tenants").mkdir()
    (tmp_path / "tenants" / "t.yaml").write_text(json.dumps(tenant), encoding="utf-8")
    (tmp_path / "receivers.yaml").write_text(f'alertmanager_version: "{version}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app_obj(), ["validate"])
    if found is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1 and f"error {found}" in result.output, result.output
