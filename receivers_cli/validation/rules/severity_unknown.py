"""R111 severity-unknown: ``min_severity`` must be a rung of the platform's severity ladder.

The ladder is ``info < warning < error < critical`` unless ``receivers.yaml`` sets ``severities``.
The same holds for ``observers[].min_severity`` in ``receivers.yaml``.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, min_severity: warning, config: {url: "https://example.com/hook"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, min_severity: warn, config: {url: "https://example.com/hook"}}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R111
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.wording import did_you_mean


def check(ctx: RuleContext) -> Iterator[Problem]:
    ladder = ctx.platform.severities
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            value = receiver.min_severity
            if value is not None and value not in ladder:
                yield tenant.doc.problem(
                    (tenant.id, "receivers", i, "min_severity"), RULE.id, f"unknown severity {value!r}",
                    _hint(value, ladder),
                )

    from receivers_cli.validation.route_tree import problems_of

    yield from problems_of(ctx, RULE.id)  # the same check in native route trees (route:)


def platform_problems(platform: Platform, doc: SourceDocument) -> Iterator[Problem]:
    """The observers' ``min_severity`` in ``receivers.yaml`` (called with the platform checks)."""
    for i, observer in enumerate(platform.observers):
        value = observer.min_severity
        if value is not None and value not in platform.severities:
            yield doc.problem(("observers", i, "min_severity"), RULE.id,
                              f"unknown severity {value!r} for observer {observer.receiver!r}",
                              _hint(value, platform.severities))


def _hint(value: str, ladder: list[str]) -> str:
    return did_you_mean(value, ladder, "one of: " + ", ".join(ladder), cutoff=0.5)


RULE = Rule(R111, ValidationLevel.STANDARD, "min_severity is on the severity ladder", check)
