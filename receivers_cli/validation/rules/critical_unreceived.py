"""R404 critical-unreceived: some receiver of the tenant gets its top-severity alerts (strict).

With every receiver disabled, or all filtered to lower rungs, a critical alert of the tenant
would reach only the platform's default receiver.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "${HOOK_URL}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, enabled: false, config: {url: "${HOOK_URL}"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R404
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._severity import receives_top, top_severity


def check(ctx: RuleContext) -> Iterator[Problem]:
    top = top_severity(ctx.platform)
    for tenant in ctx.tenants:
        if any(receives_top(r, ctx.platform) for r in tenant.model.receivers):
            continue
        path = (tenant.id, "receivers") if tenant.model.receivers else (tenant.id,)
        yield tenant.doc.problem(
            path, RULE.id, f"no enabled receiver gets {top} alerts",
            f"enable a receiver whose min_severity is {top} or lower", at_key=True,
        )


RULE = Rule(R404, ValidationLevel.STRICT, "something receives critical", check)
