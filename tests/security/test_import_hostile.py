"""Hostile or broken input to ``receivers import``: the file is the platform team's own, but it must
never crash the import. Every case gives located problems (file:line:col, an I/R code), exit 1, no
traceback, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.cli.app import app
from tests.helpers import FIXTURES

HOSTILE = sorted((FIXTURES / "import" / "hostile").glob("*.yml"))


@pytest.mark.parametrize("mode", [["--tenant", "acme"], ["--by", "team"]])
@pytest.mark.parametrize("source", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_hostile_source_is_refused_with_a_location(tmp_path: Path, source: Path, mode: list[str]) -> None:
    result = CliRunner().invoke(app, ["import", str(source), *mode, "--tenants", str(tmp_path / "tenants"),
                                      "--config", str(tmp_path / "receivers.yaml"), "--amtool", "none"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert f"{source.name}:" in result.output
    assert any(f" {code}" in result.output for code in ("I00", "R00", "R1", "R2")), result.output
    assert not (tmp_path / "tenants").exists() and not (tmp_path / "receivers.yaml").exists()


def test_a_problem_of_the_result_is_located_at_the_source_field(tmp_path: Path) -> None:
    source = FIXTURES / "import" / "hostile" / "host-file.yml"
    result = CliRunner().invoke(app, ["import", str(source), "--tenant", "acme", "--tenants", str(tmp_path / "t"),
                                      "--config", str(tmp_path / "receivers.yaml"), "--amtool", "none"])
    assert result.exit_code == 1
    # At the key that names the file, refused by the import itself (a tenant never reads files).
    assert "host-file.yml:5:65: error I002" in result.output and "R207" in result.output


def test_every_file_read_of_a_receiver_is_named_at_its_key(tmp_path: Path) -> None:
    source = FIXTURES / "import" / "hostile" / "file-fields.yml"
    result = CliRunner().invoke(app, ["import", str(source), "--tenant", "acme", "--tenants", str(tmp_path / "t"),
                                      "--config", str(tmp_path / "receivers.yaml"), "--amtool", "none"])
    assert result.exit_code == 1, result.output
    for where, key in (("7:9", "api_url_file"), ("13:13", "credentials_file")):
        assert f"file-fields.yml:{where}: error I002 receiver 'reads': {key} makes Alertmanager read a file" \
            in result.output, result.output
    assert "R207" in result.output and "did you mean" not in result.output
    assert not (tmp_path / "t").exists() and not (tmp_path / "receivers.yaml").exists()
