"""Values the platform file takes from ${VAR} are checked once known, like a tenant's (issue 17).

A bad value is a located error in receivers.yaml, never an output Alertmanager refuses, and the
message never quotes the value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.repos import make_repo

TENANT = {"t": {"metadata": {"name": "T"},
                "receivers": [{"name": "r", "channel_type": "webhook", "config": {"url": "https://example.com/t"}}]}}


@pytest.mark.parametrize(
    ("platform", "value", "where"),
    [
        ({"receivers": [{"name": "p", "channel_type": "webhook", "config": {"url": "${PLATFORM_HOOK}"}}],
          "default_receiver": "p"}, "cnry not a url", "receivers.0.config.url"),
        ({"receivers": [{"name": "p", "channel_type": "webhook",
                         "config": {"url": "https://example.com/p", "max_alerts": "${PLATFORM_HOOK}"}}]},
         "cnry-notanumber", "max_alerts"),
        ({"global": {"smtp_smarthost": "${PLATFORM_HOOK}", "smtp_from": "a@example.com"}},
         "cnry-host-without-port", "smtp_smarthost"),
    ],
    ids=["receiver-url", "receiver-int", "global-smarthost"],
)
def test_platform_values_are_checked_after_substitution(
    platform: dict[str, object], value: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repo(tmp_path, {"t": json.dumps(TENANT)})
    (tmp_path / "receivers.yaml").write_text(json.dumps({"alertmanager_version": "0.25", **platform}), "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLATFORM_HOOK", value)
    assert CliRunner().invoke(app, ["validate"]).exit_code == 0  # validate cannot know the value
    result = CliRunner().invoke(app, ["render", "--out", "out"])
    output = result.output
    assert result.exit_code == 1, output
    assert "receivers.yaml:" in output, output
    assert "after substitution" in output or "value not shown" in output, output
    assert value not in output
    assert "internal error" not in output
    assert not (tmp_path / "out").exists()
