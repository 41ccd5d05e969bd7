"""R120 receiver-name-duplicate: receiver names are unique within a tenant.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: ops, channel_type: webhook, config: {url: "https://example.com/a"}}
        - {name: dev, channel_type: webhook, config: {url: "https://example.com/b"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: ops, channel_type: webhook, config: {url: "https://example.com/a"}}
        - {name: ops, channel_type: webhook, config: {url: "https://example.com/b"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R120
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        first_line: dict[str, int] = {}
        for i, receiver in enumerate(tenant.model.receivers):
            path = (tenant.id, "receivers", i, "name")
            if receiver.name in first_line:
                yield tenant.doc.problem(
                    path,
                    RULE.id,
                    f"receiver name {receiver.name!r} is used twice",
                    f"it is first used on line {first_line[receiver.name]}; rename one",
                )
            else:
                first_line[receiver.name] = tenant.doc.locate(path).line


RULE = Rule(R120, ValidationLevel.STANDARD, "receiver names are unique", check)
