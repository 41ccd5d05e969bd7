"""Stage 2, validate: the semantic rules of a level over a loaded project."""

from __future__ import annotations

from dataclasses import replace

from receivers_cli.api.platform_rules import platform_problems
from receivers_cli.api.project import Project
from receivers_cli.errors import Problem
from receivers_cli.progress import track
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import rules_for


def validate_project(project: Project, level: ValidationLevel = ValidationLevel.STANDARD) -> list[Problem]:
    """Run the semantic rules of ``level``; return every problem of the project, sorted.

    The project is not changed: render a :func:`validated` project to have these problems count.
    """
    return list(validated(project, level).problems)


def validated(project: Project, level: ValidationLevel = ValidationLevel.STANDARD) -> Project:
    """``project`` with the problems of the semantic rules of ``level`` added (sorted, redacted)."""
    from receivers_cli.validation import integration_check
    from receivers_cli.validation.redaction import redact

    problems = list(project.problems)
    if level.includes(ValidationLevel.STANDARD):
        ctx = RuleContext(project.platform, project.version, list(project.tenants),
                          {k: list(v) for k, v in project.tenant_files.items()})
        problems.extend(integration_check.check(ctx))
        for rule in track(rules_for(level), "running the rules"):
            if rule.check is not None:
                problems.extend(rule.check(ctx))
        problems.extend(platform_problems(project))
    return replace(project, problems=tuple(sorted(set(redact(problems, project.documents)))), validated_at=level)
