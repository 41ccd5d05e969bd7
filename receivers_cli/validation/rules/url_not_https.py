"""R402 url-not-https: URL fields use https (strict).

Notifications carry alert details and often credentials; plain ``http://`` sends them readable
by anyone on the path.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}", url: "https://events.example.com"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: page, channel_type: pagerduty, config: {integration_key: "${PD_KEY}", url: "http://events.example.com"}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from receivers_cli import integrations
from receivers_cli.codes import R402
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._values import config_strings


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for i, path, names, value in config_strings(tenant):
            if not value.lower().startswith("http://"):
                continue
            integration = integrations.get(tenant.model.receivers[i].channel_type)
            if integration is not None and _is_url(integration, integration.native_path(names)):
                yield tenant.doc.problem(
                    path, RULE.id, f"{'.'.join(names)!r} uses plain http", "use an https:// URL"
                )


def _is_url(integration: Any, names: tuple[str, ...]) -> bool:
    fields = integration.all_fields()
    spec = None
    for name in names:
        spec = next((f for f in fields if f.name == name), None)
        if spec is None:
            return False
        fields = spec.fields
    return spec is not None and spec.kind == "url"


RULE = Rule(R402, ValidationLevel.STRICT, "URLs use https", check)
