"""``routes test --explain``: each kind of explanation, on the native-routes fixture repository
(a tenant tree with continue, nesting, mute and active intervals; platform inhibit rules), with the
file:line of what is responsible, and the hints for unknown tenants and severities."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.alertmanager.inhibition import InhibitRule, parse_inhibit_rules
from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.alertmanager.timeintervals import IntervalSpec, parse_time_intervals
from receivers_cli.analysis import explain as why
from receivers_cli.api import load_healthy_project, preview_config
from receivers_cli.cli.app import app
from tests.helpers import FIXTURES

REPO = FIXTURES / "native_routes"
TENANT_FILE = REPO / "tenants" / "checkout.yaml"
PLATFORM_FILE = REPO / "receivers.yaml"
OPTIONS = ["--tenants", str(REPO / "tenants"), "--config", str(PLATFORM_FILE)]
TUESDAY_NOON = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)  # inside checkout's business-hours
TUESDAY_NIGHT = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)
runner = CliRunner()
Setting = tuple[why.Context, Route, list[InhibitRule], dict[str, list[IntervalSpec]]]


def line_of(path: Path, text: str, after: str = "") -> str:
    """``file:line`` of the first line holding ``text`` (below the first line holding ``after``)."""
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    number = next(i for i, line in enumerate(lines) if i >= start and text in line) + 1
    return f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}:{number}"


def same_place(actual: str, expected: str) -> bool:
    """file:line equality whatever the file's spelling (relative or absolute)."""
    a_file, _, a_line = actual.rpartition(":")
    e_file, _, e_line = expected.rpartition(":")
    return a_line == e_line and Path(a_file).resolve() == Path(e_file).resolve()


@pytest.fixture(scope="module")
def setting() -> Setting:
    project, errors = load_healthy_project([REPO / "tenants"], PLATFORM_FILE)
    assert not errors
    config = preview_config(project)
    return (why.context_of(project, config), build_route_tree(config, project.version),
            parse_inhibit_rules(config, project.version), parse_time_intervals(config))


def run(setting: Setting, labels: dict[str, str],
        moment: datetime | None = None, firing: tuple[dict[str, str], ...] = ()) -> why.Explanation:
    context, root, rules, intervals = setting
    return why.explain(root, labels, context, rules=rules, intervals=intervals, moment=moment,
                       firing=firing)


def verdict(result: why.Explanation, receiver: str) -> why.Verdict:
    found = result.verdict(receiver)
    assert found is not None, [v.receiver for v in result.verdicts]
    return found


def test_notified_names_the_route_and_its_line(setting: Setting) -> None:
    result = run(setting, {"tenant": "checkout", "alertname": "Noise"})
    blackhole = verdict(result, "checkout/blackhole")
    assert blackhole.reached and blackhole.reason == why.NOTIFIED
    assert same_place(blackhole.route_source, line_of(TENANT_FILE, "- receiver: blackhole"))
    assert result.notified == ("checkout/blackhole",)


def test_earlier_route_without_continue_ends_the_search(setting: Setting) -> None:
    pager = verdict(run(setting, {"tenant": "checkout", "alertname": "Noise", "severity": "critical"}),
                    "checkout/pager")
    assert pager.reason == why.EARLIER_ROUTE and not pager.reached
    assert "alertname=~" in pager.detail and "checkout/blackhole" in pager.detail
    assert same_place(pager.source, line_of(TENANT_FILE, "- receiver: blackhole"))


def test_failing_matcher_is_named_with_the_alert_value(setting: Setting) -> None:
    result = run(setting, {"tenant": "checkout", "alertname": "X", "severity": "warning", "service": "db1"})
    db_team = verdict(result, "checkout/db-team")
    assert db_team.reason == why.MATCHER
    assert 'severity="critical"' in db_team.detail and "severity='warning'" in db_team.detail
    assert same_place(db_team.source, line_of(TENANT_FILE, "- receiver: pager", after="routes:"))
    missing = verdict(run(setting, {"tenant": "checkout", "alertname": "X"}), "checkout/audit")
    assert missing.reason == why.MATCHER and "no severity label" in missing.detail
    assert same_place(missing.source, line_of(TENANT_FILE, "- name: audit"))


def test_child_route_took_it(setting: Setting) -> None:
    chat = verdict(run(setting, {"tenant": "checkout", "alertname": "Noise"}), "checkout/chat")
    assert chat.reason == why.CHILD_ROUTE and "checkout/blackhole" in chat.detail


def test_mute_interval_names_the_interval_and_its_line(setting: Setting) -> None:
    labels = {"tenant": "checkout", "alertname": "X", "severity": "critical", "service": "db1"}
    result = run(setting, labels, TUESDAY_NOON)
    db_team = verdict(result, "checkout/db-team")
    assert db_team.reason == why.MUTED and "checkout/business-hours" in db_team.detail
    assert same_place(db_team.source, line_of(TENANT_FILE, "- name: business-hours"))
    assert "checkout/db-team" in result.matched and "checkout/db-team" not in result.notified
    assert verdict(result, "checkout/pager").reached
    assert verdict(run(setting, labels, TUESDAY_NIGHT), "checkout/db-team").reached


