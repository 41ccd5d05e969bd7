"""Which parser reads a matcher, by Alertmanager version and mode.

From 0.27 the default is **fallback** mode: the classic result wins whenever the classic parser
accepts the input (Alertmanager logs a warning on disagreement), otherwise the UTF-8 result is
used. ``utf8`` (strict) and ``classic`` modes can be forced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from receivers_cli.alertmanager.matchers.classic import classic_matcher, classic_matchers
from receivers_cli.alertmanager.matchers.errors import MatcherError
from receivers_cli.alertmanager.matchers.model import Matcher, MatchType
from receivers_cli.alertmanager.matchers.utf8 import utf8_matchers, utf8_single
from receivers_cli.alertmanager.versions import SIMULATED_DEFAULT, UTF8_MATCHERS, Version

ParserMode = Literal["classic", "utf8", "fallback"]

#: Keys of the deprecated ``match``/``match_re`` maps (no colon, in every version).
_MATCH_KEY = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")


def default_mode(version: Version) -> ParserMode:
    return "classic" if version < UTF8_MATCHERS else "fallback"


#: Parsed entries by (text, effective mode). A config repeats the same few matcher strings on many
#: routes and every stage (import, validation rules, render, simulator) parses them again; Matcher
#: is immutable, so one parse serves all. Bounded: a hostile file cannot grow it without limit.
_PARSED: dict[tuple[str, ParserMode], tuple[Matcher, ...]] = {}
_PARSED_MAX = 20000


def parse_matchers(text: str, version: Version = SIMULATED_DEFAULT, mode: ParserMode | None = None) -> list[Matcher]:
    """Parse one ``matchers`` entry (one matcher or a comma-separated list, optional braces)."""
    mode = _effective_mode(version, mode)
    key = (text, mode)
    cached = _PARSED.get(key)
    if cached is None:
        cached = tuple(_parse_uncached(text, mode))  # a refusal raises and is not cached
        if len(_PARSED) < _PARSED_MAX and len(text) <= 1024:
            _PARSED[key] = cached
    return list(cached)


def _parse_uncached(text: str, mode: ParserMode) -> list[Matcher]:
    if mode == "classic":
        return classic_matchers(text)
    if mode == "utf8":
        return utf8_matchers(text)
    try:
        return classic_matchers(text)
    except MatcherError as classic_error:
        try:
            return utf8_matchers(text)
        except MatcherError:
            raise classic_error from None


def parse_matcher(text: str, version: Version = SIMULATED_DEFAULT, mode: ParserMode | None = None) -> Matcher:
    """Parse exactly one matcher (as amtool parses a ``label=value`` argument)."""
    mode = _effective_mode(version, mode)
    if mode != "classic" and (text.startswith("{") or text.endswith("}")):
        raise MatcherError(f"unexpected open or close brace: {text}")
    if mode == "classic":
        return classic_matcher(text)
    if mode == "utf8":
        return utf8_single(text)
    try:
        return classic_matcher(text)
    except MatcherError as classic_error:
        try:
            return utf8_single(text)
        except MatcherError:
            raise classic_error from None


def parse_matcher_list(
    entries: Iterable[str] | None, version: Version = SIMULATED_DEFAULT, mode: ParserMode | None = None
) -> list[Matcher]:
    """Parse a YAML ``matchers:`` list (every entry ANDed)."""
    result: list[Matcher] = []
    for entry in entries or ():
        if not isinstance(entry, str):
            raise MatcherError(f"matcher entry must be a string, got {type(entry).__name__}")
        result.extend(parse_matchers(entry, version, mode))
    return result


def matchers_from_legacy(
    match: Mapping[str, object] | None = None, match_re: Mapping[str, object] | None = None
) -> list[Matcher]:
    """Matchers for the deprecated ``match`` (equality) and ``match_re`` (regex) maps."""
    result: list[Matcher] = []
    for mapping, kind in ((match, MatchType.EQUAL), (match_re, MatchType.REGEX)):
        for name, value in (mapping or {}).items():
            if not _MATCH_KEY.match(name):
                raise MatcherError(f"invalid label name {name!r}")
            if value is None and kind is MatchType.REGEX:
                raise MatcherError(f"invalid regexp value for {name!r}")
            result.append(Matcher(name, kind, "" if value is None else _scalar_text(value)))
    return result


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _effective_mode(version: Version, mode: ParserMode | None) -> ParserMode:
    if mode is None:
        return default_mode(version)
    if version < UTF8_MATCHERS and mode != "classic":
        raise MatcherError(f"Alertmanager {version[0]}.{version[1]} only has the classic matcher parser")
    return mode
