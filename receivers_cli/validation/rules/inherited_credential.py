"""R230 inherited-credential: a tenant receiver never takes a platform credential somewhere it chose.

Alertmanager fills a receiver's empty fields from ``global``: a tenant Opsgenie receiver without
``api_key`` gets the platform's ``opsgenie_api_key``, an email receiver without ``auth_password``
the platform's SMTP password, an SNS receiver without ``sigv4.access_key`` the Alertmanager host's
own AWS credentials. That is fine while the request goes where the platform sends it. A tenant
receiver that inherits such a credential and also sets a field that chooses the destination or
weakens the transport (its own ``api_url`` or ``smarthost``, ``http_config.proxy_url``,
``tls_config.insecure_skip_verify``, ``require_tls: false``, ...) would hand the platform's
credential to a server of its choice, so it is refused. An inherited platform destination
(``pagerduty_url``, ``opsgenie_api_url``, ...) is treated the same way: such URLs often hold a
token in their path, and a tenant proxy or a disabled TLS check would show it to the tenant.
Each integration module declares what it inherits and which of its fields redirect
(``receivers_cli/integrations/``); ``global.http_config`` never reaches a tenant receiver at
all, because render gives each one an explicit ``http_config``.

PASS::

    # file: receivers.yaml
    global:
      opsgenie_api_key: platform-opsgenie-key
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - name: pager
          channel_type: opsgenie
          config:
            api_key: acme-own-opsgenie-key
            api_url: "https://opsgenie.acme.example/"

FAIL::

    # file: receivers.yaml
    global:
      opsgenie_api_key: platform-opsgenie-key
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - name: pager
          channel_type: opsgenie
          config:
            api_url: "https://collector.acme.example/"
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli import integrations
from receivers_cli.codes import R230
from receivers_cli.errors import Problem
from receivers_cli.integrations.inheritance import inherited_credentials, redirecting_fields
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    global_config = ctx.platform.global_ or {}
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            integration = integrations.get(receiver.channel_type)
            if integration is None:
                continue  # R110 reports it
            owner = integrations.native(integration.native) or integration
            try:
                native = integration.to_native(receiver.config)
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # a vendor config missing its required fields: the integration stage reports it
            # A platform destination counts too: a global URL often carries its own secret (a
            # Slack or PagerDuty webhook path, a relay token), and a tenant proxy or a disabled
            # TLS check would show the whole URL to the tenant's server.
            inherited = inherited_credentials(
                owner, native, ctx.version, global_config, roles=("credential", "destination"))
            if not inherited:
                continue
            sources = sorted({s for _, found in inherited for s in found}) or sorted(
                {inherit.ambient for inherit, _ in inherited if inherit.ambient}
            )
            what = (
                "the platform's global " + ", ".join(sources)
                if any(found for _, found in inherited)
                else ", ".join(sources)
            )
            own = [name for inherit, _ in inherited for name in inherit.own_fields()]
            base = (tenant.id, "receivers", i, "config")
            for transport in redirecting_fields(owner, native, ctx.version):
                field = ".".join(transport.path)
                tenant_path = integration.tenant_path(receiver.config, transport.path)
                where = (*base, *tenant_path) if tenant_path else base
                yield tenant.doc.problem(
                    where, RULE.id,
                    f"{receiver.channel_type} receiver {receiver.name!r} would send {what} "
                    f"to a destination it chooses: it sets {field} and leaves "
                    f"{', '.join(own)} to the platform",
                    f"set your own {' and '.join(own)} (encrypted), or remove {field}",
                    at_key=True,
                )


RULE = Rule(
    R230, ValidationLevel.STANDARD,
    "no platform credential inherited by a tenant receiver that picks its own destination", check,
)
