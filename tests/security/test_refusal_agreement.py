"""Property: whatever `receivers` accepts, the real Alertmanager accepts too.

One hostile tenant must never make the shared config invalid (Alertmanager would refuse to load
it, and every tenant's changes would stop). Hypothesis mutates a valid tenant file with hostile
and boundary values (negative, zero and huge numbers, empty and Unicode text, bad durations, URLs,
label names and time intervals, header names differing in case, ...) and checks, per case:

* the API (load → validate → render) raises nothing but ``ProblemsError``;
* when it accepts, the real ``amtool check-config`` of the target version accepts the output
  (0.25 from the Debian package; 0.28 and 0.33 too when ``/work/am/<v>/usr/bin/amtool`` is there);
* the CLI never exits 2 nor prints "internal error" for validate, render, routes show, routes
  test, test and diff of two output folders.

``RECEIVERS_COUNT_DISAGREEMENTS=1`` records disagreements instead of failing at the first one and
prints the tally (used to measure the tool before and after a change).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from receivers_cli.api import load_project, render_project, validated
from receivers_cli.cli.app import app
from receivers_cli.errors import ProblemsError
from receivers_cli.render.output import write_output
from receivers_cli.validation.levels import ValidationLevel
from tests.tools import require_tool

pytestmark = pytest.mark.amtool

COUNT = os.environ.get("RECEIVERS_COUNT_DISAGREEMENTS") == "1"
EXAMPLES = int(os.environ.get("RECEIVERS_PROPERTY_EXAMPLES", "120"))
# Newer real checkers, when this machine has them (each example is judged by one drawn version).
NEWER_AMTOOLS = {v: Path(f"/work/am/{v}/usr/bin/amtool") for v in ("0.28", "0.33")}
VERSIONS = ["0.25", *(v for v, path in NEWER_AMTOOLS.items() if path.is_file())]

SEED: dict[str, Any] = {
    "metadata": {"name": "Prop", "tier": "standard", "contact_team": "sre@example.com"},
    "receivers": [
        {"name": "hook", "channel_type": "webhook",
         "config": {"url": "https://example.com/hook", "max_alerts": 0}},
        {"name": "mail", "channel_type": "email",
         "config": {"to": "team@example.com", "from": "am@example.com", "smarthost": "smtp.example.com:587",
                    "headers": {"X-Team": "prop"}}},
        {"name": "pager", "channel_type": "pagerduty", "min_severity": "critical", "active_during": ["office"],
         "config": {"routing_key": "0123456789abcdef0123456789abcdef", "details": {"team": "prop"},
                    "url": "https://events.pagerduty.com/v2/enqueue"}},
        {"name": "chat", "channel_type": "telegram", "match": {"component": "db"},
         "config": {"bot_token": "123:abc", "chat_id": -100}},
    ],
    "routing": {"group_by": ["alertname"], "group_wait": "30s", "group_interval": "5m", "repeat_interval": "4h"},
    "inhibit": [{"source_matchers": ['alertname="Down"'], "target_matchers": ['severity="warning"'],
                 "equal": ["cluster"]}],
    "time_intervals": [{"name": "office", "time_intervals": [{
        "weekdays": ["monday:friday"], "times": [{"start_time": "09:00", "end_time": "17:00"}],
        "days_of_month": ["1:-1"], "months": ["january:12"], "years": ["2020:2030"], "location": "Europe/Berlin",
    }]}],
    "tests": [{"labels": {"alertname": "A", "severity": "critical"}, "expect": ["hook", "mail", "pager"],
               "at": "2026-01-05T10:00:00Z"}],
}

# ------------------------------------------------------------------ hostile values

INTS = st.sampled_from([-(2**64), -(2**63) - 1, -(2**63), -1, 0, 1, 7, 2**31, 2**63 - 1, 2**63, 2**64 - 1, 2**64])
WORDS = st.sampled_from([
    "", " ", "0", "-1", "+1", "00", "٣", "é", "a b", "../x", "/etc/passwd", "x\ty", "null", "~", "true", "1e3",
    "...", ":", "a:b:c", "{{", "%zz", "alertname", "Alertname", "_x", "1abc", "a.b", "a-b", "日本",
])
TEXT = WORDS | st.text(max_size=6)
SCALAR = TEXT | INTS | st.booleans() | st.none() | st.floats(allow_nan=True, allow_infinity=True)
ANY = SCALAR | st.lists(SCALAR, max_size=2) | st.dictionaries(WORDS, SCALAR, max_size=2)

DURATIONS = st.sampled_from([
    "0", "0s", "0m", "0ms", "00", "1s", "30s", "5m", "1h30m", "30m1h", "1.5m", "", "1", "-1s", "1d", "1y", "999999y",
    "292y", "293y", "106751d", "106752d", "٣s", "1s ", " 1s", "1S", "1m1m",
]) | TEXT
GO_DURATIONS = st.sampled_from(["0", "10s", "1.5s", "-1s", "+1s", "1d", "", ".s", "1e3s", "9999999999h", "1µs"])
URLS = st.sampled_from([
    "https://example.com/a", "https://host:99999/", "https://host:65535/", "https://host:0/", "https://host:abc/",
    "https://[::1/x", "https://[::1]:80/", "https://[::1]x/", "https://host:/", "https://h:1:2/", "HTTPS://H/",
    "https://u:p@h/", "https://u p@h/", "http://h/a b", "https://h/%zz", "https://h/%2F", "https://ü.example/",
    "ftp://h/", "https://", "https:///x", "//h/x", "h/x", "https://h\\x/", "https://h/\u0000", "https://h#frag",
    "https://h?q=%zz", "https://[fe80::1%25eth0]/", "https://[fe80::1%eth0]/", "https://h:+80/", "https://h:080/",
]) | TEXT
LABELS = st.sampled_from(["alertname", "cluster", "...", "not a label", "1x", "a.b", "", "_", "ä", "le", "Alertname"])
RANGES = st.sampled_from([
    "monday", "Monday", "FRIDAY", "funday", "monday:", ":friday", "monday:friday", "saturday:sunday", "sunday:saturday",
    "1", "31", "-1", "-31", "0", "32", "-32", "1:5", "5:1", "-3:-1", "-1:-3", "-5:5", "5:-5", "1:-1", "+5", "٣", " 5",
    "13", "12", "january", "may:august", "december:january", "2020:2022", "0:-1", "-5", "99999999999999999999",
    "1:2:3", "", "1_0",
]) | TEXT
TIMES = st.sampled_from(["00:00", "09:00", "17:00", "23:59", "24:00", "24:01", "9:00", "25:00", "12:60", "", "٠٩:00"])
ZONES = st.sampled_from([
    "UTC", "Local", "", "Europe/Berlin", "America/New_York", "../../etc/passwd", "/etc/localtime", "Europe/../UTC",
    "utc", "Nowhere/City", "Europe", "zone.tab", "posixrules", "Etc/GMT+5", "EST5EDT", "Europe/Berlin/",
])
AT = st.sampled_from([
    "2026-01-05T10:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "", "now", "2026-01-05",
])
HEADER_KEYS = st.sampled_from(["Subject", "subject", "SUBJECT", "X-Team", "x-team", "To", "From", "", "Bad Key", "é"])


def _listed(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(values, max_size=3) | ANY


SLOTS: list[tuple[tuple[str | int, ...], st.SearchStrategy[Any]]] = [
    (("routing", "group_by"), _listed(LABELS)),
    (("routing", "group_wait"), DURATIONS),
    (("routing", "group_interval"), DURATIONS),
    (("routing", "repeat_interval"), DURATIONS),
    (("receivers", 0, "config", "url"), URLS),
    (("receivers", 0, "config", "max_alerts"), INTS | SCALAR),
    (("receivers", 0, "config", "http_config"), st.fixed_dictionaries({"proxy_url": URLS}) | ANY),
    (("receivers", 1, "config", "headers"), st.dictionaries(HEADER_KEYS, SCALAR, max_size=3) | ANY),
    (("receivers", 1, "config", "smarthost"), st.sampled_from(["h:25", "h", ":25", "h:", "[::1]:25"]) | TEXT),
    (("receivers", 1, "config", "to"), TEXT | INTS),
    (("receivers", 2, "config", "details"), st.dictionaries(WORDS, ANY, max_size=2) | ANY),
    (("receivers", 2, "config", "escalation_policy"), ANY),
    (("receivers", 2, "config", "url"), URLS),
    (("receivers", 3, "config", "chat_id"), INTS | SCALAR),
    (("receivers", 3, "config", "parse_mode"), st.sampled_from(["HTML", "Markdown", "MarkdownV2", "", "html"]) | TEXT),
    (("receivers", 3, "match"), st.dictionaries(LABELS | WORDS, TEXT, max_size=2) | ANY),
    (("receivers", 0, "min_severity"), TEXT),
    (("inhibit", 0, "equal"), _listed(LABELS)),
    (("inhibit", 0, "source_matchers", 0), TEXT | st.sampled_from(['a="b"', "a=b", 'a=~"("', '"a.b"="x"', "{a=b}"])),
    (("time_intervals", 0, "time_intervals", 0, "weekdays"), _listed(RANGES)),
    (("time_intervals", 0, "time_intervals", 0, "days_of_month"), _listed(RANGES)),
    (("time_intervals", 0, "time_intervals", 0, "months"), _listed(RANGES)),
    (("time_intervals", 0, "time_intervals", 0, "years"), _listed(RANGES)),
    (("time_intervals", 0, "time_intervals", 0, "times"),
     st.lists(st.fixed_dictionaries({"start_time": TIMES, "end_time": TIMES}), max_size=2) | ANY),
    (("time_intervals", 0, "time_intervals", 0, "location"), ZONES | TEXT),
    (("tests", 0, "at"), AT | TEXT),
]


@st.composite
def tenants(draw: st.DrawFn) -> dict[str, Any]:
    """The seed tenant with one to three of its slots replaced by hostile values."""
    body = copy.deepcopy(SEED)
    chosen = draw(st.lists(st.sampled_from(range(len(SLOTS))), min_size=1, max_size=3, unique=True))
    for index in chosen:
        path, values = SLOTS[index]
        node: Any = body
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = draw(values)
    return body


# ------------------------------------------------------------------ the judges

def _amtool(version: str) -> str:
    return require_tool("amtool") if version == "0.25" else str(NEWER_AMTOOLS[version])


def _amtool_verdict(amtool: str, config: Path) -> tuple[bool, str]:
    done = subprocess.run([amtool, "check-config", str(config)], capture_output=True, text=True, timeout=60)
    lines = [ln for ln in done.stdout.splitlines() if ln.strip() and not ln.startswith("level=")]
    return done.returncode == 0, (lines[0] if lines else done.stderr.strip())


class Tally:
    def __init__(self) -> None:
        self.cases = 0
        self.accepted = 0
        self.disagreements: list[str] = []
        self.crashes: list[str] = []


TALLY = Tally()
RUNNER = CliRunner()


def _record(kind: list[str], message: str) -> None:
    kind.append(message)
    if not COUNT:
        pytest.fail(message)


def _cli(args: list[str], cwd: Path, body: str) -> None:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = RUNNER.invoke(app, args, env={"RECEIVERS_NO_CACHE": "1"})
    finally:
        os.chdir(old)
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    exc = result.exception
    if (exc is not None and not isinstance(exc, SystemExit)) or result.exit_code == 2 or "internal error" in output:
        _record(TALLY.crashes, f"`receivers {' '.join(args)}` exited {result.exit_code} "
                               f"({type(exc).__name__ if exc else output.strip()[-200:]}) for:\n{body}")


@pytest.fixture(scope="module")
def baseline() -> Iterator[Path]:
    """A rendered output of the seed tenant, the OLD side of `receivers diff`."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write_repo(root, SEED, "0.25")
        project = load_project([root / "tenants"], root / "receivers.yaml")
        project = validated(project, ValidationLevel.STANDARD)
        write_output(render_project(project, env={}).files, root / "baseline")
        yield root / "baseline"
    if COUNT:
        print(f"\n{TALLY.cases} cases, {TALLY.accepted} accepted, {len(TALLY.disagreements)} accepted but refused by "
              f"amtool, {len(TALLY.crashes)} crashes")
        for line in sorted({d.splitlines()[0] for d in TALLY.disagreements + TALLY.crashes}):
            print("  ", line[:220])


