"""Tenant regexes are matched by RE2 in linear time: catastrophic-backtracking patterns cannot hang.

The patterns below take exponential time in a backtracking engine (Python ``re``) on the values
used here; RE2 answers in microseconds. What Go's regexp refuses is still refused.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from receivers_cli.alertmanager.matchers import Matcher, MatcherError, MatchType, compile_re2
from tests.repos import make_repo
from tests.security._cli import assert_refused, run

EVIL = ["(a+)+", "(a+)+$", "(a|a)*", "(a|aa)+", "(.*a){20}", "((a*)*)*b", "(a*)*c"]
VALUE = "a" * 50_000 + "!"


@pytest.mark.parametrize("pattern", EVIL)
def test_pathological_patterns_return_instantly(pattern: str) -> None:
    matcher = Matcher("x", MatchType.REGEX, pattern)
    start = time.perf_counter()
    assert matcher.matches({"x": VALUE}) is False
    assert Matcher("x", MatchType.NOT_REGEX, pattern).matches({"x": VALUE}) is True
    assert time.perf_counter() - start < 1.0


def test_anchoring_and_semantics_unchanged() -> None:
    assert compile_re2("a+").search("aaa") is not None
    assert compile_re2("a+").search("aaab") is None  # anchored ^(?:...)$
    assert compile_re2("a|b").search("b") is not None
    assert compile_re2("(?i)k").search("\u212a") is not None  # Kelvin sign folds to k, as in Go


@pytest.mark.parametrize("pattern", ["(a)\\1", "(?=a)", "a**", "(" * 1001 + ")" * 1001, "a{1001}"])
def test_what_go_refuses_is_refused(pattern: str) -> None:
    with pytest.raises(MatcherError):
        compile_re2(pattern)


def test_deep_but_valid_nesting_compiles() -> None:
    """Go accepts up to 1000 levels; the translator must not hit Python's recursion limit first."""
    assert compile_re2("(" * 900 + "a" + ")" * 900).search("a") is not None


def test_receivers_test_with_a_redos_inhibit_rule_finishes(tmp_path: Path) -> None:
    long_name = "a" * 20_000 + "!"
    make_repo(tmp_path, {"evil": f"""evil:
  metadata: {{name: Evil, tier: standard}}
  receivers:
    - name: hook
      channel_type: webhook
      min_severity: warning
      config: {{url: "https://hooks.example.com/evil"}}
  inhibit:
    - source_matchers: ['alertname=~"(a+)+$"']
      target_matchers: ['alertname=~"((a*)*)*b"']
  tests:
    - name: the regexes meet a long value
      labels: {{alertname: "{long_name}", severity: critical}}
      firing: [{{alertname: "{long_name}", severity: critical}}]
      expect: [hook]
"""})
    result = run("test", cwd=tmp_path, timeout=60)  # a backtracking engine would not finish this
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 0 failed" in result.stdout


def test_an_invalid_regex_is_a_located_problem(tmp_path: Path) -> None:
    make_repo(tmp_path, {"bad": """bad:
  metadata: {name: Bad, tier: standard}
  receivers:
    - {name: hook, channel_type: webhook, min_severity: warning, config: {url: "https://h.example.com/"}}
  inhibit:
    - source_matchers: ['alertname=~"(a)\\\\1"']
      target_matchers: ['alertname="x"']
"""})
    result = run("validate", cwd=tmp_path)
    assert_refused(result, "tenants/bad.yaml:6:")
