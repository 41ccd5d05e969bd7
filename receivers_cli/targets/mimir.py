"""The mimir target: one envelope per tenant for Grafana Mimir's (or Cortex's) multi-tenant Alertmanager.

Mimir gives every tenant (``X-Scope-OrgID``) an Alertmanager of its own, so nothing is merged and
nothing needs confining inside a config: each tenant's ``alertmanager_config`` is built with the
isolation strategy "none" from that tenant alone (its own route tree at the top, its catch-all
``<tenant>/_unrouted`` as the root receiver, no tenant matcher). Platform receivers, observers,
platform routes and inhibit rules stay out of it: they would put the platform's receivers, and
their credentials, into every tenant's config, which the tenant can read back from Mimir. The
platform's default receiver goes into the fallback envelope, for the tenants that have no config.
Of the platform's ``global`` section a tenant's config keeps only what its own receivers inherit
(an SMTP relay for a tenant that sends email, ...), and never ``http_config``.

File layout: ``<tenant>.yaml`` (``{template_files: {<tenant>.tmpl: body}, alertmanager_config:
"<yaml>"}``, the body of ``POST /api/v1/alerts``), ``_fallback.yaml`` and ``manifest.json``.

Secret policy: inline only. Mimir refuses every field that reads a local file (R304), so the values
are in the envelopes: the output is deploy-only, never committed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from receivers_cli import codes
from receivers_cli.alertmanager.versions import Version
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.isolation import naming
from receivers_cli.isolation.strategy import NoIsolation
from receivers_cli.model.platform import PlatformRoutes
from receivers_cli.model.tenant import ID_PATTERN
from receivers_cli.render.build import BuildResult, BuildTenant, build
from receivers_cli.render.layout import MANIFEST_FILE
from receivers_cli.render.manifest import Input, manifest_json
from receivers_cli.render.yaml_emit import dump
from receivers_cli.targets.base import Rendered, RenderOptions, TargetSettings
from receivers_cli.targets.native import resolve_tenants
from receivers_cli.targets.shared import header

if TYPE_CHECKING:
    from receivers_cli.api.project import Project
    from receivers_cli.integrations.integration import Integration
    from receivers_cli.loading.yaml_source import SourceDocument
    from receivers_cli.model.platform import Platform

ENVELOPE_SUFFIX = ".yaml"
# Starts with "_", which no tenant id can: it never collides with an envelope.
FALLBACK_FILE = "_fallback.yaml"
MAX_PREVIOUS_BYTES = 64 * 1024 * 1024

# What Mimir refuses on upload (grafana/mimir pkg/alertmanager/api.go and grafana/alerting's copy):
# every field reading a local file, header values from files, inline TLS material, and proxies.
REFUSED_KEYS = frozenset({"proxy_url", "proxy_from_environment", "files"})
REFUSED_TLS_KEYS = frozenset({"ca", "cert", "key"})


def envelope_file(tenant: str) -> str:
    return tenant + ENVELOPE_SUFFIX


class MimirTarget:
    name = "mimir"

    def render(self, project: Project, options: RenderOptions) -> Rendered:
        if options.secrets_mount is not None or options.secrets_dir is not None:
            raise ValueError("the mimir target puts secrets inline: Mimir refuses *_file fields")
        platform, platform_configs, tenants, skipped, secrets = resolve_tenants(
            project, options.env, options.decrypt, options.on_tenant_error)
        isolated = _tenant_platform(platform)
        docs = {t.id: t.doc for t in project.tenants}
        files: dict[str, str] = {}
        problems: list[Problem] = []
        rendered_ids: set[str] = set()
        for tenant in sorted(tenants, key=lambda t: t.id):
            text, found = _tenant_envelope(project, isolated, tenant, docs[tenant.id], options.settings)
            if found and options.on_tenant_error == "skip":
                skipped[docs[tenant.id].file] = [secrets.mask_problem(p) for p in found]  # fails alone
                continue
            problems += found
            files[envelope_file(tenant.id)] = text
            rendered_ids.add(tenant.id)
        fallback, found = _fallback_envelope(project, platform, platform_configs)
        problems += found
        files[FALLBACK_FILE] = fallback
        if problems:
            raise ProblemsError([secrets.mask_problem(p) for p in problems])
        carried = _carry_previous(project, skipped, options.previous_output, files)
        inputs = [Input(t.doc.file, t.doc.sha256, t.id) for t in project.tenants if t.id in rendered_ids]
        if project.platform_doc is not None:
            inputs.append(Input(project.platform_doc.file, project.platform_doc.sha256))
        key_ids: Mapping[str, set[str]] = getattr(options.decrypt, "key_ids", {})
        files[MANIFEST_FILE] = manifest_json(project.version, inputs, files, key_ids)
        private = frozenset(name for name in files if name != MANIFEST_FILE)
        return Rendered(files, sorted(rendered_ids), skipped, secrets, carried=carried, private_files=private)


def _tenant_platform(platform: Platform) -> Platform:
    """The platform settings a tenant's own Alertmanager is built with: no platform receivers,
    observers, routes or inhibit rules, and no ``global.http_config`` (its credentials would reach
    the tenant's config; Mimir has no global HTTP client to share anyway)."""
    global_ = {k: v for k, v in platform.global_.items() if k != "http_config"}
    return platform.model_copy(update={
        "receivers": [], "observers": [], "routes": PlatformRoutes(), "inhibit_rules": [],
        "default_receiver": None, "global_": global_,
    })


@cache
def _inheritable_globals() -> frozenset[str]:
    """Every ``global`` field some integration fills a receiver's empty field from."""
    from receivers_cli import integrations

    return frozenset(g for integration in integrations.catalog().values()
                     for inherit in integration.all_inherits() for g in inherit.globals)


@cache
def _by_native() -> Mapping[str, Integration]:
    """Each integration by the ``*_configs`` key it emits (computed once, not per envelope)."""
    from receivers_cli import integrations

    return {i.native: i for i in integrations.catalog().values()}


def used_globals(config: Mapping[str, Any], version: Version) -> set[str]:
    """The ``global`` fields the receivers of ``config`` take a value from (any role: credentials,
    destinations, settings), by the integrations' own inheritance declarations."""
    from receivers_cli.integrations.inheritance import inherited_credentials

    by_native = _by_native()
    global_ = config.get("global", {})
    used: set[str] = set()
    for receiver in config.get("receivers", []):
        for key, entries in receiver.items():
            integration = by_native.get(key)
            if integration is None or not isinstance(entries, list):
                continue
            for native in entries:
                found = inherited_credentials(integration, native, version, global_,
                                              roles=("credential", "destination", "setting"))
                used.update(g for _, sources in found for g in sources)
    return used


def least_global(config: dict[str, Any], version: Version) -> None:
    """Keep in ``global`` only what this config's receivers inherit, and what no receiver field reads
    (``resolve_timeout``): a Mimir tenant can read its config back, so a tenant that sends no email
    must not find the platform's SMTP password there."""
    global_ = config.get("global")
    if not global_:
        return
    keep = used_globals(config, version)
    inheritable = _inheritable_globals()
    kept = {k: v for k, v in global_.items() if k in keep or k not in inheritable}
    if kept:
        config["global"] = kept
    else:
        del config["global"]


def tenant_config(result: BuildResult, tenant: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A one-tenant build as Mimir takes it: the tenant's route at the root (no matcher: the
    instance is the tenant's), without the platform's catch-all, templates by bare file name."""
    config = result.config
    route = config["route"]
    (own,) = [r for r in route.get("routes", []) if r.get("receiver", "").startswith(naming.prefix(tenant))]
    config["route"] = {k: v for k, v in own.items() if k != "matchers"}
    config["receivers"] = [r for r in config["receivers"] if r["name"] != route["receiver"]]
    templates = {name.rsplit("/", 1)[-1]: text for name, text in result.templates.items()}
    if templates:
        config["templates"] = sorted(templates)  # bare names: Mimir refuses paths
    return config, templates


def _tenant_envelope(
    project: Project, platform: Platform, tenant: BuildTenant, doc: SourceDocument, settings: TargetSettings,
) -> tuple[str, list[Problem]]:
    result = build(platform, project.version, [tenant], {}, NoIsolation())
    config, templates = tenant_config(result, tenant.id)
    least_global(config, project.version)
    names = [r.name for r in tenant.model.receivers]
    # The platform's global section is checked once, with the fallback, not once per tenant.
    problems = _refusals(project, doc, (tenant.id, names), config, with_global=False)
    what = f"the Mimir Alertmanager config of tenant {tenant.id} (X-Scope-OrgID: {tenant.id})"
    text = envelope(config, templates, header(project.version, what, True))
    problems += _limits(doc, tenant.id, text, templates, settings)
    return text, problems


def envelope(config: dict[str, Any], templates: Mapping[str, str], head: str) -> str:
    body = {"template_files": dict(templates), "alertmanager_config": dump(config)}
    return dump(body, head, blocks=True)


def _fallback_envelope(
    project: Project, platform: Platform, platform_configs: Mapping[str, Any],
) -> tuple[str, list[Problem]]:
    """For tenants without a config: everything to the platform's default receiver (or nobody)."""
    default = [r for r in platform.receivers if r.name == platform.default_receiver]
    fallback = platform.model_copy(update={
        "receivers": default, "observers": [], "routes": PlatformRoutes(), "inhibit_rules": [],
        "time_intervals": [],
    })
    configs = {r.name: platform_configs.get(r.name, {}) for r in default}
    config = build(fallback, project.version, [], configs).config
    problems = _refusals(project, None, None, config, with_global=True)
    what = "the Mimir fallback config (-alertmanager.configs.fallback: its alertmanager_config)"
    return envelope(config, {}, header(project.version, what, bool(default) or bool(platform.global_))), problems


HINTS = {
    "file": "give the value inline (${VAR} or ENC[...]; the mimir output is deploy-only, never committed)",
    "proxy": "Mimir sends through its own egress settings: leave the proxy out for --target mimir",
    "tls": "Mimir takes no TLS material in a tenant config: leave it out for --target mimir",
}


def refused_fields(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Each setting Mimir refuses in a native config: its path, what it is, and which kind (HINTS)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            here = (*path, key)
            if value not in (None, "", False, [], {}) and isinstance(key, str):
                if key.endswith("_file") or key == "files":
                    yield here, f"{key} (it reads a file on Mimir's host)", "file"
                elif key in ("proxy_url", "proxy_from_environment"):
                    yield here, f"{key} (a proxy outside Mimir's egress control)", "proxy"
                elif key in REFUSED_TLS_KEYS and path and path[-1] == "tls_config":
                    yield here, f"tls_config {key} (TLS material in the config)", "tls"
            yield from refused_fields(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from refused_fields(item, (*path, i))


def _refusals(
    project: Project, doc: SourceDocument | None, tenant: tuple[str, list[str]] | None, config: dict[str, Any],
    *, with_global: bool,
) -> list[Problem]:
    return [_locate(project, doc, tenant, config, path, why, kind) for path, why, kind in refused_fields(config)
            if with_global or path[0] != "global"]


def _locate(
    project: Project, doc: SourceDocument | None, tenant: tuple[str, list[str]] | None, config: dict[str, Any],
    path: tuple[str | int, ...], why: str, kind: str,
) -> Problem:
    """The problem at the line that wrote the setting: the tenant's receiver, or receivers.yaml."""
    message = f"Mimir refuses {why} on upload"
    hint = HINTS[kind]
    if path[0] == "receivers" and isinstance(path[1], int):
        owner, name = naming.split(str(config["receivers"][path[1]]["name"]))
        # receivers[i].<integration>_configs[j].<field path>: the tenant writes <field path> under config:
        rest = path[4:] if len(path) > 4 else ()
        if tenant is not None and doc is not None and owner == tenant[0]:
            index = tenant[1].index(name) if name in tenant[1] else 0
            return doc.problem((tenant[0], "receivers", index, "config", *rest), codes.R304, message, hint)
        if project.platform_doc is not None:
            index = next((i for i, r in enumerate(project.platform.receivers) if r.name == name), 0)
            return project.platform_doc.problem(("receivers", index, "config", *rest), codes.R304, message, hint)
    if project.platform_doc is not None and path[0] == "global":
        return project.platform_doc.problem(path, codes.R304, message, hint)
    file = doc.file if doc is not None else (project.platform_doc.file if project.platform_doc else "receivers.yaml")
    return Problem(file, 1, 1, codes.R304, message, hint, path=path)


def _limits(
    doc: SourceDocument, tenant: str, text: str, templates: Mapping[str, str], settings: TargetSettings,
) -> list[Problem]:
    found: list[Problem] = []
    size = len(text.encode("utf-8"))
    if settings.max_config_size and size > settings.max_config_size:
        found.append(doc.problem((tenant,), codes.R305,
                                 f"the Mimir envelope of {tenant} is {size} bytes; the limit is "
                                 f"{settings.max_config_size} (alertmanager_max_config_size_bytes)",
                                 "shorten its templates or receivers, or raise the tenant's limit in Mimir",
                                 at_key=True))
    if settings.max_templates and len(templates) > settings.max_templates:
        found.append(doc.problem((tenant, "templates"), codes.R305,
                                 f"{tenant} has {len(templates)} template files; the limit is "
                                 f"{settings.max_templates} (alertmanager_max_templates_count)", at_key=True))
    for name, body in sorted(templates.items()):
        body_size = len(body.encode("utf-8"))
        if settings.max_template_size and body_size > settings.max_template_size:
            found.append(doc.problem((tenant, "templates"), codes.R305,
                                     f"template {name} of {tenant} is {body_size} bytes; the limit is "
                                     f"{settings.max_template_size} (alertmanager_max_template_size_bytes)",
                                     "shorten the tenant's templates: overrides, metadata text and links "
                                     "all count", at_key=True))
    return found


def _carry_previous(
    project: Project, skipped: Mapping[str, list[Problem]], previous: Path | None, files: dict[str, str],
) -> dict[str, str]:
    """``--on-tenant-error skip``: a skipped tenant keeps its envelope from the previous output (a
    deploy that syncs the folder would otherwise delete its config in Mimir)."""
    carried: dict[str, str] = {}
    for tenant in project.broken_tenants([p for problems in skipped.values() for p in problems]):
        if not re.fullmatch(ID_PATTERN, tenant):
            continue  # a file stem that is no tenant id names no envelope
        path = previous / envelope_file(tenant) if previous is not None else None
        try:
            if path is None or path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_PREVIOUS_BYTES:
                raise FileNotFoundError
            files[envelope_file(tenant)] = path.read_text("utf-8")
            carried[tenant] = ""
        except (OSError, UnicodeDecodeError):
            carried[tenant] = "no previous envelope in the output folder"
    return carried
