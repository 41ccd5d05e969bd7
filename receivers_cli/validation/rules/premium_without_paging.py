"""R403 premium-without-paging: a premium tenant pages someone at the top severity (strict).

A premium tenant promises a fast response, so at least one enabled receiver of a paging
integration (pagerduty, opsgenie, victorops, splunk, xmatters, incidentio, servicenow) must
receive its critical alerts.

PASS::

    acme:
      metadata: {name: Acme, tier: premium}
      receivers:
        - {name: page, channel_type: pagerduty, min_severity: critical, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme, tier: premium}
      receivers:
        - {name: hook, channel_type: webhook, min_severity: critical, config: {url: "${HOOK_URL}"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R403
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._severity import PAGING, receives_top, top_severity


def check(ctx: RuleContext) -> Iterator[Problem]:
    top = top_severity(ctx.platform)
    for tenant in ctx.tenants:
        if tenant.model.metadata.tier != "premium":
            continue
        if any(r.channel_type in PAGING and receives_top(r, ctx.platform) for r in tenant.model.receivers):
            continue
        yield tenant.doc.problem(
            (tenant.id, "metadata", "tier"), RULE.id,
            f"premium tenant has no paging receiver for {top} alerts",
            "add an enabled receiver of " + ", ".join(sorted(PAGING)) + f" that gets {top}",
        )


RULE = Rule(R403, ValidationLevel.STRICT, "premium tenants page at critical", check)
