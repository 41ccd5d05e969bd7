"""R152 template-unbounded: a tenant's templates finish quickly and stay small.

Alertmanager runs the templates in its own process, for every tenant: one template that recurses
(``{{ template "acme/slack.text" . }}`` inside ``acme/slack.text``, directly or through other parts)
or grows without bound exhausts its memory. Refused: a cycle among the tenant's ``template`` calls;
``range`` nested more than 2 deep, counting through calls (alerts x labels is the most a
notification needs; built-in templates count as 2); re-assigning a variable (``$x = ...``) inside a
``range`` (it can double per alert); more than 1 MiB of template text reachable through calls; a
part over 64 KiB (source or output); a tenant file over 1 MiB.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        slack: {title: '{{ template "acme/title" . }}', text: '{{ range .Alerts }}{{ .Labels.alertname }}{{ end }}'}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        slack: {title: '{{ template "acme/slack.text" . }}', text: '{{ template "acme/slack.title" (slice . 0) }}'}
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R152
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.validation.rules.template_invalid import problems_of

    return problems_of(ctx, R152)


RULE = Rule(R152, ValidationLevel.STANDARD, "templates terminate and stay small", check)
