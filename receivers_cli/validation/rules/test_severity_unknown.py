"""R506 test-severity-unknown: routing tests use severities of the ladder (warning).

A ``tests:`` case (or one of its ``firing`` alerts) whose severity label is not a rung of the
platform's ladder tests an alert the tenant's routes do not expect: ``min_severity`` selects rungs
by name, so ``severity: crit`` reaches only the receivers that take every alert, and the test
proves little. Usually a typo; the ladder is ``info < warning < error < critical`` unless
``receivers.yaml`` sets ``severities``.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/p"}}
      tests:
        - {labels: {severity: critical}, expect: [pager]}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: pager, channel_type: webhook, config: {url: "https://example.com/p"}}
      tests:
        - {labels: {severity: crit}, expect: [pager]}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R506
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._warn import warning
from receivers_cli.wording import did_you_mean


def check(ctx: RuleContext) -> Iterator[Problem]:
    label, ladder = ctx.platform.severity_label, ctx.platform.severities
    for tenant in ctx.tenants:
        for i, test in enumerate(tenant.model.tests):
            named = f"test {test.name!r}" if test.name else f"test {i + 1}"
            cases: list[tuple[tuple[str | int, ...], dict[str, str]]] = [
                ((tenant.id, "tests", i, "labels", label), test.labels)
            ]
            cases += [((tenant.id, "tests", i, "firing", j, label), f) for j, f in enumerate(test.firing)]
            for path, labels in cases:
                value = labels.get(label)
                if value is None or value in ladder:
                    continue
                yield warning(tenant.doc.problem(
                    path, RULE.id, f"{named}: {label} {value!r} is not on the severity ladder",
                    did_you_mean(value, ladder, "one of: " + ", ".join(ladder), cutoff=0.5),
                ))


RULE = Rule(R506, ValidationLevel.STANDARD, "routing tests use known severities (warning)", check, warning=True)
