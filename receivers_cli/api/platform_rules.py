"""The rules of the platform file that need the whole project (tenant ids, the target version)."""

from __future__ import annotations

from typing import Any

from receivers_cli import integrations
from receivers_cli.alertmanager.global_fields import GLOBAL
from receivers_cli.api.project import Project
from receivers_cli.codes import R110, R122
from receivers_cli.errors import Problem
from receivers_cli.integrations.check import check_config, check_kind


def _template_problems(project: Project, config: Any, base: tuple[str | int, ...]) -> list[Problem]:
    """R153 for the Go template text in a platform receiver's fields: valid for the target version,
    calling only platform defines and built-ins (never a tenant's part). Alertmanager loads such text
    only when it notifies, so a broken one would fail every notification of that receiver."""
    from receivers_cli.alertmanager.gotemplate import functions_for
    from receivers_cli.codes import R150, R153
    from receivers_cli.isolation import naming
    from receivers_cli.render.templates import check_text
    from receivers_cli.validation.rules._values import strings

    doc = project.platform_doc
    assert doc is not None
    functions = functions_for(project.version)
    found: list[Problem] = []
    for path, text in strings(config, base):
        if "{{" not in text:
            continue
        for item in check_text(naming.PLATFORM, text, functions, (), path, project.shared_templates.bounds):
            rule = R153 if item.rule == R150 else item.rule
            found.append(doc.problem(path, rule, f"a platform receiver's template: {item.message}", item.hint))
    return found


def platform_problems(project: Project) -> list[Problem]:
    """The checks of receivers.yaml beyond its structure: grants, ``global``, platform receivers
    (R110 unknown channel_type, their configs), severities, the timers of tiers and platform routes
    (R503, R504), shared time intervals (R505), and R122 (a named receiver is defined)."""
    platform, doc = project.platform, project.platform_doc
    if doc is None:
        return []
    from receivers_cli.validation.variable_grants import platform_problems as grant_problems

    known = set(project.tenant_files) if project.sees_tenant_folder else None
    problems: list[Problem] = list(grant_problems(platform, doc, known))
    for issue in check_kind(GLOBAL, platform.global_, ("global",), project.version, allow_files=True):
        problems.append(doc.problem_at(issue))
    names = [r.name for r in platform.receivers]
    for i, receiver in enumerate(platform.receivers):
        integration = integrations.get(receiver.channel_type)
        if receiver.channel_type is None:
            if receiver.config:
                problems.append(doc.problem(("receivers", i, "config"), R110,
                                            f"receiver {receiver.name!r} has a config but no channel_type",
                                            "add channel_type, or remove config for a null receiver", at_key=True))
            continue
        if integration is None:
            problems.append(doc.problem(("receivers", i, "channel_type"), R110,
                                        f"unknown channel_type {receiver.channel_type!r}",
                                        "see `receivers integrations list`"))
            continue
        for issue in check_config(integration, receiver.config, project.version, platform.global_,
                                  allow_file_fields=True):
            problems.append(doc.problem_at(issue, ("receivers", i, "config")))
        problems.extend(_template_problems(project, receiver.config, ("receivers", i, "config")))
    from receivers_cli.validation.rules import (
        group_wait_exceeds_interval,
        repeat_below_group_interval,
        severity_unknown,
        time_interval_never_active,
    )

    problems.extend(severity_unknown.platform_problems(platform, doc))
    problems.extend(group_wait_exceeds_interval.platform_problems(platform, doc))  # R503, tiers and routes
    problems.extend(repeat_below_group_interval.platform_problems(platform, doc))  # R504
    problems.extend(time_interval_never_active.platform_problems(platform, doc))  # R505, shared intervals
    from receivers_cli.validation import route_tree

    problems.extend(route_tree.platform_problems(platform, doc, project.version))
    wanted: list[tuple[tuple[str | int, ...], str]] = []
    if platform.default_receiver:
        wanted.append((("default_receiver",), platform.default_receiver))
    wanted += [(("observers", i, "receiver"), o.receiver) for i, o in enumerate(platform.observers)]
    for path, name in wanted:
        if name not in names:
            problems.append(doc.problem(path, R122, f"platform receiver {name!r} is not defined",
                                        "add it under receivers: in receivers.yaml"))
    return problems
