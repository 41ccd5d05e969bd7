"""Keep secret values out of diagnostics: problems that sit on a secret field are marked.

A marked problem never shows its source line, and its message has the value replaced. Secret
fields are found in the raw data (so even problems of files that failed the structure check are
covered): the integration's ``secret_paths()`` below each receiver's ``config``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from receivers_cli.errors import Problem
from receivers_cli.loading.raw_tenants import body_receivers
from receivers_cli.loading.yaml_source import DataPath, SourceDocument

REDACTED = "<redacted>"


def secret_paths(doc: SourceDocument) -> dict[DataPath, Any]:
    """Source path → value of every secret field in a tenant or platform document."""
    found: dict[DataPath, Any] = {}
    data = doc.data
    if not isinstance(data, dict):
        return found
    bodies: list[tuple[DataPath, Any]] = [((), data)]
    bodies += [((key,), body) for key, body in data.items() if isinstance(body, dict)]
    for prefix, body in bodies:
        for i, receiver in body_receivers(body):
            if isinstance(receiver.get("config"), dict):
                found.update(_in_config(receiver, (*prefix, "receivers", i, "config")))
    return found


def _in_config(receiver: Mapping[str, Any], base: DataPath) -> Iterator[tuple[DataPath, Any]]:
    from receivers_cli import integrations

    channel = receiver.get("channel_type")
    integration = integrations.get(channel) if isinstance(channel, str) else None
    if integration is None:
        return
    wanted = set(integration.secret_paths())

    def walk(value: Any, path: DataPath, names: tuple[str, ...]) -> Iterator[tuple[DataPath, Any]]:
        if names and integration.native_path(names) in wanted:
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key), (*names, str(key)))

    yield from walk(receiver["config"], base, ())


def redact(problems: Iterable[Problem], documents: Mapping[str, SourceDocument]) -> list[Problem]:
    """The problems, with those on secret fields marked and their messages scrubbed."""
    cache: dict[str, dict[DataPath, Any]] = {}
    result = []
    for problem in problems:
        doc = documents.get(problem.file)
        if doc is None or not problem.path:
            result.append(problem)
            continue
        if problem.file not in cache:
            cache[problem.file] = secret_paths(doc)
        hit = next((p for p in cache[problem.file] if problem.path[: len(p)] == p), None)
        if hit is None:
            result.append(problem)
            continue
        message, hint = problem.message, problem.hint
        for text in _texts(cache[problem.file][hit]):
            message = message.replace(text, REDACTED)
            hint = hint.replace(text, REDACTED)
        result.append(replace(problem, message=message, hint=hint, secret=True))
    return result


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    if value is None or isinstance(value, bool) or str(value) == "":
        return []
    return [repr(value), str(value)]
