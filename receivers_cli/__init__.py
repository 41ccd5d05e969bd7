"""receivers: validate per-tenant receiver files and render one tenant-isolated Alertmanager config.

The public API is imported lazily so that ``receivers --version`` and ``validate`` stay fast.
"""

from __future__ import annotations

import os as _os
import signal as _signal
import sys as _sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    _sys.stderr.write("interrupted\n")
    _os._exit(128 + signum)


# The `receivers` command: Ctrl-C before the CLI is loaded is one line and exit 130, not a
# KeyboardInterrupt traceback from some import. Set first thing, and only for the command (a
# program importing the API keeps its own signal handling); main() later installs the handler
# that unwinds and removes staging.
if _os.path.basename(_sys.argv[0] if _sys.argv else "") == "receivers":
    for _signum in (_signal.SIGINT, _signal.SIGTERM):
        try:
            _signal.signal(_signum, _interrupted_while_starting)
        except ValueError:  # not the main thread
            break

from typing import TYPE_CHECKING, Any  # noqa: E402 - after the handler, on purpose

__version__ = "0.1.0"

_EXPORTS = {
    "Project": "receivers_cli.api",
    "Rendered": "receivers_cli.api",
    "load_project": "receivers_cli.api",
    "validate_project": "receivers_cli.api",
    "render_project": "receivers_cli.api",
    "write_output": "receivers_cli.render.output",
    "diff_output": "receivers_cli.render.output",
    "Problem": "receivers_cli.errors",
    "ProblemsError": "receivers_cli.errors",
    "ValidationLevel": "receivers_cli.validation.levels",
    "ConfigValidator": "receivers_cli.api.validator",
    "ValidationReport": "receivers_cli.api.validator",
    "ValidationIssue": "receivers_cli.api.validator",
}

if TYPE_CHECKING:
    from receivers_cli.api import Project, Rendered, load_project, render_project, validate_project
    from receivers_cli.api.validator import ConfigValidator, ValidationIssue, ValidationReport
    from receivers_cli.errors import Problem, ProblemsError
    from receivers_cli.render.output import diff_output, write_output
    from receivers_cli.validation.levels import ValidationLevel

__all__ = [
    "ConfigValidator",
    "Problem",
    "ProblemsError",
    "Project",
    "Rendered",
    "ValidationIssue",
    "ValidationLevel",
    "ValidationReport",
    "diff_output",
    "load_project",
    "render_project",
    "validate_project",
    "write_output",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'receivers_cli' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
