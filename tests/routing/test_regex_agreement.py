"""Property test: random RE2 regexes mean the same to the simulator and to amtool 0.25.

Each example is one config with a ``continue: true`` child route per regex (receiver ``re-N``), so
one ``amtool config routes test`` call reports, for one value, which of the regexes match it.
Regexes the simulator refuses must also make amtool refuse the config.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from receivers_cli.alertmanager.matchers import Matcher, MatcherError, MatchType, compile_re2
from tests.routing.amtool_support import Amtool

EXAMPLES = 40
REGEXES_PER_CONFIG = 12
VALUES_PER_CONFIG = 4

ALPHABET = "abcAB1 .-_é\n"
literal = st.sampled_from(["a", "b", "c", "A", "B", "1", " ", "\\.", "-", "_", "é", "\\n", "\\-", "\\x41", "\\141"])
char_class = st.sampled_from(
    ["[a-c]", "[^b]", "[ab1]", "[^\\n]", "[[:alpha:]]", "[[:^digit:]]", "[\\d.]", "[]a]", "[a-]", "[é-ê]"]
)
perl = st.sampled_from(["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", ".", "\\b", "\\B", "^", "$", "\\A", "\\z"])
quantifier = st.sampled_from(["*", "+", "?", "{2}", "{1,2}", "{0,}", "*?", "+?", "??", "{1,3}?", "{,2}", "{"])


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, min_size=2, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map("|".join),
        inner.map(lambda r: f"({r})"),
        inner.map(lambda r: f"(?:{r})"),
        inner.map(lambda r: f"(?i:{r})"),
        inner.map(lambda r: f"(?s){r}"),
        inner.map(lambda r: f"(?m){r}"),
        inner.map(lambda r: f"(?U){r}"),
        st.tuples(inner, quantifier).map(lambda t: f"(?:{t[0]}){t[1]}"),
    )


_leaves = st.one_of(literal, char_class, perl, st.tuples(st.one_of(literal, char_class), quantifier).map("".join))
regexes = st.recursive(_leaves, _extend, max_leaves=6)
# Stacked repetition (``a**``, ``a{2}?*``...) is mostly refused by RE2; one such regex per config.
maybe_refused = st.recursive(
    st.one_of(_leaves, st.tuples(literal, quantifier, quantifier).map("".join)), _extend, max_leaves=3
)
values = st.text(st.sampled_from(ALPHABET), max_size=6)


@pytest.mark.amtool
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    patterns=st.tuples(
        st.lists(regexes, min_size=REGEXES_PER_CONFIG - 1, max_size=REGEXES_PER_CONFIG - 1), maybe_refused
    ).map(lambda t: [*t[0], t[1]]),
    samples=st.lists(values, min_size=VALUES_PER_CONFIG, max_size=VALUES_PER_CONFIG),
)
def test_regexes_agree_with_amtool(amtool: Amtool, patterns: list[str], samples: list[str]) -> None:
    accepted: list[str] = []
    for pattern in patterns:
        try:
            compile_re2(pattern)
            accepted.append(pattern)
        except MatcherError:
            event("regex refused")
            rejected = amtool.write_config(_config([pattern]), "refused.yml")
            assert amtool.check_config(rejected).returncode != 0, f"amtool accepts {pattern!r}"
    path = amtool.write_config(_config(accepted))
    for value in samples:
        expected = amtool.routes_test(path, {"x": value})
        matched = [f"re-{i}" for i, p in enumerate(accepted) if Matcher("x", MatchType.REGEX, p).matches({"x": value})]
        assert (",".join(matched) or "none") == expected, (value, accepted)
        event(f"{min(len(matched), 3)}{'+' if len(matched) >= 3 else ''} regexes match one value")


def _regex_matcher(pattern: str) -> str:
    """``x=~"..."`` without compiling the regex (it may be one the simulator refuses)."""
    escaped = pattern.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    return f'x=~"{escaped}"'


def _config(patterns: list[str]) -> dict[str, Any]:
    routes = [
        {"receiver": f"re-{i}", "continue": True, "matchers": [_regex_matcher(p)]} for i, p in enumerate(patterns)
    ]
    receivers = [{"name": "none"}] + [{"name": f"re-{i}"} for i in range(len(patterns))]
    return {"route": {"receiver": "none", "routes": routes}, "receivers": receivers}
