"""R131 tenant-label-in-match: a tenant never matches on the tenant label itself.

Routing on the tenant label is the platform's job: every tenant route already matches exactly
``tenant="<id>"``. A matcher on that label in ``match`` or in ``inhibit`` could only try to reach
another tenant's alerts, so it is refused.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {team: db}, config: {url: "https://example.com/a"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, match: {tenant: globex}, config: {url: "https://example.com/a"}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from receivers_cli.codes import R131
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    label = ctx.platform.tenant_label
    pattern = re.compile(r'(^|[{,\s])"?' + re.escape(label) + r'"?\s*(=|!=|=~|!~)')
    hint = "remove it: the tenant's route already matches only its own alerts"
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            if label in receiver.match:
                yield tenant.doc.problem(
                    (tenant.id, "receivers", i, "match", label), RULE.id,
                    f"match on the tenant label {label!r} is not allowed", hint, at_key=True,
                )
        for i, rule in enumerate(tenant.model.inhibit):
            for side in ("source_matchers", "target_matchers"):
                for k, matcher in enumerate(getattr(rule, side)):
                    if pattern.search(matcher) or _parsed_names(matcher, ctx, label):
                        yield tenant.doc.problem(
                            (tenant.id, "inhibit", i, side, k), RULE.id,
                            f"inhibit matcher on the tenant label {label!r} is not allowed", hint,
                        )
            if label in rule.equal:
                yield tenant.doc.problem(
                    (tenant.id, "inhibit", i, "equal"), RULE.id,
                    f"{label!r} in equal is added by the platform", "remove it from equal",
                )

    from receivers_cli.validation.route_tree import problems_of

    yield from problems_of(ctx, RULE.id)  # the same check in native route trees (route:)


def _parsed_names(text: str, ctx: RuleContext, label: str) -> bool:
    """Whether the parsed matcher names ``label`` (quoted or escaped spellings included)."""
    from receivers_cli.alertmanager.matchers import MatcherError, parse_matchers

    try:
        return any(m.name == label for m in parse_matchers(text, ctx.version))
    except MatcherError:
        return False  # R132 reports it


RULE = Rule(R131, ValidationLevel.STANDARD, "no matchers on the tenant label", check)
