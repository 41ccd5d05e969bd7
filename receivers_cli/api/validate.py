"""Stage 2, validate: the semantic rules of a level over a loaded project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from receivers_cli.api.platform_rules import platform_problems
from receivers_cli.api.project import Project
from receivers_cli.errors import Problem
from receivers_cli.progress import track
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.ignores import Ignore, apply, inline_ignores, platform_ignores
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import rules_for


def validate_project(project: Project, level: ValidationLevel = ValidationLevel.STANDARD,
                     ignore: Sequence[Ignore] = ()) -> list[Problem]:
    """Run the semantic rules of ``level``; return every problem of the project, sorted.

    The project is not changed: render a :func:`validated` project to have these problems count.
    """
    return list(validated(project, level, ignore).problems)


def validated(project: Project, level: ValidationLevel = ValidationLevel.STANDARD,
              ignore: Sequence[Ignore] = ()) -> Project:
    """``project`` with the problems of the semantic rules of ``level`` added (sorted, redacted).

    Findings covered by ``ignore`` (``--ignore``), by ``lint:`` of receivers.yaml or by a tenant's
    ``# receivers: ignore`` comment are left out and counted in ``ignored``.
    """
    from receivers_cli.validation import integration_check
    from receivers_cli.validation.redaction import redact

    problems = list(project.problems)
    if level.includes(ValidationLevel.STANDARD):
        ctx = RuleContext(project.platform, project.version, list(project.tenants),
                          {k: list(v) for k, v in project.tenant_files.items()}, project.shared_templates.bounds)
        problems.extend(integration_check.check(ctx))
        for rule in track(rules_for(level), "running the rules"):
            if rule.check is not None:
                problems.extend(rule.check(ctx))
        problems.extend(platform_problems(project))
    ignores, refused = _ignores(project)
    # The most local ignore is credited first: a tenant's comment, the platform's, then --ignore.
    kept, ignored = apply(sorted(set(redact([*problems, *refused], project.documents))), [*ignores, *ignore])
    return replace(project, problems=tuple(kept), validated_at=level, ignored=tuple(ignored))


def _ignores(project: Project) -> tuple[list[Ignore], list[Problem]]:
    """Every checked tenant file's inline ignores, then the platform's ``lint:`` ones (+ R510)."""
    ignores: list[Ignore] = []
    refused: list[Problem] = []
    for tenant in project.tenants:
        own, bad = inline_ignores(tenant.doc)
        ignores += own
        refused += bad
    lint = project.platform.lint
    shared, bad = platform_ignores({"ignore": lint.ignore}, lint.tenants, project.platform_doc,
                                   project.tenant_files, project.sees_tenant_folder)
    return [*ignores, *shared], [*refused, *bad]
