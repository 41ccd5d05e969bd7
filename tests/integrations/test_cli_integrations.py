"""``receivers integrations list``: the contract, and every listed example renders as is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.integrations import catalog
from tests.helpers import render_repo
from tests.repos import load_yaml, make_repo
from tests.tools import amtool_check


def _listed() -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["integrations", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries: list[dict[str, Any]] = json.loads(result.stdout)
    return entries


LISTED = _listed()


def test_one_entry_per_channel_type_with_the_contract_keys() -> None:
    assert [e["channel_type"] for e in LISTED] == sorted(catalog())
    for entry in LISTED:
        assert {"channel_type", "native", "min_version", "secret_fields", "example"} <= set(entry)
        assert entry["native"].endswith("_configs")
        assert isinstance(entry["min_version"], str) and entry["min_version"].startswith("0.")
        assert isinstance(entry["secret_fields"], list)
    by_type = {e["channel_type"]: e for e in LISTED}
    assert by_type["msteams"]["min_version"] == "0.26"
    assert "api_url" in by_type["slack"]["secret_fields"]


def test_table_lists_every_channel_type() -> None:
    result = CliRunner().invoke(app, ["integrations", "list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("CHANNEL_TYPE")
    assert len(lines) == 1 + len(catalog())


def test_unknown_format_is_a_usage_error() -> None:
    assert CliRunner().invoke(app, ["integrations", "list", "--format", "xml"]).exit_code == 2


def _render_example(tmp_path: Path, entry: dict[str, Any]) -> Path:
    tenant = {
        "metadata": {"name": "Acme"},
        "receivers": [{"name": "main", "channel_type": entry["channel_type"], "config": entry["example"]}],
    }
    make_repo(tmp_path, {"acme": tenant}, {"alertmanager_version": entry["min_version"]})
    out = tmp_path / "out"
    render_repo(tmp_path / "tenants", tmp_path / "receivers.yaml", out, {}, version=entry["min_version"])
    return out / "alertmanager.yml"


@pytest.mark.parametrize("entry", LISTED, ids=[e["channel_type"] for e in LISTED])
def test_listed_example_renders_as_is_at_its_min_version(tmp_path: Path, entry: dict[str, Any]) -> None:
    config = _render_example(tmp_path, entry)
    rendered = load_yaml(config.read_text())
    [receiver] = [r for r in rendered["receivers"] if r["name"] == "acme/main"]
    assert entry["native"] in receiver
    if tuple(int(p) for p in entry["min_version"].split(".")) <= (0, 25):
        result = amtool_check(config)
        assert result.returncode == 0, result.stdout + result.stderr
