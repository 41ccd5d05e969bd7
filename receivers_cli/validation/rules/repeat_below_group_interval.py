"""R504 repeat-below-group-interval: ``repeat_interval`` is not shorter than ``group_interval`` (warning).

Alertmanager only looks at a group again every ``group_interval``, so a ``repeat_interval``
shorter than that cannot take effect: reminders come every ``group_interval`` instead, and the
setting says something the config does not do. Usually the two values were swapped. Checked on
the tenant route and every native route, with the values each route inherits, and in
``receivers.yaml`` on each tier it sets and on the platform's own routes.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "https://example.com/a"}}
      routing: {group_interval: 5m, repeat_interval: 4h}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "https://example.com/a"}}
      routing: {group_interval: 4h, repeat_interval: 5m}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R504, Code
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._timers import Timers, platform_findings, tenant_findings


def check(ctx: RuleContext) -> Iterator[Problem]:
    return tenant_findings(ctx, "repeat_interval", "group_interval", _finding)


def platform_problems(platform: Platform, doc: SourceDocument) -> Iterator[Problem]:
    """The same check of receivers.yaml's tiers and platform routes."""
    return platform_findings(platform, doc, "repeat_interval", "group_interval", _finding)


def _finding(timers: Timers, where: DataPath, repeat: int, interval: int) -> tuple[DataPath, Code, str, str] | None:
    if repeat >= interval:
        return None
    return (
        where, RULE.id,
        f"repeat_interval {timers.values['repeat_interval']} is shorter than group_interval "
        f"{timers.values['group_interval']} on {timers.route}: reminders still come only every "
        "group_interval",
        "make repeat_interval longer than group_interval (were the two swapped?)",
    )


RULE = Rule(R504, ValidationLevel.STANDARD, "repeat_interval is at least group_interval (warning)", check, warning=True)
