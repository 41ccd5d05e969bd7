"""receivers: validate per-tenant receiver files and render one tenant-isolated Alertmanager config.

The public API is imported lazily so that ``receivers --version`` and ``validate`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    "ConfigValidator": "receivers_cli.validation.validator",
    "ValidationReport": "receivers_cli.validation.validator",
    "ValidationIssue": "receivers_cli.validation.validator",
}

if TYPE_CHECKING:
    from receivers_cli.api import Project, Rendered, load_project, render_project, validate_project
    from receivers_cli.errors import Problem, ProblemsError
    from receivers_cli.render.output import diff_output, write_output
    from receivers_cli.validation.levels import ValidationLevel
    from receivers_cli.validation.validator import ConfigValidator, ValidationIssue, ValidationReport

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
