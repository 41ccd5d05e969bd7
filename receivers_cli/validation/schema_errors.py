"""jsonschema's errors in the tool's words: one :class:`Problem` each, on ``file:line:col``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from receivers_cli.codes import R101, R102, R103, R104, R106, R110, R112
from receivers_cli.errors import Problem
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.wording import describe, did_you_mean


def leaf(error: Any) -> Any:
    """For anyOf/oneOf, the alternative's error that explains the most (jsonschema's best match)."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):  # the value matched one branch's type: report inside it
            return leaf(best_match(error.context))
        # A mapping where one branch is a mapping (text, or jira's {template, enable_update}): that
        # branch's own complaint (an unknown or missing key) says more than "must be text".
        fitting = [e for e in error.context if isinstance(error.instance, dict) and e.validator != "type"
                   and isinstance(e.schema, dict) and e.schema.get("type") == "object"]
        if fitting:
            return leaf(best_match(fitting))
    return error


def error_problems(doc: SourceDocument, error: Any, prefix: DataPath) -> Iterable[Problem]:
    path: DataPath = (*prefix, *error.absolute_path)
    kind = error.validator
    value = error.instance
    field = _field_name(path)
    if kind == "additionalProperties" and isinstance(value, dict):
        known = sorted(error.schema.get("properties", {}))
        for key in value:
            if key in known:
                continue
            hint = did_you_mean(str(key), known, "allowed here: " + ", ".join(known) if known else "")
            where = f" for {_channel(doc, path)}" if path[-1:] == ("config",) else ""
            yield doc.problem((*path, key), R101, f"unknown field {key!r}{where}", hint, at_key=True)
    elif kind == "required" and isinstance(value, dict):
        for name in error.validator_value:
            if name not in value:
                yield doc.problem(path, R104, f"missing required field {name!r}", f"add `{name}:`", at_key=True)
    elif kind == "enum":
        options = [str(o) for o in error.validator_value]
        if field == "channel_type":
            hint = did_you_mean(str(value), options, "see `receivers integrations list`", cutoff=0.5)
            yield doc.problem(path, R110, f"unknown channel_type {value!r}", hint)
        else:
            hint = did_you_mean(str(value), options, "one of: " + ", ".join(options), cutoff=0.5)
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
