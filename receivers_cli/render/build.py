"""Build: validated (and resolved) tenants → one native Alertmanager configuration.

Tenant scoping is applied here, as spelled by receivers_cli/isolation (see DESIGN.md "Merged
output"): every name a tenant contributes is ``naming.scoped(<tenant>, name)``, every route of a
tenant hangs below one route with the strategy's matchers (today exactly ``<tenant_label>="<id>"``),
and every inhibit rule is confined by the strategy on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from receivers_cli import integrations
from receivers_cli.alertmanager.versions import INHIBIT_RULE_NAMES, Version
from receivers_cli.isolation import naming
from receivers_cli.isolation.strategy import Strategy, for_label, matcher
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import InhibitRule, Receiver, Tenant, TimeInterval
from receivers_cli.progress import track
from receivers_cli.render import native_routes
from receivers_cli.render.layout import TEMPLATES_DIR, TEMPLATES_GLOB
from receivers_cli.render.platform_templates import SharedTemplates
from receivers_cli.render.severity import severity_matchers
from receivers_cli.render.templates import TemplateSet

PLATFORM = naming.PLATFORM


@dataclass(frozen=True)
class BuildTenant:
    """A tenant ready to build: its model and each enabled receiver's resolved ``config``."""

    id: str
    model: Tenant
    configs: Mapping[str, Mapping[str, Any]]  # receiver name → resolved config (values real)


@dataclass
class BuildResult:
    config: dict[str, Any]
    templates: dict[str, str] = field(default_factory=dict)  # file name → Go template text


def build(
    platform: Platform,
    version: Version,
    tenants: Sequence[BuildTenant],
    platform_configs: Mapping[str, Mapping[str, Any]] | None = None,
    isolation: Strategy | None = None,
    shared_templates: SharedTemplates | None = None,
    with_templates: bool = True,
) -> BuildResult:
    """Merge everything into one native config (a plain dict in emission order) and its templates.

    ``isolation`` confines each tenant (default: by the platform's ``tenant_label``); ``shared_templates``
    (receivers.yaml's ``templates.files``) go to ``templates/_platform.tmpl`` and tenants may call them.
    ``with_templates=False`` renders no template file and puts no template reference in receiver
    settings: for routing questions, which keep only receiver names (templates change no route)."""
    isolation = isolation or for_label(platform.tenant_label)
    templates = TemplateSet(platform, version, shared_templates)
    platform_configs = platform_configs or {}
    receivers: list[dict[str, Any]] = []
    routes: list[dict[str, Any]] = []
    inhibit_rules: list[dict[str, Any]] = []
    time_intervals: list[dict[str, Any]] = []

    default = naming.scoped(PLATFORM, platform.default_receiver or naming.UNROUTED)
    if platform.default_receiver is None:
        receivers.append({"name": default})
    for receiver in platform.receivers:
        native = _native_receiver(PLATFORM, receiver, platform_configs.get(receiver.name, {}), None, version)
        receivers.append(_with_tls_floor(native, platform, version))
    for observer in platform.observers:
        route: dict[str, Any] = {"receiver": naming.scoped(PLATFORM, observer.receiver)}
        observer_matchers = severity_matchers(platform, observer.min_severity)
        if observer_matchers:
            route["matchers"] = observer_matchers
        route["continue"] = True
        routes.append(route)
    routes.extend(native_routes.render_routes(platform.routes.before, PLATFORM, platform, version))
    time_intervals.extend(native_routes.platform_time_interval(i) for i in platform.time_intervals)
    inhibit_rules.extend(native_routes.platform_inhibit_rule(rule, version) for rule in platform.inhibit_rules)

    for tenant in track(sorted(tenants, key=lambda t: t.id), "building tenant configs"):
        channels = [r.channel_type for r in tenant.model.receivers if r.enabled and r.channel_type]
        tenant_templates = templates.add_tenant(tenant.id, tenant.model, channels) if with_templates else None
        unrouted = naming.unrouted(tenant.id)
        receivers.append({"name": unrouted})
        children: list[dict[str, Any]] = []
        in_tree = native_routes.tree_receivers(tenant.model)  # routed by the tree only (R137)
        for receiver in tenant.model.receivers:
            if not receiver.enabled:
                continue
            native = _native_receiver(tenant.id, receiver, tenant.configs.get(receiver.name, {}), tenant_templates,
                                      version)
            native = _without_global_http_config(native, platform)
            receivers.append(_with_tls_floor(native, platform, version))
            if receiver.name not in in_tree:
                children.append(_receiver_route(platform, tenant.id, receiver))
        if tenant.model.route is not None:
            children.extend(native_routes.render_routes(tenant.model.route.routes, tenant.id, platform, version))
        routes.append(_tenant_route(platform, isolation, tenant.id, tenant.model, unrouted, children))
        inhibit_rules.extend(_inhibit_rule(isolation, version, tenant.id, rule) for rule in tenant.model.inhibit)
        time_intervals.extend(_time_interval(tenant.id, interval) for interval in tenant.model.time_intervals)

    routes.extend(native_routes.render_routes(platform.routes.after, PLATFORM, platform, version))
    if platform.observers:
        # Observers match with continue, which would keep the root's own receiver from firing for
        # alerts of no known tenant; a last catch-all child gives them to the default receiver.
        routes.append({"receiver": default})
    timing = platform.timing("standard")
    root: dict[str, Any] = {
        "receiver": default,
        "group_by": list(platform.group_by),
        "group_wait": timing.group_wait,
        "group_interval": timing.group_interval,
        "repeat_interval": timing.repeat_interval,
    }
    if routes:
        root["routes"] = routes
    config: dict[str, Any] = {}
    if platform.global_:
        config["global"] = dict(platform.global_)
    config["route"] = root
    config["receivers"] = receivers
    if inhibit_rules:
        config["inhibit_rules"] = inhibit_rules
    if time_intervals:
        config["time_intervals"] = time_intervals
    rendered = templates.render() if with_templates else {}
    if rendered:
        config["templates"] = [TEMPLATES_GLOB]
    return BuildResult(config, {f"{TEMPLATES_DIR}/{name}": text for name, text in rendered.items()})


