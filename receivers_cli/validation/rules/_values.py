"""Walking a tenant's receiver configs: every string value with its source path (shared by rules)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from receivers_cli.loading.yaml_source import DataPath
from receivers_cli.validation.context import CheckedTenant


def config_strings(tenant: CheckedTenant) -> Iterator[tuple[int, DataPath, tuple[str, ...], str]]:
    """(receiver index, source path, field path by names, value) of every string in every config."""
    for i, receiver in enumerate(tenant.model.receivers):
        yield from (
            (i, path, names, value)
            for path, names, value in _strings(receiver.config, (tenant.id, "receivers", i, "config"), ())
        )


def strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """(source path, value) of every string below ``value``, which stands at ``path``."""
    return ((found, text) for found, _names, text in _strings(value, path, ()))


def _strings(value: Any, path: DataPath, names: tuple[str, ...]) -> Iterator[tuple[DataPath, tuple[str, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key), (*names, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index), names)
    elif isinstance(value, str):
        yield path, names, value
