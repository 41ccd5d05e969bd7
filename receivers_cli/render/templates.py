"""Notification templates: Jinja2 in (with the tenant's context), Go templates out.

Both languages use ``{{ }}``, so the Jinja side uses ``[[ ]]`` for expressions, ``[% %]`` for
statements and ``[# #]`` for comments, and everything Jinja inserts is escaped so that Go reads it
as literal text. Every ``define`` is named ``<tenant>.<...>``: a tenant can neither override a
built-in template (``slack.default.title``) nor another tenant's, because Alertmanager lets the
last definition of a name win silently for everyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant

# A tenant's template text may not open a definition of its own: that is how names are hijacked.
DEFINE_ACTION = re.compile(r"\{\{-?\s*(define|block)\b")


def go_literal(value: Any) -> str:
    """Text that a Go template prints verbatim (``{{`` would otherwise open an action)."""
    if value is None:
        return ""
    return str(value).replace("{{", '{{ "{{" }}')


@cache
def _environment() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        autoescape=False,
        finalize=go_literal,
    )


@cache
def _base_template() -> str:
    return resources.files("receivers_cli.render").joinpath("templates/tenant.tmpl.j2").read_text("utf-8")


def tenant_context(platform: Platform, tenant_id: str, tenant: Tenant) -> dict[str, Any]:
    meta = tenant.metadata
    return {
        "tenant": tenant_id,
        "name": meta.name,
        "tier": meta.tier,
        "sla_level": meta.sla_level,
        "contact_team": meta.contact_team,
        "runbook_url": meta.runbook_url,
        "dashboard_url": meta.dashboard_url,
        "severity_label": platform.severity_label,
        "tenant_label": platform.tenant_label,
    }


@lru_cache(maxsize=512)
def _compiled(source: str) -> Any:
    return _environment().from_string(source)


def render_jinja(source: str, context: dict[str, Any]) -> str:
    """Render Jinja ``source``; compiled once per distinct source (most tenants share them)."""
    return str(_compiled(source).render(**context))


def _render_part(tenant_id: str, channel: str, kind: str, source: str, context: dict[str, Any]) -> str:
    """Render one template part; a Jinja error is a problem (R150), never a traceback."""
    from jinja2 import TemplateError

    from receivers_cli.errors import Problem, ProblemsError

    try:
        return render_jinja(source, context)
    except TemplateError as exc:
        message = f"tenant {tenant_id}: template {channel}.{kind}: {exc}"
        raise ProblemsError([Problem(tenant_id, 0, 0, "R150", message, "run receivers validate")]) from None


class TemplateSet:
    """Collects one template file per tenant and the define name of each part it provides."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._files: dict[str, str] = {}

    def add_tenant(
        self, tenant_id: str, tenant: Tenant, channels: Iterable[str] = ()
    ) -> dict[str, str]:
        """Render the tenant's file; return part key (``title``, ``slack.title``) → define name.

        ``channels`` are the channel types the tenant uses: each gets its per-channel defaults
        (``CHANNEL_DEFAULTS``) unless the tenant overrides that part under ``templates:``.
        """
        from receivers_cli.render.channel_templates import CHANNEL_DEFAULTS

        context = tenant_context(self.platform, tenant_id, tenant)
        parts: dict[str, str] = {"title": f"{tenant_id}.title", "text": f"{tenant_id}.text"}
        body = render_jinja(_base_template(), context)
        sources: dict[tuple[str, str], str] = {}
        for channel in sorted(set(channels)):
            for kind, source in CHANNEL_DEFAULTS.get(channel, {}).items():
                sources[(channel, kind)] = source
        for channel, overrides in tenant.templates.items():
            for kind, source in overrides.items():
                sources[(channel, kind)] = source
        for (channel, kind), source in sorted(sources.items()):
            name = f"{tenant_id}.{channel}.{kind}"
            text = _render_part(tenant_id, channel, kind, source, context)
            body += f'{{{{ define "{name}" }}}}{text}{{{{ end }}}}\n'
            parts[f"{channel}.{kind}"] = name
        self._files[f"{tenant_id}.tmpl"] = body
        return parts

    def render(self) -> dict[str, str]:
        return dict(sorted(self._files.items()))
