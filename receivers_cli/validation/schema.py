"""JSON Schemas of the tenant and platform files, generated from the Pydantic models.

``receivers schema`` writes them into ``schemas/`` for editors (a ``# yaml-language-server:
$schema=...`` line gives completion and inline errors); a copy ships inside the package so that
``receivers validate`` checks every file against exactly the same schema at every level. Each
receiver's ``config`` gets the fields of its integration (from the catalog) through an
``if channel_type == X then config: ...`` clause, so editors complete native field names too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from receivers_cli.model.placeholders import ONLY_PATTERN

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://receivers.dev/schemas/"
PACKAGED_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_FILES = ("tenant.schema.json", "platform.schema.json")



def tenant_schema() -> dict[str, Any]:
    """The schema of one tenant file: a mapping with one key, the tenant id."""
    from receivers_cli.model.tenant import ID_PATTERN, Tenant

    body = _clean(Tenant.model_json_schema())
    defs = body.pop("$defs", {})
    defs["Tenant"] = body
    configs = _config_defs()
    defs.update(configs)
    receiver = defs["Receiver"]
    channel_types = sorted(name for name in configs_names(configs) if name != "http_config")
    receiver["properties"]["channel_type"]["enum"] = channel_types
    receiver["allOf"] = [
        {
            "if": {"properties": {"channel_type": {"const": name}}, "required": ["channel_type"]},
            "then": {"properties": {"config": {"$ref": f"#/$defs/{key}"}}},
        }
        for key, name in sorted((f"config.{name}", name) for name in channel_types)
    ]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_BASE + "tenant.schema.json",
        "title": "receivers tenant file",
        "description": "One tenant per file; the single top-level key is the tenant id (the file name's stem).",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {"$ref": "#/$defs/Tenant"},
        "$defs": dict(sorted(defs.items())),
    }


def platform_schema() -> dict[str, Any]:
    """The schema of ``receivers.yaml``."""
    from receivers_cli.model.platform import Platform

    schema = _clean(Platform.model_json_schema(by_alias=True))
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_BASE + "platform.schema.json",
        "title": "receivers platform file (receivers.yaml)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def configs_names(configs: dict[str, Any]) -> list[str]:
    return [key.removeprefix("config.") for key in configs]


def render_schemas() -> dict[str, str]:
    """File name → JSON text, deterministic (sorted keys, two-space indent, final newline)."""
    schemas = {"tenant.schema.json": tenant_schema(), "platform.schema.json": platform_schema()}
    return {name: json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n" for name, schema in
            schemas.items()}


def write_schemas(out: Path) -> list[Path]:
    """Write the schemas into ``out``; return the files whose content changed."""
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        target = out / name
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(target)
    return changed


def load_packaged(name: str) -> dict[str, Any]:
    """The schema shipped with the package (what ``validate`` checks against)."""
    data: dict[str, Any] = json.loads((PACKAGED_DIR / name).read_text("utf-8"))
    return data


def _clean(node: Any) -> Any:
    """Drop generated titles and fold ``anyOf [X, null]`` into ``type: [X, "null"]`` (clearer errors)."""
    if isinstance(node, list):
        return [_clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {k: _clean(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    options = result.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other.get("type"), str):
            del result["anyOf"]
            merged = {**other, "type": [other["type"], "null"]}
            result = {**merged, **result}
    return result


def _config_defs() -> dict[str, Any]:
    from receivers_cli import integrations
    from receivers_cli.integrations.shared_fields import HTTP_CONFIG

    # Shared by every HTTP integration: defined once, referenced from each config.
    defs: dict[str, Any] = {"config.http_config": _object_schema(HTTP_CONFIG.fields)}
    for name, integration in integrations.catalog().items():
        properties = {f.name: _field_schema(f) for f in integration.all_fields()}
        for alias in integration.aliases:
            target = integration.field(alias.target[0]) if len(alias.target) == 1 else None
            schema = _field_schema(target) if target is not None else {}
            properties[alias.name] = {**schema, "description": f"Alias of {'.'.join(alias.target)}: {alias.doc}"}
        defs[f"config.{name}"] = {
            "type": "object",
            "description": integration.summary,
            "properties": properties,
            "additionalProperties": False,
        }
    return defs


# A value resolved at render time (environment variable or encrypted envelope): allowed for any scalar.
_DEFERRED = {"type": "string", "pattern": ONLY_PATTERN}


def _field_schema(spec: Any) -> dict[str, Any]:
    from receivers_cli.integrations.shared_fields import HTTP_CONFIG

    if spec is HTTP_CONFIG:
        return {"$ref": "#/$defs/config.http_config", "description": HTTP_CONFIG.doc}
    kind: str = spec.kind
    schema: dict[str, Any]
    if kind == "bool":
        schema = {"anyOf": [{"type": "boolean"}, _DEFERRED]}
    elif kind == "int":
        schema = {"anyOf": [{"type": "integer"}, _DEFERRED]}
    elif kind == "float":
        schema = {"anyOf": [{"type": "number"}, _DEFERRED]}
    elif kind in ("string", "template") and spec.object_since is not None:
        schema = {"anyOf": [{"type": ["string", "number"]}, _object_schema(spec.fields)]}
    elif kind in ("string", "template"):
        schema = {"type": ["string", "number"]}
    elif kind in ("url", "duration", "go_duration"):
        schema = {"type": "string"}
    elif kind == "list":
        items: dict[str, Any] = {}
        if spec.fields:
            items = _object_schema(spec.fields)
        schema = {"type": "array", "items": items} if items else {"type": "array"}
    elif kind == "map" and spec.fields:
        schema = {"type": "object", "additionalProperties": _object_schema(spec.fields)}
    elif kind == "map":
        schema = {"type": "object"}
    elif kind == "object":
        schema = _object_schema(spec.fields)
    else:
        schema = {}
    if spec.choices and spec.choices_unless_template:
        schema["examples"] = list(spec.choices)  # a template is checked only when sent
    elif spec.choices:
        schema["enum"] = list(spec.choices)
    if spec.secret:
        schema["description"] = "Secret: write ENC[...] (receivers secrets encrypt) or ${VAR}."
    elif spec.doc:
        schema["description"] = spec.doc
    return schema


def _object_schema(fields: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "additionalProperties": False,
    }