def _tenant_route(
    platform: Platform, isolation: Strategy, tenant_id: str, tenant: Tenant, unrouted: str,
    children: list[dict[str, Any]],
) -> dict[str, Any]:
    timing = platform.timing(tenant.metadata.tier)
    routing = tenant.routing
    route: dict[str, Any] = {
        "receiver": unrouted,
        "matchers": isolation.route_matchers(tenant_id),
        "group_by": list(routing.group_by) if routing.group_by is not None else list(platform.group_by),
        "group_wait": routing.group_wait or timing.group_wait,
        "group_interval": routing.group_interval or timing.group_interval,
        "repeat_interval": routing.repeat_interval or timing.repeat_interval,
    }
    route.update(native_routes.tenant_route_options(tenant))
    if tenant.route is not None and tenant.route.receiver:
        route["receiver"] = naming.scoped(tenant_id, tenant.route.receiver)
    if children:
        route["routes"] = children
    return route


def _receiver_route(platform: Platform, tenant_id: str, receiver: Receiver) -> dict[str, Any]:
    route: dict[str, Any] = {"receiver": naming.scoped(tenant_id, receiver.name)}
    matchers = severity_matchers(platform, receiver.min_severity)
    matchers.extend(matcher(label, "=", value) for label, value in sorted(receiver.match.items()))
    if matchers:
        route["matchers"] = matchers
    route["continue"] = True
    if receiver.active_during:
        route["active_time_intervals"] = [naming.scoped(tenant_id, n) for n in receiver.active_during]
    if receiver.muted_during:
        route["mute_time_intervals"] = [naming.scoped(tenant_id, n) for n in receiver.muted_during]
    return route


def _native_receiver(
    owner: str, receiver: Receiver, config: Mapping[str, Any], tenant_templates: Mapping[str, str] | None,
    version: Version,
) -> dict[str, Any]:
    if receiver.channel_type is None:
        return {"name": naming.scoped(owner, receiver.name)}  # a null receiver: delivers nothing
    integration = integrations.get(receiver.channel_type)
    assert integration is not None, "validation refuses unknown channel types"
    native = integration.to_native(config)
    if tenant_templates is not None:
        for native_field, kind in integration.template_targets(version).items():
            define = tenant_templates.get(f"{receiver.channel_type}.{kind}") or tenant_templates.get(kind)
            if define:
                _fill_template(native, native_field.split("."), '{{ template "' + define + '" . }}')
    return {"name": naming.scoped(owner, receiver.name), integration.native: [native]}


# The parts of global.http_config a tenant receiver may share: how to reach the network (the
# platform's proxy, its CA, its TLS and redirect policy). Everything else in it authenticates as
# the platform (authorization, basic_auth, oauth2, bearer_token*, http_headers) and is left out,
# as are a client certificate and its key.
SHARED_HTTP_KEYS = (
    "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header",
    "follow_redirects", "enable_http2", "tls_config",
)
CLIENT_TLS_KEYS = frozenset({"cert", "cert_file", "key", "key_file"})


