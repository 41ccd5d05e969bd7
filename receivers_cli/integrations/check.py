"""The checker: a tenant's ``config`` mapping against its integration's declaration, for a target
Alertmanager version (:func:`check_config`), as :class:`Issue` values relative to that mapping.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from receivers_cli.alertmanager.durations import parse_go, parse_prometheus
from receivers_cli.alertmanager.urls import hostport_problem, url_problem
from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.codes import R101, R102, R103, R105, R106, R160, R161, R201, R204, R205, R206, R208, Code
from receivers_cli.errors import Issue
from receivers_cli.integrations.inheritance import is_set
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import FILE_FIELD, Field, Path
from receivers_cli.model.placeholders import is_deferred
from receivers_cli.wording import closest, describe, did_you_mean

INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)






def check_config(
    integration: Integration,
    config: Mapping[str, Any],
    version: Version,
    global_config: Mapping[str, Any] | None = None,
    *,
    allow_file_fields: bool = False,
) -> list[Issue]:
    """Check a tenant's ``config`` for this integration at a target Alertmanager version."""
    issues: list[Issue] = []
    if version < integration.since:
        issues.append(
            Issue(
                (),
                R201,
                f"{integration.channel_type} needs Alertmanager >= {format_version(integration.since)}; "
                f"target is {format_version(version)}",
                "raise alertmanager_version in receivers.yaml, or use another channel_type",
            )
        )
        return issues
    seen_native: dict[str, str] = {}
    for key, value in config.items():
        alias = integration.alias(key)
        if alias is not None:
            if alias.target[0] in seen_native:
                issues.append(_conflict(key, seen_native[alias.target[0]]))
            seen_native[alias.target[0]] = key
            target = integration.field(alias.target[0])
            if target is not None and len(alias.target) == 1:
                issues.extend(_check_value(target, value, (key,), version, allow_file_fields))
            elif target is not None and target.kind == "map" and isinstance(value, dict | list):
                # An alias into a map (escalation_policy → details.escalation_policy) obeys that map.
                nested = target.items == "any" and (target.nested_since is None or version >= target.nested_since)
                if not nested:
                    issues.append(Issue(
                        (key,), R102,
                        f"{key!r} must be a single value (it is sent as {'.'.join(alias.target)}; nested values "
                        f"need Alertmanager >= {format_version(target.nested_since or version)})",
                        "write the value as text",
                    ))
            continue
        spec = integration.field(key)
        if spec is None:
            issues.append(_unknown(key, (), [f.name for f in integration.all_fields()], integration))
            continue
        if key in seen_native:
            issues.append(_conflict(key, seen_native[key]))
        seen_native[key] = key
        issues.extend(_check_value(spec, value, (key,), version, allow_file_fields))
    issues.extend(_check_requirements(integration, config, version, global_config or {}))
    if not issues:
        issues.extend(check_constraints(integration, config, version))
    return issues