def _write_repo(root: Path, body: dict[str, Any], version: str) -> str:
    (root / "tenants").mkdir(parents=True, exist_ok=True)
    text = json.dumps({"prop": body}, indent=1)
    (root / "tenants" / "prop.yaml").write_text(text, "utf-8")
    (root / "receivers.yaml").write_text(f'alertmanager_version: "{version}"\n', "utf-8")
    return text


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=tenants(), version=st.sampled_from(VERSIONS))
def test_whatever_we_accept_alertmanager_accepts(body: dict[str, Any], version: str, baseline: Path) -> None:
    TALLY.cases += 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for amtool in [_amtool(version)]:
            text = _write_repo(root, body, version)
            try:
                project = load_project([root / "tenants"], root / "receivers.yaml")
                project = validated(project, ValidationLevel.STANDARD)
                rendered = render_project(project, env={})
            except ProblemsError:
                rendered = None
            except Exception as exc:
                _record(TALLY.crashes, f"API raised {type(exc).__name__}: {exc} for:\n{text}")
                rendered = None
            if rendered is None:
                continue
            out = root / f"out-{version}"
            write_output(rendered.files, out)
            TALLY.accepted += 1
            ok, verdict = _amtool_verdict(amtool, out / "alertmanager.yml")
            if not ok:
                _record(TALLY.disagreements, f"accepted, but amtool {version} says: {verdict} for:\n{text}")
        text = _write_repo(root, body, "0.25")
        _cli(["validate", "tenants", "--config", "receivers.yaml"], root, text)
        _cli(["render", "--tenants", "tenants", "--config", "receivers.yaml", "--out", "cli-out"], root, text)
        _cli(["routes", "show", "--tenants", "tenants", "--config", "receivers.yaml"], root, text)
        _cli(["routes", "test", "--tenants", "tenants", "--config", "receivers.yaml", "tenant=prop",
              "severity=critical", "alertname=A"], root, text)
        _cli(["test", "--tenants", "tenants", "--config", "receivers.yaml"], root, text)
        if (root / "cli-out" / "alertmanager.yml").is_file():
            _cli(["diff", str(baseline), str(root / "cli-out")], root, text)
        shutil.rmtree(root / "cli-out", ignore_errors=True)
