"""The ``min_severity`` shorthand: a rung of the platform's ladder → the matchers selecting it and up.

Used by v1 receiver routes, observers and native route nodes alike (build.py, native_routes.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from receivers_cli.isolation.strategy import matcher
from receivers_cli.model.platform import Platform

_RE2_SPECIAL = set("\\.+*?()|[]{}^$")


def regex_alternation(values: Sequence[str]) -> str:
    return "|".join("".join("\\" + c if c in _RE2_SPECIAL else c for c in v) for v in values)


def severity_matchers(platform: Platform, min_severity: str | None) -> list[str]:
    """Matchers selecting ``min_severity`` and up; none when it is the lowest rung (every alert)."""
    ladder = platform.severities
    if min_severity is None or min_severity == ladder[0]:
        return []
    selected = ladder[ladder.index(min_severity):]
    if len(selected) == 1:
        return [matcher(platform.severity_label, "=", selected[0])]
    return [matcher(platform.severity_label, "=~", regex_alternation(selected))]
