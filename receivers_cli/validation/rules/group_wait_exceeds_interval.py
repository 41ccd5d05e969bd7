"""R503 group-wait-exceeds-interval: ``group_wait`` is not longer than ``group_interval`` (warning).

``group_wait`` is how long Alertmanager holds a new group's first notification to collect more
alerts; ``group_interval`` how long it waits before notifying about alerts added to a group
already notified. A ``group_wait`` longer than ``group_interval`` delays the first (usually most
urgent) notification more than any update, which is rarely meant: a 10m ``group_wait`` makes a
page arrive ten minutes late. Checked on the tenant route (``route:``, ``routing:``, the tier's
defaults) and every native route, with the values each route inherits; and once in
``receivers.yaml``, on each tier it sets and on its ``routes.before``/``after``.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "https://example.com/a"}}
      routing: {group_wait: 30s, group_interval: 5m}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "https://example.com/a"}}
      routing: {group_wait: 10m, group_interval: 5m}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R503, Code
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._timers import Timers, platform_findings, tenant_findings


def check(ctx: RuleContext) -> Iterator[Problem]:
    return tenant_findings(ctx, "group_wait", "group_interval", _finding)


def platform_problems(platform: Platform, doc: SourceDocument) -> Iterator[Problem]:
    """The same check of receivers.yaml's tiers and platform routes."""
    return platform_findings(platform, doc, "group_wait", "group_interval", _finding)


def _finding(timers: Timers, where: DataPath, wait: int, interval: int) -> tuple[DataPath, Code, str, str] | None:
    if wait <= interval:
        return None
    return (
        where, RULE.id,
        f"group_wait {timers.values['group_wait']} is longer than group_interval "
        f"{timers.values['group_interval']} on {timers.route}: the first notification of a group "
        "waits longer than any update",
        "shorten group_wait (seconds to a minute is usual) or lengthen group_interval",
    )


RULE = Rule(R503, ValidationLevel.STANDARD, "group_wait is at most group_interval (warning)", check, warning=True)
