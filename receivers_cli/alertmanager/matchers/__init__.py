"""Alertmanager label matchers: parsing, matching and the canonical printed form.

One module per job: :mod:`.model` (a matcher, matching, printing), :mod:`.classic` and
:mod:`.utf8` (Alertmanager's two parsers), :mod:`.parse` (which parser a version and mode use),
:mod:`.gostrings` (Go's quoting and whitespace rules) and :mod:`.regex` (Go RE2 patterns, matched
in linear time).
"""

from __future__ import annotations

from receivers_cli.alertmanager.matchers.errors import MatcherError
from receivers_cli.alertmanager.matchers.model import (
    LEGACY_LABEL_NAME,
    Matcher,
    MatchType,
    escape_value,
    format_matchers,
    matches_all,
    sort_matchers,
)
from receivers_cli.alertmanager.matchers.parse import (
    ParserMode,
    default_mode,
    matchers_from_legacy,
    parse_matcher,
    parse_matcher_list,
    parse_matchers,
)
from receivers_cli.alertmanager.matchers.regex import compile_re2

__all__ = [
    "LEGACY_LABEL_NAME",
    "MatchType",
    "Matcher",
    "MatcherError",
    "ParserMode",
    "compile_re2",
    "default_mode",
    "escape_value",
    "format_matchers",
    "matchers_from_legacy",
    "matches_all",
    "parse_matcher",
    "parse_matcher_list",
    "parse_matchers",
    "sort_matchers",
]
