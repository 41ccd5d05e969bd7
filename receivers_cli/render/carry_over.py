"""``render --on-tenant-error skip``: a skipped tenant keeps its last good rendering.

Leaving a broken tenant out of the new config would send its alerts (critical ones included) to
the platform default, that is to nobody the tenant chose. So its part of the previous output is
carried into the new one: its receivers, its route subtree, inhibit rules, time intervals and
template file, found by name (``<tenant>/...``, ``templates/<tenant>.tmpl``) in the existing
``alertmanager.yml``. The previous output is our own, but it is checked before use all the same:
the route must match exactly ``<tenant_label>="<tenant>"`` and reach only the tenant's receivers
and time intervals, each inhibit rule must carry that matcher on both sides and the tenant label in
``equal``, and the output must have been rendered for the same Alertmanager version. Otherwise, or
when there is no previous rendering, the tenant has no routes now, and the caller says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.importers.rendered_folder import header_version
from receivers_cli.isolation import naming
from receivers_cli.isolation.strategy import for_label
from receivers_cli.render.layout import CONFIG_FILE, MANIFEST_FILE, TEMPLATES_DIR, TEMPLATES_GLOB

MAX_PREVIOUS_BYTES = 512 * 1024 * 1024  # the previous output is ours; large fleets render big files


@dataclass
class Previous:
    """What the previous output holds, read once."""

    config: dict[str, Any] | None
    version: str | None
    manifest: dict[str, Any]
    folder: Path
    # Templates by nested name when the folder is not the nested layout (flat, kubernetes, helm).
    templates: dict[str, str] | None = None


@dataclass
class CarryResult:
    carried: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # tenant → manifest input records
    not_carried: dict[str, str] = field(default_factory=dict)  # tenant → why
    templates: dict[str, str] = field(default_factory=dict)  # file name → text


def read_previous(folder: Path) -> Previous:
    from receivers_cli.errors import ProblemsError
    from receivers_cli.loading.yaml_source import load_file

    config: dict[str, Any] | None = None
    version: str | None = None
    templates: dict[str, str] | None = None
    path = folder / CONFIG_FILE
    from receivers_cli.importers.target_folders import flat_templates, load_target_folder, target_of

    target = target_of(folder)
    if target in ("kubernetes", "helm"):  # the same merged config, in a Secret or a values file
        from receivers_cli.importers.rendered_folder import version_from_header

        try:
            native = load_target_folder(folder, target, version_from_header, {})
        except (ProblemsError, OSError, UnicodeDecodeError):
            native = None
        if native is not None:
            config, templates, version = native.config, native.templates, format_version(native.version)
    elif path.is_file():
        try:
            doc = load_file(path, max_bytes=MAX_PREVIOUS_BYTES)
        except ProblemsError:
            doc = None
        if doc is not None and isinstance(doc.data, dict):
            config = doc.data
            version = header_version(doc.text)
        if not (folder / TEMPLATES_DIR).is_dir():
            templates = flat_templates(folder)  # --layout flat
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text("utf-8"))
        if not isinstance(manifest, dict):
            manifest = {}
    except (OSError, ValueError):
        manifest = {}
    return Previous(config, version, manifest, folder, templates)


def carry_over(
    config: dict[str, Any], templates: dict[str, str], tenants: list[str], previous: Previous,
    *, tenant_label: str, version: Version,
) -> CarryResult:
    """Put each of ``tenants``' previous part into ``config`` (changed in place) where possible."""
    result = CarryResult()
    for tenant in sorted(tenants):
        why = _carry_one(config, templates, tenant, previous, tenant_label, version, result)
        if why:
            result.not_carried[tenant] = why
    return result


def _owner(name: Any) -> str:
    return naming.owner_of(str(name))


def _carry_one(
    config: dict[str, Any], templates: dict[str, str], tenant: str, previous: Previous, tenant_label: str,
    version: Version, result: CarryResult,
) -> str:
    old = previous.config
    if old is None:
        return f"no previous rendering in {previous.folder}/"
    if previous.version != format_version(version):
        return f"the previous rendering is for Alertmanager {previous.version or 'unknown'}, the target is " \
               f"{format_version(version)}"
    scope, = for_label(tenant_label).route_matchers(tenant)
    prefix = naming.prefix(tenant)
    route = next((r for r in (old.get("route") or {}).get("routes") or []
                  if isinstance(r, dict) and r.get("matchers") == [scope]
                  and r.get("receiver") == naming.unrouted(tenant)), None)
    if route is None:
        return f"no previous rendering of {tenant} in {previous.folder}/"
    if not _confined(route, prefix):
        return f"its previous route reaches receivers or time intervals outside {prefix}"
    if any(_owner(r.get("name")) == tenant for r in config.get("receivers") or []):
        return f"receivers named {prefix}... are rendered by another file"
    receivers = [r for r in old.get("receivers") or [] if isinstance(r, dict) and _owner(r.get("name")) == tenant]
    intervals = {key: [t for t in old.get(key) or [] if isinstance(t, dict) and _owner(t.get("name")) == tenant]
                 for key in ("time_intervals", "mute_time_intervals")}
    rules = [r for r in old.get("inhibit_rules") or [] if isinstance(r, dict) and scope in (r.get("source_matchers")
             or []) and scope in (r.get("target_matchers") or []) and tenant_label in (r.get("equal") or [])]
    template_name = f"{TEMPLATES_DIR}/{naming.template_file(tenant)}"
    template_path = previous.folder / template_name
    text = previous.templates.get(template_name) if previous.templates is not None else (
        template_path.read_text("utf-8") if template_path.is_file() else None)
    if text is not None:
        templates[template_name] = text
        result.templates[template_name] = text
        config.setdefault("templates", [TEMPLATES_GLOB])
    _insert_receivers(config.setdefault("receivers", []), receivers, tenant)
    _insert_route(config["route"].setdefault("routes", []), route, tenant)
    if rules:
        config.setdefault("inhibit_rules", []).extend(rules)
    for key, items in intervals.items():
        if items:
            config.setdefault(key, []).extend(items)
    result.carried[tenant] = [r for r in previous.manifest.get("inputs") or []
                              if isinstance(r, dict) and r.get("tenant") == tenant]
    return ""


def _confined(route: dict[str, Any], prefix: str) -> bool:
    """Every receiver and time interval the subtree names belongs to the tenant."""
    names = [route.get("receiver")]
    names += list(route.get("active_time_intervals") or []) + list(route.get("mute_time_intervals") or [])
    if not all(isinstance(n, str) and n.startswith(prefix) for n in names):
        return False
    return all(isinstance(child, dict) and _confined(child, prefix) for child in route.get("routes") or [])


def _insert_receivers(receivers: list[dict[str, Any]], block: list[dict[str, Any]], tenant: str) -> None:
    at = next((i for i, r in enumerate(receivers) if _owner(r.get("name")) not in (naming.PLATFORM,)
               and _owner(r.get("name")) > tenant), len(receivers))
    receivers[at:at] = block


def _insert_route(routes: list[dict[str, Any]], route: dict[str, Any], tenant: str) -> None:
    """Among the tenant routes in id order; always before the platform's catch-all (a route
    without matchers or ``continue``), which would otherwise take the tenant's alerts first."""
    for i, existing in enumerate(routes):
        owner = _owner(existing.get("receiver"))
        if owner == naming.PLATFORM:
            if not existing.get("matchers") and not existing.get("continue"):
                routes.insert(i, route)
                return
            continue
        if owner > tenant:
            routes.insert(i, route)
            return
    routes.append(route)
