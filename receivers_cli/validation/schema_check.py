"""Structure: check raw YAML data against the JSON Schemas, errors onto ``file:line:col``.

This runs at every level, before the Pydantic models, so that the CLI and an editor using the
same schema agree. ``jsonschema`` is imported on first use and each validator is built once per
process (the schema is read from the package, not regenerated).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from functools import cache
from typing import Any

from receivers_cli.codes import R101, R102, R103, R104, R106, R110, R112
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument

TENANT = "tenant.schema.json"
PLATFORM = "platform.schema.json"


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    from receivers_cli.validation.schema import load_packaged

    schema = load_packaged(name)
    if name == TENANT:
        # The published schema selects each receiver's config schema with one if/then per
        # channel_type, which jsonschema evaluates for every receiver (26 clauses each, about 7 ms
        # a file). The same check runs here as a dictionary lookup: see _config_validator.
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
def _config_validator(channel_type: str) -> Any:
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


def check_document(doc: SourceDocument, schema: str, data: Any = None, prefix: DataPath = ()) -> list[Problem]:
    """Problems of ``data`` (default: the whole document) against the packaged ``schema``."""
    instance = doc.data if data is None else data
    problems: list[Problem] = []
    validator = _validator(schema)
    if not validator.is_valid(instance):  # the fast path: no error objects for a valid document
        for error in validator.iter_errors(instance):
            problems.extend(_problems(doc, _leaf(error), prefix))
    if schema == TENANT and isinstance(instance, dict):
        for tenant_id, body in instance.items():
            receivers = body.get("receivers") if isinstance(body, dict) else None
            for i, receiver in enumerate(receivers if isinstance(receivers, list) else []):
                if not isinstance(receiver, dict) or not isinstance(receiver.get("config"), dict):
                    continue
                channel_type = receiver.get("channel_type")
                config_validator = _config_validator(channel_type) if isinstance(channel_type, str) else None
                if config_validator is None:
                    continue  # an unknown channel_type is reported by the enum check
                if config_validator.is_valid(receiver["config"]):
                    continue
                base = (*prefix, tenant_id, "receivers", i, "config")
                for error in config_validator.iter_errors(receiver["config"]):
                    problems.extend(_problems(doc, _leaf(error), base))
    return sorted(set(problems))


def _leaf(error: Any) -> Any:
    """For anyOf/oneOf, the alternative's error that explains the most (jsonschema's best match)."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):  # the value matched one branch's type: report inside it
            return _leaf(best_match(error.context))
    return error


def _problems(doc: SourceDocument, error: Any, prefix: DataPath) -> Iterable[Problem]:
    path: DataPath = (*prefix, *error.absolute_path)
    kind = error.validator
    value = error.instance
    field = _field_name(path)
    if kind == "additionalProperties" and isinstance(value, dict):
        known = sorted(error.schema.get("properties", {}))
        for key in value:
            if key in known:
                continue
            close = get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else ("allowed here: " + ", ".join(known) if known else "")
            where = f" for {_channel(doc, path)}" if path[-1:] == ("config",) else ""
            yield doc.problem((*path, key), R101, f"unknown field {key!r}{where}", hint, at_key=True)
    elif kind == "required" and isinstance(value, dict):
        for name in error.validator_value:
            if name not in value:
                yield doc.problem(path, R104, f"missing required field {name!r}", f"add `{name}:`", at_key=True)
    elif kind == "enum":
        options = [str(o) for o in error.validator_value]
        close = get_close_matches(str(value), options, n=1, cutoff=0.5)
        if field == "channel_type":
            hint = f"did you mean {close[0]!r}?" if close else "see `receivers integrations list`"
            yield doc.problem(path, R110, f"unknown channel_type {value!r}", hint)
        else:
            hint = f"did you mean {close[0]!r}?" if close else "one of: " + ", ".join(options)
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            yield doc.problem(path, R103, f"{field}: {shown} is not an allowed value", hint)
    elif kind == "propertyNames":
        yield from ()
    elif kind == "pattern":
        if error.schema_path and "propertyNames" in error.schema_path:
            yield doc.problem(
                (*path, value), R112, f"tenant id {value!r} is not a valid name", ID_HINT, at_key=True
            )
        else:
            yield pattern_problem(doc, path, field, value)
    elif kind in ("minItems", "minProperties"):
        yield doc.problem(path, R102, f"{field} must not be empty", "add at least one entry")
    elif kind in ("anyOf", "oneOf"):
        types = [t for e in error.context if e.validator == "type" for t in _as_list(e.validator_value)]
        deferred = " (or a ${VAR} / ENC[...] value)" if any(e.validator == "pattern" for e in error.context) else ""
        yield doc.problem(path, R102, f"{field}: must be {_types(types)}{deferred}, not {describe(value)}")
    elif kind == "type":
        yield doc.problem(path, R102, f"{field}: must be {_types(error.validator_value)}, not {describe(value)}")
    else:
        yield doc.problem(path, R102, f"{field}: {plain(error.message)}")


ID_HINT = "use lower-case letters, digits, '-', '_' and '.', starting and ending with a letter or digit (no '/')"


def pattern_problem(doc: SourceDocument, path: DataPath, field: str, value: Any) -> Problem:
    """The problem for a string that does not match its field's pattern (ids, times, durations)."""
    if field in ("name", "receiver", "default_receiver") or (
        len(path) > 1 and path[-2] in ("active_during", "muted_during")
    ):
        return doc.problem(path, R112, f"{value!r} is not a valid name", ID_HINT)
    if field in ("start_time", "end_time"):
        return doc.problem(path, R106, f"{field} {value!r} is not a time", 'write "HH:MM" with two-digit hours')
    if field.endswith(("wait", "interval")):
        return doc.problem(
            path, R106, f"{field} {value!r} is not a duration", "use units y w d h m s ms, largest first: 30s, 5m, 1h"
        )
    return doc.problem(
        path, R102, f"{field}: {value!r} is not a valid label name",
        "use letters, digits and _; not starting with a digit",
    )


def _field_name(path: DataPath) -> str:
    if not path:
        return "value"
    if isinstance(path[-1], int) and len(path) > 1:
        return f"{path[-2]}[{path[-1]}]"
    return str(path[-1])


def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


def _types(expected: str | Sequence[str]) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return " or ".join(_TYPE_WORDS.get(n, n) for n in names if n != "null")


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def plain(msg: str) -> str:
    return msg[0].lower() + msg[1:] if msg else msg


def _channel(doc: SourceDocument, config_path: DataPath) -> str:
    receiver = doc.data
    for part in config_path[:-1]:
        try:
            receiver = receiver[part]
        except (KeyError, IndexError, TypeError):
            return "this channel_type"
    channel = receiver.get("channel_type") if isinstance(receiver, dict) else None
    return str(channel) if channel else "this channel_type"