def test_outside_active_intervals(setting: Setting) -> None:
    db_team = verdict(run(setting, {"tenant": "checkout", "alertname": "X", "team": "db"}, TUESDAY_NIGHT),
                      "checkout/db-team")
    assert db_team.reason == why.INACTIVE and "checkout/business-hours" in db_team.detail
    assert "_platform/maintenance" in db_team.detail


def test_platform_inhibit_rule_names_its_line(setting: Setting) -> None:
    labels = {"tenant": "checkout", "alertname": "X", "severity": "warning", "cluster": "c1"}
    result = run(setting, labels, firing=({"alertname": "ClusterDown", "cluster": "c1"},))
    audit = verdict(result, "checkout/audit")
    assert audit.reason == why.INHIBITED and "cluster-down" in audit.detail and "ClusterDown" in audit.detail
    assert same_place(audit.source, line_of(PLATFORM_FILE, "- name: cluster-down"))
    assert result.notified == ()
    other_cluster = run(setting, labels, firing=({"alertname": "ClusterDown", "cluster": "c2"},))
    assert verdict(other_cluster, "checkout/audit").reached


def test_no_route_names_the_receiver() -> None:
    config = {"route": {"receiver": "a/x"}, "receivers": [{"name": "a/x"}, {"name": "a/y"}]}
    result = why.explain(build_route_tree(config), {"tenant": "a"}, why.Context(receivers=("a/x", "a/y")))
    assert verdict(result, "a/y").reason == why.NO_ROUTE


def test_hints_for_unknown_tenant_severity_and_missing_label(
    setting: Setting,
) -> None:
    assert any("did you mean 'checkout'" in h for h in run(setting, {"tenant": "chekout"}).hints)
    crit = run(setting, {"tenant": "search", "severity": "crit"}).hints
    assert any("'crit' is not on the ladder" in h and "did you mean 'critical'" in h for h in crit)
    assert any("nobody is notified" in h for h in crit)
    assert any("no tenant label" in h for h in run(setting, {"alertname": "X"}).hints)
    assert run(setting, {"alertname": "Watchdog"}).hints == ()  # a platform route takes it
    assert run(setting, {"tenant": "search", "severity": "critical"}).hints == ()


def test_cli_explain_text_json_and_amtool_answer_unchanged() -> None:
    args = ["routes", "test", "tenant=checkout", "alertname=X", "severity=critical", "service=db1", *OPTIONS]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0, plain.output
    explained = runner.invoke(app, [*args, "--explain", "--at", "2026-03-03T12:00:00Z"])
    assert explained.exit_code == 0, explained.output
    first, *rest = explained.stdout.splitlines()
    assert "checkout/db-team" in plain.stdout.splitlines()[0] and "checkout/db-team" not in first
    assert any("checkout/db-team" in line and "NOT notified" in line and "business-hours" in line for line in rest)
    data = json.loads(runner.invoke(app, [*args, "--explain", "--at", "2026-03-03T12:00:00Z", "--format", "json"])
                      .stdout)
    assert data["at"] == "2026-03-03T12:00:00+00:00"
    reasons = {v["receiver"]: v["reason"] for v in data["explain"]}
    assert reasons["checkout/db-team"] == why.MUTED and reasons["checkout/pager"] == why.NOTIFIED
    assert [r["receiver"] for r in data["receivers"]] == first.split(",")


def test_cli_firing_alerts_inhibit_and_usage_errors() -> None:
    args = ["routes", "test", "tenant=checkout", "alertname=X", "severity=warning", "cluster=c1", *OPTIONS]
    inhibited = runner.invoke(app, [*args, "--firing", "alertname=ClusterDown,cluster=c1", "--explain"])
    assert inhibited.exit_code == 0, inhibited.output
    assert inhibited.stdout.splitlines()[0] == ""
    assert "inhibit rule '_platform/cluster-down'" in inhibited.stdout
    bad_time = runner.invoke(app, [*args, "--at", "tomorrow"])
    assert bad_time.exit_code == 2 and "not a time" in bad_time.stderr
    bad_alert = runner.invoke(app, [*args, "--firing", "alertname=~Cluster.*"])
    assert bad_alert.exit_code == 2 and "LABEL=VALUE" in bad_alert.stderr


def test_cli_crit_answers_with_a_hint() -> None:
    crit = runner.invoke(app, ["routes", "test", "tenant=search", "severity=crit", *OPTIONS])
    assert crit.stdout.strip() == "search/_unrouted"
    assert "not on the ladder" in crit.stderr and "did you mean 'critical'" in crit.stderr
    ghost = runner.invoke(app, ["routes", "test", "tenant=serch", "severity=critical", *OPTIONS])
    assert "did you mean 'search'" in ghost.stderr


def test_split_alert_keeps_quoted_commas() -> None:
    assert why.split_labels('{a=b, c="d,e"}') == ["a=b", 'c="d,e"']
    assert why.parse_time("2026-03-03T12:00:00") == TUESDAY_NOON
    assert why.parse_time("0001-01-01T00:00:00Z") is None


