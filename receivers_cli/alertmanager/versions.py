"""Alertmanager versions the build knows, and parsing of ``X.Y`` version strings."""

from __future__ import annotations

from typing import TypeAlias

Version: TypeAlias = tuple[int, int]

KNOWN_VERSIONS: tuple[Version, ...] = tuple((0, minor) for minor in range(24, 35))
OLDEST: Version = KNOWN_VERSIONS[0]
NEWEST: Version = KNOWN_VERSIONS[-1]


def parse_version(text: str) -> Version:
    """Parse ``0.25`` or ``0.25.1`` (the patch is ignored); raise ValueError when unknown."""
    parts = text.strip().lstrip("v").split(".")
    try:
        version = (int(parts[0]), int(parts[1]))
    except (IndexError, ValueError):
        raise ValueError(f"{text!r} is not a version like 0.25") from None
    if version not in KNOWN_VERSIONS:
        known = ", ".join(format_version(v) for v in KNOWN_VERSIONS)
        raise ValueError(f"Alertmanager {format_version(version)} is not known; known: {known}")
    return version


def format_version(version: Version) -> str:
    return f"{version[0]}.{version[1]}"
