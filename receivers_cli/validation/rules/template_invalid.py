"""R150 template-invalid: tenant templates are valid Go, define nothing, call only own, platform or built-in names.

A tenant's ``templates:`` entries are Jinja2 (``[[ ]]``, ``[% %]``, ``[# #]``) that produce Go
template text. What Jinja PRODUCES is parsed as Alertmanager's Go template parser would, because
Alertmanager loads every tenant's file into one template set: a syntax error, an unbalanced
``{{ if``, an unknown function in one file stops the whole configuration from loading. Refused: Jinja
syntax errors and constructs off the whitelist (loops, macros, ``set``, ``include``, ``*``, ``/``,
...; see ``docs/security.md``), Go syntax errors, functions the target Alertmanager lacks, a
``{{ define }}`` / ``{{ block }}`` / stray ``{{ end }}`` of its own (however it is spelled or split),
and ``{{ template "name" }}`` calls, in a part or in a receiver's ``config``, naming anything but
the tenant's own parts (``<tenant>/title``, ``<tenant>/text``, ``<tenant>/<channel>.<kind>``), the
platform's shared templates (``_platform/<name>``, defined by the files ``receivers.yaml`` lists
under ``templates.files``; R153) or Alertmanager's built-in names (``__subject``,
``slack.default.title``, ...). A refused call names the platform's templates in its hint.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}", pretext: '{{ template "acme/title" . }}'}}
      templates:
        slack: {title: '[[ name ]]: {{ template "acme/slack.text" . }}'}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: chat
          channel_type: slack
          config: {api_url: "${SLACK_URL}", pretext: '{{ template "globex/title" . }}'}
      templates:
        slack: {title: '{{ de[# #]fine "slack.default.title" }}mine{{ end }}', text: "{{ if .Status }}"}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from receivers_cli.codes import R150, Code
from receivers_cli.errors import Problem
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule
from receivers_cli.validation.rules._values import config_strings

# The last context analysed and its findings: R150, R151 and R152 share one analysis per run.
_cache: dict[int, tuple[RuleContext, dict[str, list[Any]]]] = {}


def analyse(ctx: RuleContext, tenant: CheckedTenant) -> list[Any]:
    """Every template problem of ``tenant`` (``TemplateProblem``s of R150, R151 and R152)."""
    cached = _cache.get(id(ctx))
    if cached is None or cached[0] is not ctx:
        _cache.clear()
        cached = _cache[id(ctx)] = (ctx, {})
    found = cached[1].get(tenant.id)
    if found is None:
        found = cached[1][tenant.id] = list(_analyse(ctx, tenant))
    return found


def _analyse(ctx: RuleContext, tenant: CheckedTenant) -> Iterator[Any]:
    from receivers_cli.alertmanager.gotemplate import functions_for
    from receivers_cli.render.templates import build_tenant_templates, check_text, default_names

    channels = [r.channel_type for r in tenant.model.receivers if r.enabled and r.channel_type]
    if tenant.model.templates:
        built = build_tenant_templates(ctx.platform, ctx.version, tenant.id, tenant.model, channels,
                                       ctx.shared_templates)
        yield from built.problems
        own = set(built.parts.values())
    else:
        # Only our own parts, with tenant data through go_literal (render checks them too): the
        # names are known without loading Jinja, which keeps a one-file validate fast.
        own = set(default_names(tenant.id, channels))
    functions = functions_for(ctx.version)
    for _receiver, path, _names, text in config_strings(tenant):
        if "{{" in text:
            yield from check_text(tenant.id, text, functions, own, path, ctx.shared_templates)


def problems_of(ctx: RuleContext, rule_id: Code) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for found in analyse(ctx, tenant):
            if found.rule == rule_id:
                yield tenant.doc.problem(found.path, rule_id, found.message, found.hint)


def check(ctx: RuleContext) -> Iterator[Problem]:
    return problems_of(ctx, R150)


RULE = Rule(
    R150, ValidationLevel.STANDARD, "templates are valid Go and call only their own, platform or built-in names",
    check,
)
