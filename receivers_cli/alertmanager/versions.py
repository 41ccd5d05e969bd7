"""Alertmanager versions the build knows, and parsing of ``X.Y`` version strings."""

from __future__ import annotations

from typing import TypeAlias

Version: TypeAlias = tuple[int, int]

KNOWN_VERSIONS: tuple[Version, ...] = tuple((0, minor) for minor in range(24, 35))
OLDEST: Version = KNOWN_VERSIONS[0]
NEWEST: Version = KNOWN_VERSIONS[-1]
#: What the parsers and simulators assume when a caller names no version (Debian's packaged 0.25).
SIMULATED_DEFAULT: Version = (0, 25)

# Releases that changed behaviour the tool mirrors, named once instead of as tuples at each use.
#: The UTF-8 matcher parser (and ``fallback`` mode as the default); UTF-8 names in group_by.
UTF8_MATCHERS: Version = (0, 27)
#: Any UTF-8 label name in inhibit_rules' ``equal`` and in group_by under the default mode.
UTF8_LABEL_NAMES: Version = (0, 28)
#: ``inhibit_rules[].name``.
INHIBIT_RULE_NAMES: Version = (0, 30)
#: An explicit empty ``group_by: []`` resets the parent's grouping (before, it kept it).
EMPTY_GROUP_BY_RESETS: Version = (0, 31)


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
