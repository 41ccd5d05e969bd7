"""R171 variable-not-granted: a tenant uses only the ``${VAR}`` names granted to it.

The environment of a render holds every tenant's values and the tool's own private key. A tenant
may resolve only the names ``receivers.yaml`` grants it under ``variables:`` (its own list under
``tenants: {<id>: [...]}`` and the ``shared:`` list; names, or globs whose only wildcard is ``*``).
``RECEIVERS_*`` (``RECEIVERS_KEY``, ``RECEIVERS_KEY_FILE``, ...) is refused to everyone, the
platform file included. The check is on names, so validate needs no environment; render asks the
same question again before it reads any variable.

PASS::

    # file: receivers.yaml
    variables:
      tenants:
        acme: [ACME_PD_KEY]
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${ACME_PD_KEY}"}}

FAIL::

    # file: receivers.yaml
    variables:
      tenants:
        acme: [ACME_PD_KEY]
        globex: [GLOBEX_PD_KEY]
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${GLOBEX_PD_KEY}"}}
    # file: tenants/globex.yaml
    globex:
      metadata: {name: Globex}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R171
from receivers_cli.errors import Problem
from receivers_cli.model.placeholders import references
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._values import config_strings


def check(ctx: RuleContext) -> Iterator[Problem]:
    variables = ctx.platform.variables
    for tenant in ctx.tenants:
        # Every config string is resolved, enabled receiver or not: check them all.
        for _, path, _, value in config_strings(tenant):
            if "${" not in value:
                continue
            for name in dict.fromkeys(references(value)):
                refused = variables.refusal(tenant.id, name)
                if refused is not None:
                    yield tenant.doc.problem(path, RULE.id, *refused)


RULE = Rule(
    R171, ValidationLevel.STANDARD, "tenants use only the ${VAR} names granted to them",
    check,
)
