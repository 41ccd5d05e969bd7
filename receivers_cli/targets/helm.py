"""The helm target: a values file for kube-prometheus-stack.

The chart puts ``alertmanager.config`` (a mapping) into the Alertmanager Secret as
``alertmanager.yaml`` and every ``alertmanager.templateFiles`` entry beside it, mounted at
``/etc/alertmanager/config/``: the same flat layout as the kubernetes target. Helm merges these
values into the chart's defaults key by key, so every key the chart's default config sets
(``inhibit_rules``, ``route.routes``, ``global.resolve_timeout``) is written here too, empty or
null where the render has none: otherwise the chart's default inhibit rules, which ignore tenants,
would be merged into the config.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from receivers_cli.render.layout import MANIFEST_FILE
from receivers_cli.render.yaml_emit import dump
from receivers_cli.targets.base import Rendered, RenderOptions
from receivers_cli.targets.kubernetes import CONFIG_KEY, MOUNT, flat_keys
from receivers_cli.targets.native import render_native
from receivers_cli.targets.shared import header, remanifest, secret_size_note

if TYPE_CHECKING:
    from receivers_cli.api.project import Project

VALUES_FILE = "values.yaml"
# What kube-prometheus-stack's default alertmanager.config sets; a key Helm would otherwise keep.
CHART_DEFAULTS: dict[str, tuple[str, ...]] = {
    "global": ("resolve_timeout",),
    "route": ("receiver", "group_by", "group_wait", "group_interval", "repeat_interval", "routes"),
}
CHART_LISTS = ("inhibit_rules", "receivers", "templates")


def values_config(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` with every chart default overridden: an empty list, or null (Helm deletes the key)."""
    out = dict(config)
    for section, keys in CHART_DEFAULTS.items():
        part = dict(out.get(section) or {})
        for key in keys:
            part.setdefault(key, [] if key == "routes" else None)
        out[section] = part
    for key in CHART_LISTS:
        out.setdefault(key, [])
    return out


class HelmTarget:
    name = "helm"

    def render(self, project: Project, options: RenderOptions) -> Rendered:
        native = render_native(project, options, MOUNT)
        inline = options.secrets_mount is None and bool(native.secrets.values)
        keys = flat_keys(native)
        templates = {k: v for k, v in keys.items() if k != CONFIG_KEY}
        # The chart stores the config and templateFiles in one Secret: the same limit applies.
        native.notes += secret_size_note(keys, VALUES_FILE)
        values = {"alertmanager": {"config": values_config(native.config), "templateFiles": templates}}
        what = f"kube-prometheus-stack values (alertmanager.config; templateFiles mounted at {MOUNT}/)"
        files = {VALUES_FILE: dump(values, header(project.version, what, inline), blocks=True)}
        files[MANIFEST_FILE] = remanifest(native.files[MANIFEST_FILE], files, self.name)
        native.files = files
        native.private_files = frozenset({VALUES_FILE})
        return native
