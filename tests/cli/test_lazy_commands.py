"""A run that names one command builds only that command's Click tree; everything else sees all."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from receivers_cli.cli import app as cli_app


def _names(app: typer.Typer) -> set[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return set(group.commands)


@pytest.mark.parametrize("name", sorted(cli_app._COMMANDS))
def test_a_named_command_is_served_by_itself_with_the_same_help(name: str) -> None:
    alone = cli_app._app_for([name, "--help"])
    assert _names(alone) == {name}
    runner = CliRunner()
    full = runner.invoke(cli_app.app, [name, "--help"])
    reduced = runner.invoke(alone, [name, "--help"])
    assert full.exit_code == reduced.exit_code == 0
    assert reduced.output == full.output


@pytest.mark.parametrize(
    "argv",
    [[], ["--help"], ["--version"], ["valdate"], ["--log-format"], ["--bogus", "validate"]],
)
def test_help_version_typos_and_options_get_every_command(argv: list[str]) -> None:
    assert _names(cli_app._app_for(argv)) == set(cli_app._COMMANDS)


def test_the_log_format_value_is_not_taken_for_a_command() -> None:
    assert _names(cli_app._app_for(["--log-format", "json", "render"])) == {"render"}
    assert _names(cli_app._app_for(["--log-format=text", "routes", "show"])) == {"routes"}
    # "validate" as the option's value names no command: the one after it does.
    assert _names(cli_app._app_for(["--log-format", "validate", "diff"])) == {"diff"}


def test_shell_completion_sees_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_RECEIVERS_COMPLETE", "complete_bash")
    assert _names(cli_app._app_for(["validate"])) == set(cli_app._COMMANDS)


def test_a_typo_still_gets_the_did_you_mean_of_the_whole_tree() -> None:
    result = CliRunner().invoke(cli_app._app_for(["valdate"]), ["valdate"])
    assert result.exit_code == 2
    assert "Did you mean 'validate'?" in result.output
