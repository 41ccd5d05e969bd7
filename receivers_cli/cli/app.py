"""The ``receivers`` command: registers one module per command (group)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

import typer

from receivers_cli import __version__
from receivers_cli.cli import diff as diff_cmd
from receivers_cli.cli import import_cmd, onboarding
from receivers_cli.cli import integrations as integrations_cmd
from receivers_cli.cli import preview as preview_cmd
from receivers_cli.cli import render as render_cmd
from receivers_cli.cli import routes as routes_cmd
from receivers_cli.cli import rules as rules_cmd
from receivers_cli.cli import schema as schema_cmd
from receivers_cli.cli import secrets as secrets_cmd
from receivers_cli.cli import test as test_cmd
from receivers_cli.cli import validate as validate_cmd
from receivers_cli.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_SIGNAL_BASE, LogFormat


def _new_app() -> typer.Typer:
    """The root command, with its options and callback, before commands are added."""
    root = typer.Typer(
        name="receivers",
        help="Validate per-tenant receiver files and render one tenant-isolated alertmanager.yml.",
        no_args_is_help=True,
        # --install-completion / --show-completion for bash, zsh, fish and PowerShell.
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    root.callback()(main_options)
    return root


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"receivers {__version__}\n")
        raise typer.Exit(EXIT_OK)


def main_options(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    log_format: LogFormat | None = typer.Option(
        None, "--log-format", help="Audit events to stderr, one per step: text or json (off by default)."
    ),
) -> None:
    """receivers: many teams, one Alertmanager, no cross-talk."""
    from receivers_cli import audit

    audit.configure(log_format.value if log_format is not None else None)
    _defaults_from_repo_root(ctx)


def _defaults_from_repo_root(ctx: typer.Context) -> None:
    """Run from a subfolder (``tenants/``, ``rendered/``), take the default paths from the nearest
    folder above that is a config repository, and say so: never "cannot read tenants/"."""
    from pathlib import Path

    from receivers_cli.cli.common import find_repo_root, repo_default_map

    if ctx.resilient_parsing:  # shell completion: no output, no side effects
        return
    here = Path.cwd()
    root = find_repo_root(here)
    if root is None or root == here:
        return
    shown = os.path.relpath(root, here)
    ctx.default_map = {**repo_default_map(ctx.command, Path(shown)), **(ctx.default_map or {})}
    if sys.stderr.isatty():  # piped, the paths in every message (../tenants/x.yaml) already say it
        sys.stderr.write(f"note: using the config repository at {shown}/ ({root})\n")


app = _new_app()

# name → a command (its function) or a group of them (its Typer app).
_COMMANDS: dict[str, Callable[..., Any] | typer.Typer] = {
    "render": render_cmd.render,
    "validate": validate_cmd.validate,
    "schema": schema_cmd.schema,
    "rules": rules_cmd.rules,
    "secrets": secrets_cmd.app,
    "routes": routes_cmd.app,
    "test": test_cmd.test,
    "diff": diff_cmd.diff,
    "preview": preview_cmd.preview,
    "integrations": integrations_cmd.app,
    "import": import_cmd.import_config,
    "init": onboarding.init,
    "tenant": onboarding.tenant_app,
}


def _register(target: typer.Typer, names: list[str]) -> typer.Typer:
    for name in names:
        handler = _COMMANDS[name]
        if isinstance(handler, typer.Typer):
            target.add_typer(handler, name=name)
        else:
            target.command(name)(handler)
    return target


_register(app, list(_COMMANDS))


def _only_command(argv: list[str]) -> str | None:
    """The command this run names, when the run can be served by it alone.

    Building the Click tree inspects every command's signature (about 40 ms for all thirteen); a
    run that names one command needs only that one. Help, completion, a version query or an
    unknown name gets the whole tree, so that listings and "no such command" stay complete.
    """
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return None
    rest = iter(argv)
    for token in rest:
        if token == "--log-format":
            next(rest, None)  # its value
        elif token.startswith("--log-format="):
            continue
        elif token.startswith("-"):
            return None  # --help, --version, a typo: the whole tree answers
        else:
            return token if token in _COMMANDS else None
    return None


def _app_for(argv: list[str]) -> typer.Typer:
    name = _only_command(argv)
    if name is None:
        return app
    return _register(_new_app(), [name])


def main() -> None:
    """Console entry point: usage errors exit 2, internal errors never print a traceback."""
    from receivers_cli.fileops import Interrupted, install_signal_handlers

    install_signal_handlers(raising=True)  # from here Ctrl-C unwinds: staging is removed on the way out
    try:
        _run()
    except Interrupted as exc:  # arrived while another exit was already under way
        _interrupted(exc.signum)


def _interrupted(signum: int) -> None:
    from receivers_cli.fileops import install_signal_handlers

    install_signal_handlers(raising=False)  # a second Ctrl-C now just exits
    sys.stderr.write("interrupted; nothing was changed\n" if signum == signal.SIGINT else "terminated\n")
    sys.exit(EXIT_SIGNAL_BASE + signum)


def _run() -> None:
    from receivers_cli.fileops import FsError, Interrupted, install_signal_handlers, os_failure

    try:
        _app_for(sys.argv[1:])(standalone_mode=True)
    except SystemExit:
        install_signal_handlers(raising=False)  # exiting anyway: a late signal must not become a traceback
        raise
    except (KeyboardInterrupt, Interrupted) as exc:
        _interrupted(exc.signum if isinstance(exc, Interrupted) else signal.SIGINT)
    except FsError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(exc.exit_code)
    except OSError as exc:  # a file system failure no command turned into a message: still say where and why
        failure = os_failure("access", exc.filename or "a file", exc)
        sys.stderr.write(f"error: {failure}\n")
        sys.exit(failure.exit_code)
    except Exception as exc:  # a bug of ours; say so without a traceback (RECEIVERS_DEBUG=1 shows it)
        if os.environ.get("RECEIVERS_DEBUG"):
            raise
        sys.stderr.write(f"internal error: {type(exc).__name__}; run again with RECEIVERS_DEBUG=1 for details\n")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
