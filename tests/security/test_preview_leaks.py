"""Attack class: a hostile tenant file turning ``receivers preview`` (run by an operator, with the
environment and key at hand) into a leak: variable values or decrypted secrets in the output, or
field values that amtool reads as its own flags (another data file, other template globs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.repos import make_repo
from tests.tools import require_tool

runner = CliRunner()
CANARY = "canary-7f3e9a1c-value"


def hostile_repo(root: Path) -> Path:
    tenant = {
        "metadata": {"name": "Evil"},
        "receivers": [{
            "name": "chat",
            "channel_type": "slack",
            "config": {
                "api_url": "${EVIL_WEBHOOK}",
                "footer": "--template.glob=/etc/passwd",
                "title": '{{ "--template.data=/etc/shadow" }} ${EVIL_TOKEN}',
                "text": "${EVIL_WEBHOOK}",
            },
        }],
    }
    platform = {"alertmanager_version": "0.25", "variables": {"tenants": {"evil": ["EVIL_*"]}}}
    return make_repo(root, {"evil": tenant}, platform)


@pytest.mark.amtool
@pytest.mark.parametrize("output", ["text", "json"])
def test_preview_never_resolves_variables_and_passes_no_flags(tmp_path: Path, output: str) -> None:
    amtool = require_tool("amtool")
    repo = hostile_repo(tmp_path)
    result = runner.invoke(
        app,
        ["preview", "evil", "--format", output, "--amtool", amtool,
         "--tenants", str(repo / "tenants"), "--config", str(repo / "receivers.yaml")],
        env={"EVIL_TOKEN": CANARY, "EVIL_WEBHOOK": f"https://hooks.slack.com/{CANARY}"},
    )
    assert result.exit_code == 0, result.output
    assert CANARY not in result.stdout + result.stderr
    if output == "json":
        fields = {f["field"]: f["rendered"] for f in json.loads(result.stdout)["receivers"][0]["fields"]}
        # Literal text, not a flag amtool read: its own title is still the template's output.
        assert fields["footer"] == "--template.glob=/etc/passwd"
        assert fields["title"] == "--template.data=/etc/shadow ${EVIL_TOKEN}"
        assert fields["text"] == "${EVIL_WEBHOOK}"
        assert "api_url" not in fields
        assert "root:" not in result.stdout
