"""R405 pii-label-in-template: templates do not print labels listed in ``metadata.pii_labels`` (strict).

Labels that carry personal data (an e-mail address, a customer id) may route alerts but must not
be copied into notifications, which end up in chat rooms and ticket systems.

PASS::

    acme:
      metadata: {name: Acme, pii_labels: [customer_email]}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        slack: {title: "{{ .CommonLabels.alertname }}"}

FAIL::

    acme:
      metadata: {name: Acme, pii_labels: [customer_email]}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        slack: {title: "{{ .CommonLabels.alertname }} for {{ .CommonLabels.customer_email }}"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from receivers_cli.codes import R405
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def _label_use(label: str) -> re.Pattern[str]:
    name = re.escape(label)
    return re.compile(rf"Labels\.{name}\b|index\s+\S*Labels\s+\"{name}\"|\blabels\.{name}\b|\[[\"']{name}[\"']\]")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        pii = tenant.model.metadata.pii_labels
        if not pii:
            continue
        patterns = {label: _label_use(label) for label in pii}
        for channel, parts in tenant.model.templates.items():
            for part, text in parts.items():
                for label, pattern in patterns.items():
                    if pattern.search(text):
                        yield tenant.doc.problem(
                            (tenant.id, "templates", channel, part), RULE.id,
                            f"template {channel}.{part} prints the personal-data label {label!r}",
                            "remove it from the template (it is listed in metadata.pii_labels)",
                        )


RULE = Rule(R405, ValidationLevel.STRICT, "templates skip pii_labels", check)
