"""``render --on-tenant-error``: one bad tenant must not block everyone, and the exit code says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app

SKIP = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "validation" / "skip"


def render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    shutil.copytree(SKIP, tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["render", "--out", "rendered", *args])
    return result.exit_code, result.output


def test_skip_renders_the_valid_tenants_and_names_the_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = render(tmp_path, monkeypatch, "--on-tenant-error", "skip")
    assert code == 3
    assert "skipped 1 tenant file: tenants/beta.yaml" in out
    assert "R110" in out
    config = (tmp_path / "repo" / "rendered" / "alertmanager.yml").read_text("utf-8")
    assert "alpha/hook" in config and "gamma/hook" in config
    assert "beta" not in config


def test_fail_is_the_default_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = render(tmp_path, monkeypatch)
    assert code == 1
    assert "tenants/beta.yaml" in out and "R110" in out
    assert not (tmp_path / "repo" / "rendered").exists()


def test_unknown_mode_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert render(tmp_path, monkeypatch, "--on-tenant-error", "ignore")[0] == 2


def test_skip_never_skips_a_broken_platform_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A platform file that does not even load is not a tenant: render with its defaults instead
    would silently drop every global, receiver and grant. Nothing is written."""
    shutil.copytree(SKIP, tmp_path / "repo")
    (tmp_path / "repo" / "receivers.yaml").write_text("global: [\n", "utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    result = CliRunner().invoke(app, ["render", "--out", "rendered", "--on-tenant-error", "skip"])
    assert result.exit_code == 1, result.output
    assert "receivers.yaml:" in result.output and "R006" in result.output
    assert not (tmp_path / "repo" / "rendered").exists()
