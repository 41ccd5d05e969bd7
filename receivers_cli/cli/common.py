"""What every command shares: option types, problem printing, file system errors, exit codes."""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

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


class ResultFormat(str, Enum):
    """``--format`` of the commands that print results (routes, test, secrets status)."""

    text = "text"
    json = "json"


ResultFormatOption = typer.Option(ResultFormat.text, "--format", help="text, or json (one document on stdout).")

# The defaults that name repository files; run from a subfolder, they are taken from the root.
REPO_DEFAULTS = (DEFAULT_TENANTS_DIR, DEFAULT_CONFIG, Path("rendered"))


def find_repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``receivers.yaml`` or ``tenants/``.

    The search stops at the top of a Git work tree (a folder with ``.git``), so that a command
    run in an unrelated repository never picks up a config repository that happens to be above it.
    """
    for folder in (start, *start.parents):
        if (folder / DEFAULT_CONFIG).is_file() or (folder / DEFAULT_TENANTS_DIR).is_dir():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def repo_default_map(command: Any, root: Path) -> dict[str, Any]:
    """Click's default_map for ``command`` and its subcommands: every repository default
    (``tenants``, ``receivers.yaml``, ``rendered``) taken below ``root``. The values count as
    defaults (parameter source DEFAULT_MAP), so an absent receivers.yaml is still optional."""
    found: dict[str, Any] = {}
    for param in command.params:
        if param.name and isinstance(param.default, Path) and param.default in REPO_DEFAULTS:
            found[param.name] = root / param.default
    # A group (typer's vendored click Group) lists its subcommands; a command has none.
    if isinstance(getattr(command, "commands", None), dict):
        for name, sub in command.commands.items():
            nested = repo_default_map(sub, root)
            if nested:
                found[name] = nested
    return found



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


# One name per concept: the folder of tenant files is --tenants in every command (validate's old
# --tenants-dir stays as a hidden, deprecated alias).
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
