"""R150 template-invalid: tenant templates parse, define nothing, and reference only defined names.

A tenant's ``templates:`` overrides are Jinja2 (``[[ ]]``, ``[% %]``) that produce Go template
text; a Jinja syntax error is reported at the override. They may not open a ``{{ define }}`` or
``{{ block }}`` of their own (that is how another tenant's or a built-in template is replaced for
everyone). Every ``{{ template "name" }}`` in a receiver's ``config`` or in an override must name a
template that exists: one of the tenant's own (``<tenant>.title``, ``<tenant>.text``, the
per-channel defaults of the channel types it uses, its overrides) or an Alertmanager built-in
(``__subject``, ``slack.default.title``, ...). ``amtool check-config`` does not check this; the
notification fails at send time instead.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}", pretext: '{{ template "acme.title" . }}'}}
      templates:
        slack: {title: '[[ name ]]: {{ template "acme.slack.text" . }}'}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: chat
          channel_type: slack
          config: {api_url: "${SLACK_URL}", pretext: '{{ template "globex.title" . }}'}
      templates:
        slack: {title: '{{ define "slack.default.title" }}mine{{ end }}', text: "[% if name %]"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from receivers_cli.errors import Problem
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

TEMPLATE_CALL = re.compile(r"\{\{-?\s*template\s+(?:\"((?:[^\"\\]|\\.)*)\"|`([^`]*)`)")
# Alertmanager's own templates (default.tmpl / email.tmpl of the supported releases).
BUILTIN_HELPERS = frozenset(
    {"__alertmanager", "__alertmanagerURL", "__subject", "__description", "__text_alert_list",
     "__text_alert_list_markdown"}
)  # fmt: skip
BUILTIN_DEFAULT = re.compile(r"^[a-z0-9]+\.default\.[A-Za-z_]+$")


def defined_names(tenant: CheckedTenant) -> set[str]:
    """The names the tenant's generated template file defines."""
    from receivers_cli.render.channel_templates import CHANNEL_DEFAULTS

    names = {f"{tenant.id}.title", f"{tenant.id}.text"}
    for receiver in tenant.model.receivers:
        if receiver.enabled:
            kinds = CHANNEL_DEFAULTS.get(receiver.channel_type, {})
            names.update(f"{tenant.id}.{receiver.channel_type}.{kind}" for kind in kinds)
    for channel, parts in tenant.model.templates.items():
        names.update(f"{tenant.id}.{channel}.{kind}" for kind in parts)
    return names


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        defined = defined_names(tenant)
        texts: list[tuple[tuple[str | int, ...], str]] = []
        for i, receiver in enumerate(tenant.model.receivers):
            texts.extend(_strings(receiver.config, (tenant.id, "receivers", i, "config")))
        if tenant.model.templates:  # Jinja is loaded only for tenants that override templates
            yield from _check_overrides(ctx, tenant, texts)
        for path, text in texts:
            for match in TEMPLATE_CALL.finditer(text):
                name = match.group(1) if match.group(1) is not None else match.group(2)
                if name in defined or name in BUILTIN_HELPERS or BUILTIN_DEFAULT.match(name):
                    continue
                own = sorted(defined)
                yield tenant.doc.problem(
                    path, RULE.id, f"template {name!r} is not defined for tenant {tenant.id}",
                    "use one of: " + ", ".join(own),
                )


def _check_overrides(
    ctx: RuleContext, tenant: CheckedTenant, texts: list[tuple[tuple[str | int, ...], str]]
) -> Iterator[Problem]:
    """Problems of the tenant's ``templates:`` overrides; their rendered text is added to ``texts``."""
    from jinja2 import TemplateError, TemplateSyntaxError

    from receivers_cli.render.templates import DEFINE_ACTION, render_jinja, tenant_context

    context = tenant_context(ctx.platform, tenant.id, tenant.model)
    for channel, parts in tenant.model.templates.items():
        for kind, source in parts.items():
            path: tuple[str | int, ...] = (tenant.id, "templates", channel, kind)
            action = DEFINE_ACTION.search(source)
            if action:
                yield tenant.doc.problem(
                    path, RULE.id, f"template {channel}.{kind} opens a {{{{ {action.group(1)} }}}} of its own",
                    f"write only the body; it is defined as {tenant.id}.{channel}.{kind} for you",
                )
                continue
            try:
                texts.append((path, render_jinja(source, context)))
            except TemplateSyntaxError as exc:
                yield tenant.doc.problem(
                    path, RULE.id,
                    f"template {channel}.{kind}: Jinja syntax error on line {exc.lineno}: {exc.message}",
                    "Jinja uses [[ ]] and [% %] here; Go template actions are {{ }}",
                )
            except TemplateError as exc:
                yield tenant.doc.problem(
                    path, RULE.id, f"template {channel}.{kind} cannot be rendered: {exc}",
                    "fix the Jinja expression",
                )


RULE = Rule(
    "R150", "template-invalid", ValidationLevel.STANDARD, "templates parse and reference defined names", check
)
