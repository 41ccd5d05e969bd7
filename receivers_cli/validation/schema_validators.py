"""The packaged JSON Schemas as jsonschema validators, built once per process.

``jsonschema`` is imported on first use; the schema is read from the package, not regenerated.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

TENANT = "tenant.schema.json"
PLATFORM = "platform.schema.json"


@cache
def validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    from receivers_cli.validation.schema import load_packaged

    schema = load_packaged(name)
    if name == TENANT:
        # The published schema selects each receiver's config schema with one if/then per
        # channel_type, which jsonschema evaluates for every receiver (26 clauses each, about 7 ms
        # a file). The same check runs here as a dictionary lookup: see config_validator.
        schema = json.loads(json.dumps(schema))
        schema["$defs"]["Receiver"].pop("allOf", None)
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


@cache
def _config_clauses() -> dict[str, Any]:
    """channel_type → that integration's ``config`` schema (the published if/then clauses)."""
    from receivers_cli.validation.schema import load_packaged

    schema = load_packaged(TENANT)
    return {
        clause["if"]["properties"]["channel_type"]["const"]: clause["then"]["properties"]["config"]
        for clause in schema["$defs"]["Receiver"].get("allOf", [])
    }


@cache
def config_validator(channel_type: str) -> Any:
    """A validator of one integration's ``config``; built on first use (most files use a few)."""
    from jsonschema import Draft202012Validator

    from receivers_cli.validation.schema import load_packaged

    clause = _config_clauses().get(channel_type)
    if clause is None:
        return None
    return Draft202012Validator(_inline_refs(clause, load_packaged(TENANT)["$defs"]))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with local ``$ref``s replaced by their targets: a third less validation time,
    since jsonschema resolves a reference on every use. A recursive reference stays a reference
    (and ``$defs`` stays, for it to point at)."""
    kept: list[str] = []

    def inline(item: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(item, list):
            return [inline(value, seen) for value in item]
        if not isinstance(item, dict):
            return item
        ref = item.get("$ref")
        if isinstance(ref, str):
            name = ref.removeprefix("#/$defs/")
            if len(item) == 1 and name in defs and name not in seen:
                return inline(defs[name], (*seen, name))
            kept.append(ref)
        return {key: inline(value, seen) for key, value in item.items() if key != "$defs"}

    result = inline(node, ())
    if kept and isinstance(result, dict):
        result["$defs"] = defs
    return result
