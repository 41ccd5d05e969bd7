"""R141 envelope-malformed: ``ENC[...]`` values are complete, well-formed envelopes.

An encrypted value is written by ``receivers secrets encrypt`` as one line
``ENC[v1,<aead>,<key id>,<date>,<scope>,<payload>]``. A truncated copy, a missing field or a
plaintext typed between the brackets is reported here, without decrypting anything (validation
needs no key) and without printing the value.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "ENC[my-plain-key]"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R141
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._values import config_strings


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for _, path, _, value in config_strings(tenant):
            if not value.startswith("ENC["):
                continue
            # Imported only when a file holds an envelope: the crypto library is slow to load.
            from receivers_cli.secrets.envelope import parse
            from receivers_cli.secrets.errors import EnvelopeError

            try:
                parse(value)
            except EnvelopeError as exc:
                yield tenant.doc.problem(path, RULE.id, exc.message, exc.hint or "re-encrypt the value")


RULE = Rule(R141, ValidationLevel.STANDARD, "ENC[...] values are well-formed", check)
