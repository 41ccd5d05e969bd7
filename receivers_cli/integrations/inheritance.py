"""What a receiver takes from the platform's ``global`` section, and which of its fields redirect
a request (the facts R150-style credential rules need)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from receivers_cli.alertmanager.versions import Version
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Inherit, InheritRole, Transport


def native_value(native: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` of a native config, or None where a level is missing."""
    node: Any = native
    for part in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def is_set(value: Any) -> bool:
    """Alertmanager treats a missing, null or empty value as not given (and then falls back)."""
    return value is not None and value != "" and value != {} and value != []


def inherited_credentials(
    integration: Integration,
    native: Mapping[str, Any],
    version: Version,
    global_config: Mapping[str, Any],
    roles: tuple[InheritRole, ...] = ("credential",),
) -> list[tuple[Inherit, tuple[str, ...]]]:
    """The credentials (or other ``roles``) a receiver with this native config takes from the
    platform at ``version``: each declaration with the global fields that feed it (empty for an
    ambient credential). Declarations the build neutralizes (``emitted``) are left out."""
    found: list[tuple[Inherit, tuple[str, ...]]] = []
    for inherit in integration.all_inherits():
        if inherit.role not in roles or inherit.emitted or version < inherit.since:
            continue
        if is_set(native_value(native, inherit.path)):
            continue
        if any(is_set(native_value(native, other)) for other in inherit.unless):
            continue
        sources = tuple(g for g in inherit.globals if is_set(global_config.get(g)))
        if sources or inherit.ambient:
            found.append((inherit, sources))
    return found


def redirecting_fields(integration: Integration, native: Mapping[str, Any], version: Version) -> list[Transport]:
    """The destination and transport fields this native config sets to a value that matters."""
    found: list[Transport] = []
    for transport in integration.all_transport():
        if version < transport.since:
            continue
        value = native_value(native, transport.path)
        if is_set(value) and value not in transport.safe:
            found.append(transport)
    return found

