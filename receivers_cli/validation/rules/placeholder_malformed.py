"""R140 placeholder-malformed: ``${VAR}`` references are well-formed.

A value may reference an environment variable as ``${NAME}`` (letters, digits and ``_``, not
starting with a digit), resolved by ``receivers render``; ``$${`` writes a literal ``${``. A
reference that is not closed or has an invalid name would otherwise reach Alertmanager verbatim.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD-KEY"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R140
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._values import config_strings


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.render.resolve import malformed_placeholders

    for tenant in ctx.tenants:
        for _, path, _, value in config_strings(tenant):
            if "${" not in value:
                continue
            bad = malformed_placeholders(value)
            if bad:
                yield tenant.doc.problem(
                    path, RULE.id, f"malformed environment reference {bad[0][:40]!r}",
                    "write ${NAME} with letters, digits and _ (use $${ for a literal ${)",
                )


RULE = Rule(R140, ValidationLevel.STANDARD, "${VAR} references are well-formed", check)
