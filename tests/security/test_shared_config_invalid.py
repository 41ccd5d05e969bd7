"""A hostile tenant cannot make the shared config invalid: what Alertmanager refuses, validate refuses.

Each fixture under ``tests/fixtures/refused/`` passed ``validate`` and ``render`` before and made
the real Alertmanager refuse the whole rendered config (so every tenant's reloads stopped). Each
must now be one located problem from the real CLI, exit 1, and render must write nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REFUSED = Path(__file__).resolve().parent.parent / "fixtures" / "refused"

# file, rule, line, column of the first problem; the pagerduty cases target 0.25 (nested details need 0.30)
CASES = [
    ("day-of-month-minus-32.yaml", "R164", 6, 27),
    ("day-of-month-unicode.yaml", "R164", 6, 27),
    ("day-of-month-zero.yaml", "R164", 6, 27),
    ("duration-overflow.yaml", "R163", 4, 22),
    ("duration-unicode-digits.yaml", "R106", 4, 17),
    ("email-header-case.yaml", "R161", 10, 37),
    ("email-to-empty.yaml", "R204", 6, 7),
    ("group-by-all-and-more.yaml", "R162", 4, 16),
    ("group-by-not-label.yaml", "R162", 4, 16),
    ("group-by-twice.yaml", "R162", 4, 36),
    ("group-interval-zero.yaml", "R163", 4, 21),
    ("location-traversal.yaml", "R207", 6, 21),
    ("max-alerts-negative.yaml", "R160", 8, 21),
    ("month-thirteen.yaml", "R164", 6, 20),
    ("pagerduty-nested-alias.yaml", "R102", 8, 28),
    ("pagerduty-nested-details.yaml", "R102", 8, 25),
    ("repeat-interval-zero-seconds.yaml", "R163", 4, 22),
    ("smarthost-without-port.yaml", "R105", 9, 20),
    ("times-reversed.yaml", "R164", 6, 19),
    ("url-bad-escape.yaml", "R105", 7, 14),
    ("url-ipv6-unclosed.yaml", "R105", 7, 14),
    ("url-port-not-number.yaml", "R105", 7, 14),
    ("url-port-out-of-range.yaml", "R105", 7, 14),
    ("weekday-open-range.yaml", "R164", 6, 22),
    ("weekday-reversed.yaml", "R164", 6, 22),
    ("weekday-unknown.yaml", "R164", 6, 22),
    ("year-huge.yaml", "R164", 6, 19),
    ("years-reversed.yaml", "R164", 6, 19),
]
# Valid for validate and render; only `receivers test` refuses them (see test_internal_errors.py).
TEST_ONLY = {"test-at-year-9999.yaml"}


def receivers(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", *args],
        cwd=cwd, capture_output=True, text=True, timeout=30,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "RECEIVERS_NO_CACHE": "1"},
    )


def version_args(file: str) -> list[str]:
    return ["--alertmanager-version", "0.25"] if file.startswith("pagerduty-") else []


def test_every_fixture_has_a_case() -> None:
    files = {p.name for p in REFUSED.glob("*.yaml")}
    assert files == {c[0] for c in CASES} | TEST_ONLY


@pytest.mark.parametrize(("file", "rule", "line", "column"), CASES, ids=[c[0] for c in CASES])
def test_validate_refuses_with_location(file: str, rule: str, line: int, column: int) -> None:
    result = receivers("validate", "--format", "json", file, *version_args(file), cwd=REFUSED)
    assert result.returncode == 1, result.stderr
    # The first error: warnings (R5xx) on the same minimal fixture are not what the case is about.
    first = next(p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error")
    assert (first["file"], first["rule"], first["line"], first["column"]) == (file, rule, line, column)
    assert first["message"] and first["hint"]


@pytest.mark.parametrize("file", [c[0] for c in CASES])
def test_render_refuses_and_writes_nothing(file: str, tmp_path: Path) -> None:
    (tmp_path / "tenants").mkdir()
    shutil.copy(REFUSED / file, tmp_path / "tenants" / file)
    result = receivers("render", "--out", "out", *version_args(file), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"tenants/{file}:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_messages_say_the_rule_is_alertmanagers() -> None:
    result = receivers("validate", "group-interval-zero.yaml", "times-reversed.yaml", "email-header-case.yaml",
                       cwd=REFUSED)
    assert "group_interval cannot be zero (Alertmanager refuses the whole config)" in result.stderr
    assert "time interval 'window', times: start time cannot be equal or greater than end time; Alertmanager" \
        in result.stderr
    assert "are the same key to Alertmanager" in result.stderr


def test_nested_pagerduty_details_are_fine_from_0_30() -> None:
    result = receivers("validate", "pagerduty-nested-details.yaml", "--alertmanager-version", "0.30", cwd=REFUSED)
    assert result.returncode == 0, result.stderr


@pytest.mark.amtool
@pytest.mark.parametrize("file", ["group-interval-zero.yaml", "max-alerts-negative.yaml", "url-port-not-number.yaml",
                                  "email-header-case.yaml", "weekday-unknown.yaml", "years-reversed.yaml"])
def test_the_real_alertmanager_refuses_what_these_would_render(file: str, tmp_path: Path) -> None:
    """The cases are real: the same tenant, written into a native config by hand, fails amtool."""
    from tests.tools import amtool_check

    native = {
        "group-interval-zero.yaml": "route: {receiver: a, routes: [{receiver: a, group_interval: '0'}]}\n"
                                    "receivers: [{name: a}]\n",
        "max-alerts-negative.yaml": "route: {receiver: a}\nreceivers: [{name: a, webhook_configs: "
                                    "[{url: 'https://e.com/', max_alerts: -1}]}]\n",
        "url-port-not-number.yaml": "route: {receiver: a}\n"
                                    "receivers: [{name: a, webhook_configs: [{url: 'https://e.com:abc/'}]}]\n",
        "email-header-case.yaml": "route: {receiver: a}\nreceivers: [{name: a, email_configs: [{to: t@e.com, "
                                  "from: f@e.com, smarthost: 'h:25', headers: {Subject: a, subject: b}}]}]\n",
        "weekday-unknown.yaml": "route: {receiver: a}\nreceivers: [{name: a}]\n"
                                "time_intervals: [{name: w, time_intervals: [{weekdays: [funday]}]}]\n",
        "years-reversed.yaml": "route: {receiver: a}\nreceivers: [{name: a}]\n"
                               "time_intervals: [{name: w, time_intervals: [{years: ['0:-1']}]}]\n",
    }[file]
    (tmp_path / "alertmanager.yml").write_text(native, "utf-8")
    assert amtool_check(tmp_path / "alertmanager.yml").returncode == 1