@pytest.mark.amtool
def test_explanations_agree_with_real_amtool(tmp_path: Path) -> None:
    """Without a time and other alerts, the receivers an explanation calls notified are exactly
    amtool's answer, and every other receiver of the tenant gets a reason."""
    from tests.helpers import render_repo
    from tests.judges import judge_exactly, last_line
    from tests.routing.test_native_routes import label_sets

    judge = judge_exactly((0, 25))
    out = tmp_path / "out"
    render_repo(REPO / "tenants", PLATFORM_FILE, out, {}, "0.25")
    project, _ = load_healthy_project([REPO / "tenants"], PLATFORM_FILE, alertmanager_version="0.25")
    config = preview_config(project)
    context, root = why.context_of(project, config), build_route_tree(config, project.version)
    kinds: set[str] = set()
    for labels in label_sets()[::3]:
        args = [f"{k}={v}" for k, v in labels.items()]
        done = subprocess.run(judge.amtool_cmd("config", "routes", "test", f"--config.file={out / 'alertmanager.yml'}",
                                               *args), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        answer = set(last_line(done.stdout).split(","))
        result = why.explain(root, labels, context)
        assert {v.receiver for v in result.verdicts if v.reached} == answer, labels
        assert all(v.detail and (v.reached or v.route or v.reason == why.NO_ROUTE) for v in result.verdicts)
        kinds.update(v.reason for v in result.verdicts)
    assert {why.NOTIFIED, why.MATCHER, why.EARLIER_ROUTE, why.CHILD_ROUTE} <= kinds


def test_receivers_test_failures_name_the_real_cause(tmp_path: Path) -> None:
    from tests.repos import make_repo

    tenant = {
        "metadata": {"name": "Shop"},
        "receivers": [
            {"name": "pager", "channel_type": "webhook", "min_severity": "critical", "muted_during": ["nights"],
             "config": {"url": "https://pager.example.com/"}},
            {"name": "chat", "channel_type": "webhook", "min_severity": "warning",
             "config": {"url": "https://chat.example.com/"}},
        ],
        "inhibit": [{"source_matchers": ['alertname="ShopDown"'], "target_matchers": ['alertname="Slow"']}],
        "time_intervals": [{"name": "nights", "time_intervals": [{"times": [{"start_time": "00:00",
                                                                             "end_time": "06:00"}]}]}],
        "tests": [
            {"name": "muted", "labels": {"alertname": "A", "severity": "critical"}, "at": "2026-03-03T01:00:00Z",
             "expect": ["pager", "chat"]},
            {"name": "inhibited", "labels": {"alertname": "Slow", "severity": "warning"},
             "firing": [{"alertname": "ShopDown"}], "expect": ["chat"]},
            {"name": "typo", "labels": {"alertname": "A", "severity": "crit"}, "expect": ["chat"]},
        ],
    }
    repo = make_repo(tmp_path, {"shop": tenant}, platform={"severities": ["info", "warning", "error", "critical"]})
    result = runner.invoke(app, ["test", "--tenants", str(repo / "tenants"), "--config", str(repo / "receivers.yaml")])
    assert result.exit_code == 1
    text = result.stderr + result.stdout
    assert "fix the receivers' min_severity / match" not in text
    shop = repo / "tenants" / "shop.yaml"
    assert "pager: its route matched, but mute interval 'shop/nights'" in text
    assert f"{line_of(shop, '- name: nights').rpartition(':')[2]}" in text.split("shop/nights")[1].split(")")[0]
    assert "chat: inhibit rule" in text and "ShopDown" in text
    assert "chat: matcher severity=~" in text and "not on the ladder" in text and "did you mean 'critical'" in text


def test_every_route_node_maps_to_its_owners_file(setting: Setting) -> None:
    """The location walk mirrors the build: each node's line is in the file of the receiver's owner
    (platform routes in receivers.yaml, a tenant's in its file), and the line holds that node."""
    from receivers_cli.isolation import naming

    context, root = setting[0], setting[1]
    checked = 0
    for node in root.walk():
        if node.is_root or (node.raw.get("receiver") is None and node.depth > 1):
            continue
        where = context.locations.get(why.route_key(node.path), "")
        if node.depth == 1 and not node.raw.get("matchers") and node.receiver == "_platform/noc":
            continue  # the observers' catch-all has no line of its own
        assert where, (node.path, node.receiver)
        owner = naming.split(node.receiver)[0]
        expected = PLATFORM_FILE if owner == naming.PLATFORM else REPO / "tenants" / f"{owner}.yaml"
        file, _, line = where.rpartition(":")
        assert Path(file).resolve() == expected.resolve(), (node.path, where)
        text = expected.read_text("utf-8").splitlines()[int(line) - 1]
        if node.depth > 1 and owner != naming.PLATFORM:
            short = naming.split(node.receiver)[1]
            assert short in text or "min_severity" in text, (node.path, text)
        checked += 1
    assert checked >= 8
