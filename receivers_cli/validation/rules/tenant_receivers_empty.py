"""R501 tenant-receivers-empty: a tenant has at least one enabled receiver (warning).

A tenant file with ``receivers: []`` (or only receivers with ``enabled: false``) is legal: its
alerts are routed to the tenant's ``_unrouted`` receiver, which delivers nothing. Nobody is told
when that tenant's services break. Add a receiver; if the tenant really wants silence, a null
receiver (a ``name`` with no ``channel_type``) says so on purpose and is not reported.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "https://example.com/a"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers: []
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R501
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._warn import warning


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        receivers = tenant.model.receivers
        if any(r.enabled for r in receivers):
            continue
        detail = "has no receivers" if not receivers else "has only disabled receivers"
        yield warning(tenant.doc.problem(
            (tenant.id, "receivers"), RULE.id,
            f"tenant {tenant.id!r} {detail}: its alerts reach nobody",
            "add a receiver (a name without channel_type is a null receiver, if silence is meant)",
            at_key=True,
        ))


RULE = Rule(R501, ValidationLevel.STANDARD, "a tenant's alerts reach someone (warning)", check, warning=True)