def _expand(node: Any, path: tuple[str, ...], done: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Each concrete path (list indexes for ``"*"``) below ``node`` matching ``path``, with its value."""
    if not path:
        yield done, node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _expand(item, rest, (*done, i))
    elif isinstance(node, Mapping) and head in node:
        yield from _expand(node[head], rest, (*done, head))


def _bind(other: tuple[str, ...], concrete: Path) -> tuple[str | int, ...]:
    """``other`` with each ``"*"`` replaced by the index the constraint's own path took there."""
    return tuple(concrete[i] if part == "*" and i < len(concrete) else part for i, part in enumerate(other))


def _lookup(node: Any, path: Path) -> Any:
    found = _resolve(node, path)
    return None if found is None else found[1]


def _resolve(node: Any, path: Path) -> tuple[Path, Any] | None:
    """The path as spelled in ``node`` and its value. A key missing as written matches one that differs
    only in case: free-form keys Alertmanager canonicalises (email ``headers``: ``references`` is the
    ``References`` header); a declared field spelled so is refused as unknown (R101) before this runs."""
    done: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        elif isinstance(node, Mapping):
            if part not in node:
                part = next((k for k in node if isinstance(k, str) and k.lower() == part.lower()), part)
            node = node.get(part)
        else:
            node = None
        if node is None:
            return None
        done.append(part)
    return tuple(done), node


def _same(value: Any, wanted: object) -> bool:
    # Alertmanager compares these words without case; True is not 1 here.
    if isinstance(value, str) and isinstance(wanted, str):
        return value.lower() == wanted.lower()
    return type(value) is type(wanted) and bool(value == wanted)


def check_constraints(integration: Integration, config: Mapping[str, Any], version: Version) -> list[Issue]:
    """Alertmanager's cross-field rules (:class:`Constraint`) on an otherwise valid ``config``."""
    native = integration.apply_aliases(config)  # not translated: a vendor translation composes its own fields
    issues: list[Issue] = []
    for rule in integration.all_constraints():
        if version < rule.since or (rule.until is not None and version > rule.until):
            continue
        for concrete, value in _expand(native, rule.path):
            if not is_set(value) or (rule.when and not any(_same(value, w) for w in rule.when)):
                continue
            others = [_resolve(native, _bind(o, concrete)) for o in rule.conflicts]
            clash = next((o[0] for o in others if o is not None and is_set(o[1])), None)
            if rule.conflicts and clash is None:
                continue
            if rule.needs_any and any(is_set(_lookup(native, _bind(o, concrete))) for o in rule.needs_any):
                continue
            where = clash if clash is not None else concrete
            issues.append(Issue(integration.tenant_path(config, where) or (), R208,
                                      f"{'.'.join(str(p) for p in where)}: {rule.reason}",
                                      rule.hint or "change the config as the message says", at_key=True))
    return issues


def _conflict(key: str, other: str) -> Issue:
    return Issue(
        (key,), R206, f"{key!r} and {other!r} set the same field", "keep only one of them", at_key=True
    )


def _unknown(key: str, prefix: Path, known: list[str], integration: Integration) -> Issue:
    names = known + [a.name for a in integration.aliases] if not prefix else known
    close = closest(key, names)
    hint = did_you_mean(key, names, f"{integration.channel_type} takes: {', '.join(names)}")
    if FILE_FIELD.search(key) and close is None:
        hint = "tenant files may not reference local files; use ENC[...] or ${VAR} values"
    where = ".".join(str(p) for p in prefix)
    what = f"{where}.{key}" if where else key
    return Issue(
        (*prefix, key), R101, f"unknown field {what!r} for {integration.channel_type}", hint, at_key=True
    )


def _check_value(
    spec: Field, value: Any, path: Path, version: Version, allow_files: bool
) -> Iterator[Issue]:
    if version < spec.since or (spec.until is not None and version > spec.until):
        needs = (
            f">= {format_version(spec.since)}"
            if version < spec.since
            else f"<= {format_version(spec.until or spec.since)}"
        )
        yield Issue(
            path,
            R201,
            f"field {spec.name!r} needs Alertmanager {needs}; target is {format_version(version)}",
            "remove the field, or change alertmanager_version in receivers.yaml",
            at_key=True,
        )
        return
    # Fields that read local files (R207) are refused by the rule file_field_forbidden, which
    # walks the whole native output rather than the declared names.
    yield from check_kind(spec, value, path, version, allow_files)


_PY_TYPES: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
}


