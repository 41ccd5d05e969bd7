"""The integration stage: each receiver's ``config`` checked by its integration's declaration.

The checks come from the integration's module under ``receivers_cli/integrations/``: known field
names (native Alertmanager names and documented aliases), value kinds (URLs, durations, booleans),
required fields after the platform's ``global`` fallbacks, and the Alertmanager version each
field needs. The problems carry the rule ids R101-R106 and R201-R207 (documented in the catalogue).
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli import integrations
from receivers_cli.codes import R204
from receivers_cli.errors import Problem
from receivers_cli.integrations.check import check_config
from receivers_cli.validation.context import RuleContext


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
                if not issue.path and issue.rule == R204:
                    path = base if receiver.config else (tenant.id, "receivers", i)
                yield tenant.doc.problem(path, issue.rule, issue.message, issue.hint, at_key=issue.at_key)
