"""Shared by the warning rules: a located problem turned into a warning."""

from __future__ import annotations

from dataclasses import replace

from receivers_cli.errors import Problem, Severity


def warning(problem: Problem) -> Problem:
    """``problem`` at the warning level: reported, failing validate only with --strict-warnings."""
    return replace(problem, severity=Severity.WARNING)
