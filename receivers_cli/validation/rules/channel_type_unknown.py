"""R110 channel-type-unknown: ``channel_type`` must name an integration of the catalog.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "https://hooks.slack.com/services/T/B/X"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slak, config: {api_url: "https://hooks.slack.com/services/T/B/X"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli import integrations
from receivers_cli.codes import R110
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.wording import did_you_mean


def check(ctx: RuleContext) -> Iterator[Problem]:
    known = sorted(integrations.catalog())
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            if receiver.channel_type is None:
                # A null receiver (delivers nothing) has neither; a config alone names no integration.
                if receiver.config:
                    yield tenant.doc.problem(
                        (tenant.id, "receivers", i, "config"), RULE.id,
                        f"receiver {receiver.name!r} has a config but no channel_type",
                        "add channel_type, or remove config to make it a null receiver (delivers nothing)",
                        at_key=True,
                    )
                continue
            if integrations.get(receiver.channel_type) is None:
                hint = did_you_mean(receiver.channel_type, known, "see `receivers integrations list`")
                yield tenant.doc.problem(
                    (tenant.id, "receivers", i, "channel_type"),
                    RULE.id,
                    f"unknown channel_type {receiver.channel_type!r}",
                    hint,
                )


RULE = Rule(R110, ValidationLevel.STANDARD, "channel_type names a known integration", check)
