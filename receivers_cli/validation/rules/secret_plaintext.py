"""R401 secret-plaintext: secret fields hold only ``ENC[...]`` or ``${VAR}`` (strict).

Secret fields are those the integration declares secret (keys, tokens, passwords, webhook URLs
that embed a token) plus the credentials of ``http_config``. In Git they may hold only an
encrypted envelope (``receivers secrets encrypt``) or a reference to an environment variable.
The message names the field; it never repeats the value.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "0123456789abcdef0123456789abcdef"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli import integrations
from receivers_cli.codes import R401
from receivers_cli.errors import Problem
from receivers_cli.model.placeholders import ONLY
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._values import config_strings


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for i, path, names, value in config_strings(tenant):
            integration = integrations.get(tenant.model.receivers[i].channel_type)
            if integration is None or ONLY.match(value):
                continue
            if integration.native_path(names) in set(integration.secret_paths()):
                yield tenant.doc.problem(
                    path, RULE.id, f"secret field {'.'.join(names)!r} holds a plaintext value",
                    "encrypt it (receivers secrets encrypt) or reference an environment variable as ${NAME}",
                )


RULE = Rule(R401, ValidationLevel.STRICT, "secret fields hold ENC[...] or ${VAR}", check)
