"""The output folders of the other targets, read back as one native config for ``receivers diff``.

- flat layout: ``alertmanager.yml`` with ``<tenant>.tmpl`` beside it;
- kubernetes: ``secret.yaml``, its ``stringData`` (``alertmanager.yaml`` and flat template keys);
- helm: ``values.yaml``, ``alertmanager.config`` (nulls dropped, as Helm drops them) and ``templateFiles``;
- mimir: every ``<tenant>.yaml`` envelope; each tenant's root route is put back below the root
  with ``tenant="<id>"`` (as the merged config scopes it) and ``_fallback.yaml`` gives the root.

Templates are keyed ``templates/<file>`` in every case, and the ``templates:`` glob is read as the
nested layout's (where the files are is the shape, not the config), so a folder compares with a
revision or a nested folder file by file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from receivers_cli.codes import D001
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.importers.base import NativeConfig
from receivers_cli.isolation.strategy import matcher

TEMPLATES_DIR = "templates"
SECRET_FILE = "secret.yaml"
VALUES_FILE = "values.yaml"
FALLBACK_FILE = "_fallback.yaml"
CONFIG_KEY = "alertmanager.yaml"
# The label a mimir folder's tenants are put back under: the platform default (the folder does not record it).
TENANT_LABEL = "tenant"


def target_of(path: Path) -> str | None:
    """Which target wrote the folder (None: none of these)."""
    if (path / SECRET_FILE).is_file():
        return "kubernetes"
    if (path / VALUES_FILE).is_file():
        return "helm"
    if (path / FALLBACK_FILE).is_file():
        return "mimir"
    return None


def _data(text: str, name: str) -> Any:
    from receivers_cli.loading.yaml_source import load_text

    return load_text(text, name).data


def _mapping(value: Any, name: str, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProblemsError([Problem(name, 0, 0, D001, f"{name} holds no {what}")])
    return value


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def as_nested(config: dict[str, Any]) -> dict[str, Any]:
    """The config with the nested layout's ``templates:`` glob (the templates are keyed that way)."""
    if config.get("templates"):
        config = {**config, "templates": [f"{TEMPLATES_DIR}/*.tmpl"]}
    return config


def flat_templates(path: Path) -> dict[str, str]:
    """``<tenant>.tmpl`` files beside the config (the flat layout), keyed as the nested layout keys them."""
    return {f"{TEMPLATES_DIR}/{p.name}": p.read_text("utf-8", errors="replace") for p in sorted(path.glob("*.tmpl"))}


def load_target_folder(path: Path, target: str, version_of: Any, inputs: dict[str, str]) -> NativeConfig:
    name = str(path)
    if target == "kubernetes":
        text = (path / SECRET_FILE).read_text("utf-8")
        keys = _mapping(_mapping(_data(text, name), name, "Secret").get("stringData"), name, "stringData")
        config = _mapping(_data(str(keys.get(CONFIG_KEY, "")), f"{name}/{CONFIG_KEY}"), name, CONFIG_KEY)
        templates = {f"{TEMPLATES_DIR}/{k}": str(v) for k, v in sorted(keys.items()) if k != CONFIG_KEY}
    elif target == "helm":
        text = (path / VALUES_FILE).read_text("utf-8")
        values = _mapping(_mapping(_data(text, name), name, "values").get("alertmanager"), name, "alertmanager")
        config = _without_nulls(_mapping(values.get("config"), name, "alertmanager.config"))
        templates = {f"{TEMPLATES_DIR}/{k}": str(v) for k, v in sorted((values.get("templateFiles") or {}).items())}
    else:
        text = (path / FALLBACK_FILE).read_text("utf-8")
        config, templates = _merged_mimir(path)
    return NativeConfig(name, as_nested(config), templates, version_of(text), "rendered", inputs)


def _merged_mimir(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    def envelope(file: Path) -> tuple[dict[str, Any], dict[str, Any]]:
        data = _mapping(_data(file.read_text("utf-8"), str(file)), str(file), "Mimir envelope")
        config = _mapping(_data(str(data.get("alertmanager_config", "")), str(file)), str(file), "alertmanager_config")
        return config, dict(data.get("template_files") or {})

    root, _ = envelope(path / FALLBACK_FILE)
    routes: list[dict[str, Any]] = []
    receivers = list(root.get("receivers", []))
    merged: dict[str, Any] = {k: v for k, v in root.items() if k != "receivers"}
    templates: dict[str, str] = {}
    for file in sorted(path.glob("*.yaml")):
        if file.name == FALLBACK_FILE:
            continue
        tenant = file.stem
        config, files = envelope(file)
        route = dict(config.get("route") or {})
        routes.append({"receiver": route.pop("receiver", ""), "matchers": [matcher(TENANT_LABEL, "=", tenant)],
                       **route})
        receivers += config.get("receivers", [])
        for key in ("inhibit_rules", "time_intervals"):
            merged.setdefault(key, []).extend(config.get(key) or [])
        templates |= {f"{TEMPLATES_DIR}/{k}": str(v) for k, v in files.items()}
        if files:
            merged["templates"] = [f"{TEMPLATES_DIR}/*.tmpl"]
    merged["route"] = {**merged.get("route", {}), **({"routes": routes} if routes else {})}
    merged["receivers"] = receivers
    for key in ("inhibit_rules", "time_intervals"):
        if not merged.get(key):
            merged.pop(key, None)
    return merged, dict(sorted(templates.items()))
