"""R151 template-key-unknown: ``templates:`` keys are channel types, and each part one that channel has.

``templates: {<channel_type>: {<part>: ...}}`` takes only the integration catalog's channel types
and, per channel, the parts its native fields are filled from (slack: ``title``, ``text``; email:
``subject``, ``html``, ``text``; pagerduty: ``title``; ... ``receivers integrations list`` shows
them). Any other key used to become a define name of its own (``default`` rewrote every tenant's
Slack defaults); now it is an error at the key.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        slack: {title: "[[ name ]]", text: "{{ .CommonLabels.alertname }}"}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        default: {title: "mine"}
        slack: {username: "mine"}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R151
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.validation.rules.template_invalid import problems_of

    return problems_of(ctx, R151)


RULE = Rule(
    R151, ValidationLevel.STANDARD, "templates: keys are channel types and their parts",
    check,
)
