"""R200 integration-config: each receiver's ``config`` fits its integration and the target version.

The checks come from the integration's module under ``receivers_cli/integrations/``: known field
names (native Alertmanager names and documented aliases), value kinds (URLs, durations, booleans),
required fields after the platform's ``global`` fallbacks, and the Alertmanager version each
field needs. The problems carry the specific rule ids R101-R106 and R201-R207.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {escalation_policy: p1}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli import integrations
from receivers_cli.errors import Problem
from receivers_cli.integrations.base import check_config
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    global_config = ctx.platform.global_
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            integration = integrations.get(receiver.channel_type)
            if integration is None:
                continue  # R110 reports it
            base = (tenant.id, "receivers", i, "config")
            for issue in check_config(integration, receiver.config, ctx.version, global_config):
                path = (*base, *issue.path) if issue.path else (tenant.id, "receivers", i, "channel_type")
                if not issue.path and issue.rule == "R204":
                    path = base if receiver.config else (tenant.id, "receivers", i)
                yield tenant.doc.problem(path, issue.rule, issue.message, issue.hint, at_key=issue.at_key)


RULE = Rule("R200", "integration-config", ValidationLevel.STANDARD, "config fits the integration and version", check)