def shared_http_config(global_http: Mapping[str, Any]) -> dict[str, Any]:
    """``global.http_config`` without anything that authenticates; never empty, because
    Alertmanager replaces a missing receiver ``http_config`` by the global one, whole."""
    shared: dict[str, Any] = {}
    for key in SHARED_HTTP_KEYS:
        if key not in global_http:
            continue
        value = global_http[key]
        if key == "tls_config" and isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if k not in CLIENT_TLS_KEYS}
            if not value:
                continue
        shared[key] = value
    return shared or {"follow_redirects": True}


def _without_global_http_config(receiver: dict[str, Any], platform: Platform) -> dict[str, Any]:
    """Give a tenant receiver an explicit ``http_config`` whenever the platform has a global one.

    Alertmanager copies ``global.http_config`` into every receiver that has none, credentials and
    all, to whatever URL the tenant chose. With an explicit one (the tenant's own, or the shared
    network settings) nothing is inherited; verified on Alertmanager 0.25 and 0.33.
    """
    global_http = (platform.global_ or {}).get("http_config")
    if not isinstance(global_http, Mapping):
        return receiver
    for key, configs in receiver.items():
        owner = integrations.native(key) if key != "name" else None
        if owner is None or not owner.http_config:
            continue
        receiver[key] = [
            config if config.get("http_config") else {**config, "http_config": shared_http_config(global_http)}
            for config in configs
        ]
    return receiver


TLS_VERSIONS = ("TLS10", "TLS11", "TLS12", "TLS13")
TLS_MIN_VERSION_SINCE: Version = (0, 25)  # tls_config.min_version (prometheus/common) in Alertmanager


def _with_tls_floor(receiver: dict[str, Any], platform: Platform, version: Version) -> dict[str, Any]:
    """Apply the platform's ``tls_min_version`` to every config of a native receiver.

    HTTP receivers get ``http_config.tls_config.min_version``, email (SMTP) ``tls_config.min_version``.
    It is a floor: a tenant's own higher ``min_version`` stays, a lower one is raised. Targets
    before 0.25 have no ``min_version``, so nothing is emitted there.
    """
    floor = platform.tls_min_version
    if floor is None or version < TLS_MIN_VERSION_SINCE:
        return receiver
    for key, configs in receiver.items():
        if key == "name":
            continue
        integration = next((i for i in integrations.catalog().values() if i.native == key), None)
        for i, config in enumerate(configs):
            config = dict(config)
            if key == "email_configs" or (integration is not None and not integration.http_config):
                holder = config
            else:
                holder = config["http_config"] = dict(config.get("http_config") or {})
            tls = holder["tls_config"] = dict(holder.get("tls_config") or {})
            current = tls.get("min_version")
            if current not in TLS_VERSIONS or TLS_VERSIONS.index(current) < TLS_VERSIONS.index(floor):
                tls["min_version"] = floor
            configs[i] = config
    return receiver


# Values a translate function puts in as defaults; the tenant's own templates replace them.
BUILTIN_TEMPLATE_DEFAULTS = frozenset({'{{ template "__subject" . }}', '{{ template "__text_alert_list" . }}'})


def _fill_template(native: dict[str, Any], path: list[str], value: str) -> None:
    """Set ``path`` (``headers.Subject``) to ``value`` unless the tenant's config set it already.

    Map keys match case-insensitively (email headers); a value that is only a built-in default
    put in by a vendor translation counts as unset.
    """
    node = native
    for part in path[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            return
        node[part] = child = dict(child)  # never mutate the tenant's resolved config
        node = child
    leaf = path[-1]
    existing = next((k for k in node if isinstance(k, str) and k.lower() == leaf.lower()), None)
    # A value the tenant set (a string, or jira's {template, enable_update} object) stays.
    if existing is not None and not (isinstance(node[existing], str) and node[existing] in BUILTIN_TEMPLATE_DEFAULTS):
        return
    node[existing or leaf] = value


def _inhibit_rule(isolation: Strategy, version: Version, tenant_id: str, rule: InhibitRule) -> dict[str, Any]:
    scope = isolation.inhibit(tenant_id, rule.source_matchers, rule.target_matchers, rule.equal)
    native: dict[str, Any] = {}
    if rule.name and version >= INHIBIT_RULE_NAMES:
        native["name"] = naming.scoped(tenant_id, rule.name)
    native["source_matchers"] = scope.source_matchers
    native["target_matchers"] = scope.target_matchers
    native["equal"] = scope.equal
    return native


def _time_interval(tenant_id: str, interval: TimeInterval) -> dict[str, Any]:
    specs = [spec.model_dump(exclude_none=True) for spec in interval.time_intervals]
    return {"name": naming.scoped(tenant_id, interval.name), "time_intervals": specs}
