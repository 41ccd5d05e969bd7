"""A tenant template is wired into a field the target release has, and refused where it would go unused (B6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from receivers_cli.alertmanager.versions import KNOWN_VERSIONS, format_version
from receivers_cli.integrations import catalog
from receivers_cli.render.templates import template_kinds

TENANT = """\
t:
  metadata: {name: T}
  receivers:
    - {name: m, channel_type: mattermost, config: {webhook_url: "https://h.example.com/x"}}
  templates:
    mattermost: {title: "MT {{ .Status }}", text: "MX"}
"""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "receivers_cli.cli.app", *args], cwd=root, capture_output=True,
                          text=True, timeout=60, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("version", ["0.32", "0.33", "0.34"])
def test_mattermost_title_is_wired_from_0_32(version: str, tmp_path: Path) -> None:
    (tmp_path / "tenants").mkdir()
    (tmp_path / "tenants" / "t.yaml").write_text(TENANT, "utf-8")
    done = run(tmp_path, "render", "--out", "out", "--alertmanager-version", version)
    assert done.returncode == 0, done.stdout + done.stderr
    config = (tmp_path / "out" / "alertmanager.yml").read_text("utf-8")
    assert "title: '{{ template \"t/mattermost.title\" . }}'" in config


@pytest.mark.parametrize("version", ["0.30", "0.31"])
def test_mattermost_title_is_refused_before_0_32_where_it_would_go_unused(version: str, tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TENANT, "utf-8")
    done = run(tmp_path, "validate", "--format", "json", "t.yaml", "--alertmanager-version", version)
    assert done.returncode == 1, done.stdout + done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert [(p["rule"], p["line"]) for p in problems] == [("R151", 6)], problems
    assert "newer Alertmanager" in problems[0]["hint"]


@pytest.mark.parametrize("version", KNOWN_VERSIONS, ids=format_version)
def test_every_template_part_a_tenant_may_write_is_used(version: tuple[int, int]) -> None:
    """No kind is offered whose native field the release lacks; webhook and incidentio take none."""
    for channel, integration in catalog().items():
        if integration.since > version:
            continue
        wired = set(integration.template_targets(version).values()) | set(integration.default_templates)
        assert template_kinds(channel, version) == wired
    assert not template_kinds("webhook", version) and not template_kinds("incidentio", version)
