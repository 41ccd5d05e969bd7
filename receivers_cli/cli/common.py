"""What every command shares: option types, problem printing, file system errors, exit codes."""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer

from receivers_cli.loading.project import DEFAULT_CONFIG, DEFAULT_TENANTS_DIR

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # render --on-tenant-error skip left tenants out
EXIT_INTERNAL = 2  # a bug of ours (reported without a traceback); shares the usage code, as before
EXIT_SIGNAL_BASE = 128  # killed by signal N: exit 128 + N, like a shell


class LogFormat(str, Enum):
    """``--log-format``: audit events to stderr, one per step."""

    text = "text"
    json = "json"



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