def check_kind(
    spec: Field, value: Any, path: Path, version: Version, allow_files: bool = False
) -> Iterator[Issue]:
    """Check one value against its field's kind (and sub-fields, recursively)."""
    kind = spec.kind
    if kind == "any":
        return
    if spec.object_since is not None and isinstance(value, dict):
        if version < spec.object_since:
            yield Issue(
                path, R201,
                f"{spec.name!r} as a mapping ({', '.join(f.name for f in spec.fields)}) needs Alertmanager >= "
                f"{format_version(spec.object_since)}; target is {format_version(version)}",
                "write the template as text, or raise alertmanager_version in receivers.yaml",
            )
            return
        yield from _check_object(spec, value, path, version, allow_files)
        return
    if isinstance(value, str) and is_deferred(value) and kind not in ("list", "map", "object"):
        return  # resolved at render time; checked again then
    if kind in _PY_TYPES:
        wanted = _PY_TYPES[kind]
        if not isinstance(value, wanted) or (kind != "bool" and isinstance(value, bool)):
            yield Issue(
                path, R102, f"{spec.name!r} must be {_KIND_WORDS[kind]}, not {describe(value, show=False)}"
            )
        elif kind == "int" and isinstance(value, int):
            low, high = UINT64 if spec.unsigned else INT64
            if not low <= value <= high:
                what = "0 or more" if spec.unsigned and value < 0 else f"at most {high}" if value > high else ""
                what = what or f"at least {low}"
                yield Issue(
                    path, R160, f"{spec.name!r} must be {what} (Alertmanager refuses {value})",
                    "use a whole number in the range Alertmanager reads",
                )
        elif kind == "float" and isinstance(value, float) and not math.isfinite(value):
            yield Issue(path, R160, f"{spec.name!r} must be a finite number")
        return
    if kind in ("string", "template", "url", "duration", "go_duration", "hostport"):
        if not isinstance(value, str):
            if (
                kind in ("string", "template")
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                return  # numbers are fine where Alertmanager takes text (ids, chat numbers)
            yield Issue(
                path, R102, f"{spec.name!r} must be {_KIND_WORDS[kind]}, not {describe(value, show=False)}"
            )
            return
        problem = _check_text(kind, value)
        if problem:
            yield Issue(path, problem[0], f"{spec.name!r}: {problem[1]}", problem[2])
        elif spec.choices_unless_template and ("{{" in value or value.lower() in spec.choices):
            return
        elif spec.choices and value not in spec.choices:
            hint = did_you_mean(value, spec.choices, "one of: " + ", ".join(spec.choices))
            yield Issue(
                path, R103, f"{spec.name!r} is {value!r}, not one of the allowed values", hint
            )
        return
    if kind == "list":
        if not isinstance(value, list):
            yield Issue(path, R102, f"{spec.name!r} must be a list, not {describe(value, show=False)}")
            return
        for i, item in enumerate(value):
            if spec.fields:
                yield from _check_object(spec, item, (*path, i), version, allow_files)
            elif spec.items:
                yield from check_kind(Field(spec.name, spec.items), item, (*path, i), version, allow_files)
        return
    if kind == "map":
        if not isinstance(value, dict):
            yield Issue(path, R102, f"{spec.name!r} must be a mapping, not {describe(value, show=False)}")
            return
        if spec.fields:  # a mapping of names to objects (http_headers: {X-Name: {values: [...]}})
            for k, v in value.items():
                entry = Field(f"{spec.name}.{k}", "object", fields=spec.fields)
                yield from _check_object(entry, v, (*path, k), version, allow_files)
            return
        nested = spec.items == "any" and (spec.nested_since is None or version >= spec.nested_since)
        if not nested:
            for k, v in value.items():
                if isinstance(v, dict | list):
                    since = (
                        f"; nested values need Alertmanager >= {format_version(spec.nested_since)}, "
                        f"target is {format_version(version)}" if spec.nested_since else ""
                    )
                    yield Issue((*path, k), R102, f"{spec.name}.{k} must be a single value{since}",
                                      "write the value as text, or raise alertmanager_version" if since
                                      else "write the value as text")
        if spec.case_insensitive_keys:
            seen: dict[str, object] = {}
            for k in value:
                folded = str(k).lower()
                if folded in seen:
                    yield Issue(
                        (*path, k), R161,
                        f"{spec.name}: {k!r} and {seen[folded]!r} are the same key to Alertmanager, which "
                        "refuses the config (keys are compared without case)",
                        "keep one of them", at_key=True,
                    )
                else:
                    seen[folded] = k
        return
    if kind == "object":
        yield from _check_object(spec, value, path, version, allow_files)


def _check_object(
    spec: Field, value: Any, path: Path, version: Version, allow_files: bool
) -> Iterator[Issue]:
    if not isinstance(value, dict):
        yield Issue(path, R102, f"{spec.name!r} must be a mapping, not {describe(value, show=False)}")
        return
    for key, item in value.items():
        sub = spec.sub(key)
        if sub is None:
            names = [f.name for f in spec.fields]
            hint = did_you_mean(str(key), names, "allowed: " + ", ".join(names))
            yield Issue(
                (*path, key), R101, f"unknown field {key!r} in {spec.name}", hint, at_key=True
            )
            continue
        yield from _check_value(sub, item, (*path, key), version, allow_files)


def _check_text(kind: str, value: str) -> tuple[Code, str, str] | None:
    if kind == "url":
        problem = url_problem(value)
        if problem:
            return (R105, problem, "write it as https://host/path")
    elif kind == "duration" and parse_prometheus(value) is None:
        return (
            R106,
            f"{value!r} is not a duration Alertmanager reads",
            "use units y w d h m s ms, largest first: 30s, 5m, 1h30m (at most about 292 years)",
        )
    elif kind == "hostport":
        problem = hostport_problem(value)
        if problem:
            return (R105, problem, "write it as host:port, e.g. smtp.example.com:587")
    elif kind == "go_duration" and parse_go(value) is None:
        return (R106, f"{value!r} is not a duration Alertmanager reads",
                "use a number and a unit: 10s, 1.5s, 1m30s")
    return None


def _check_requirements(
    integration: Integration, config: Mapping[str, Any], version: Version, global_config: Mapping[str, Any]
) -> Iterator[Issue]:
    # Alertmanager tests a required field against Go's zero value: null, "", 0 and an empty
    # list or mapping all read as missing (telegram ``chat_id: 0`` is "missing chat_id").
    present = {key for key, value in config.items() if not _go_zero(value)}
    for alias in integration.aliases:
        if alias.name in present and len(alias.target) == 1:
            present.add(alias.target[0])
    for req in integration.requirements:
        if version < req.since:
            continue
        local = [name for name in req.any_of if name in present]
        from_global = [g for g in req.globals if not _go_zero(global_config.get(g))]
        if req.exactly_one and len(local) > 1:
            yield Issue(
                (local[1],),
                R205,
                f"{integration.channel_type} takes only one of {', '.join(req.any_of)}",
                req.hint or f"remove {local[1]!r}",
                at_key=True,
            )
        if not local and not from_global:
            names = " or ".join(repr(n) for n in req.any_of)
            via = f" (or the platform's global {' / '.join(req.globals)})" if req.globals else ""
            yield Issue(
                (),
                R204,
                f"{integration.channel_type} needs {names}{via}",
                req.hint or f"add {req.any_of[0]!r} to config",
                at_key=True,
            )


def _go_zero(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return value is None
    if isinstance(value, (int, float)):
        return value == 0
    return isinstance(value, (str, list, dict)) and len(value) == 0


_KIND_WORDS = {
    "bool": "true or false",
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "template": "text",
    "url": "a URL",
    "duration": "a duration like 5m",
    "go_duration": "a duration like 10s",
    "hostport": "host:port",
}

