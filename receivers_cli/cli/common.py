"""What every command shares: option types, problem printing, file system errors, exit codes."""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import typer

from receivers_cli.errors import Problem
from receivers_cli.loading.project import DEFAULT_CONFIG, DEFAULT_TENANTS_DIR

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # render --on-tenant-error skip left tenants out



def _config_given_exists(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """The platform file is optional, but one named on the command line must exist: running with
    the defaults instead of a mistyped file would be a silent, wrong answer."""
    source = ctx.get_parameter_source(param.name or "")
    if value is not None and not value.exists() and getattr(source, "name", "") not in ("DEFAULT", "DEFAULT_MAP"):
        raise typer.BadParameter(f"{value} does not exist (leave --config out to run without a platform file)")
    return value


def _known_version(value: str | None) -> str | None:
    from receivers_cli.alertmanager.versions import parse_version

    if value is not None:
        try:
            parse_version(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


TenantsOption = typer.Option(DEFAULT_TENANTS_DIR, "--tenants", help="Folder of tenant files.")
ConfigOption = typer.Option(
    DEFAULT_CONFIG, "--config", help="Platform file (optional; one named here must exist).",
    callback=_config_given_exists,
)
VersionOption = typer.Option(
    None, "--alertmanager-version", help="Target Alertmanager X.Y (default: receivers.yaml, else 0.34).",
    callback=_known_version,
)


def source_line(file: str, line: int) -> str:
    """The excerpt line, from the text loaded and checked (never re-read from disk: see excerpt_line)."""
    from receivers_cli.loading.yaml_source import excerpt_line

    return excerpt_line(file, line)


def print_problems(problems: Sequence[Problem], *, files_checked: int | None = None) -> None:
    from receivers_cli.validation.formatters.text import print_text

    print_text(problems, source_line, files_checked=files_checked)


WaitOption = typer.Option(
    10.0, "--wait", min=0, help="Seconds to wait for another run holding the same output or repository."
)


@contextmanager
def fs_errors() -> Iterator[None]:
    """A refused target or an OS failure → one located line in words and its exit code, never a traceback."""
    from receivers_cli.fileops import FsError, os_failure

    try:
        yield
    except FsError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        failure = os_failure("write" if exc.errno != errno.ENOENT else "read", exc.filename or "a file", exc)
        sys.stderr.write(f"error: {failure}\n")
        raise typer.Exit(failure.exit_code) from None
