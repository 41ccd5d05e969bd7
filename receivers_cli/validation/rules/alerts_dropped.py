"""R502 alerts-dropped: a tenant's alerts that no receiver selects go somewhere (warning).

Every receiver with ``min_severity``, a ``match``, or ``active_during`` takes only some of the
tenant's alerts. When ``route.receiver`` (the tenant's default receiver) is not set, an alert no
receiver selects reaches nobody, without a trace: with only ``match`` receivers, a critical alert
without the matched label. The check looks at plain alerts (tenant and severity labels only) rung
by rung and reports the tenant when even the top rung (``critical``) reaches nobody. Leaving out
the lower rungs with ``min_severity`` is how a tenant says "only what matters" and is not
reported. Give the tenant a default receiver (``route: {receiver: NAME}``), or a receiver without
``match``; a native route without matchers counts as a default too.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {component: db}, config: {url: "https://example.com/p"}}
        - {name: chat, channel_type: webhook, min_severity: critical, config: {url: "https://example.com/c"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {component: db}, config: {url: "https://example.com/p"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.alertmanager.matchers import MatcherError
from receivers_cli.alertmanager.versions import Version
from receivers_cli.codes import R502
from receivers_cli.errors import Problem
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant
from receivers_cli.render.native_routes import node_matchers, tree_receivers
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._warn import warning


def dropped_rungs(tenant: Tenant, platform: Platform, version: Version) -> list[str]:
    """The severities whose plain alerts (tenant and severity labels only) no route takes."""
    ladder = platform.severities
    if tenant.route.receiver:
        return []  # the default receiver takes the rest
    for node in tenant.route.routes:
        try:
            matchers = node_matchers(node, platform, version)
        except MatcherError:
            continue  # reported by R136
        if not matchers and not node.active_time_intervals:
            return []  # a native default
    in_tree = tree_receivers(tenant)
    covered: set[str] = set()
    for receiver in tenant.receivers:
        if not receiver.enabled or receiver.name in in_tree or receiver.match or receiver.active_during:
            continue
        if receiver.min_severity is None:
            return []
        if receiver.min_severity in ladder:
            covered.update(ladder[ladder.index(receiver.min_severity):])
    return [rung for rung in ladder if rung not in covered]


def check(ctx: RuleContext) -> Iterator[Problem]:
    ladder, label = ctx.platform.severities, ctx.platform.severity_label
    for tenant in ctx.tenants:
        model = tenant.model
        if not any(r.enabled for r in model.receivers):
            continue  # R501: nothing is delivered at all
        dropped = dropped_rungs(model, ctx.platform, ctx.version)
        if ladder[-1] not in dropped:
            continue  # min_severity above the lowest rungs is how a tenant says "page only on critical"
        shown = ", ".join(repr(rung) for rung in dropped)
        yield warning(tenant.doc.problem(
            (tenant.id, "receivers"), RULE.id,
            f"tenant {tenant.id!r} has no default receiver, and alerts with {label} {shown} that no "
            "receiver's match selects reach nobody",
            "set route: {receiver: NAME} as the default, or lower a receiver's min_severity (one without "
            "match or active_during)",
            at_key=True,
        ))


RULE = Rule(R502, ValidationLevel.STANDARD, "alerts no receiver selects reach a default (warning)", check, warning=True)
