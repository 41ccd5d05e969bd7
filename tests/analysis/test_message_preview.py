"""``receivers preview``: Slack, email, Microsoft Teams and PagerDuty fields rendered by the real amtool
(0.25 from the system, 0.33 from .cache/alertmanager), from labels or a tests: case; no secret printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receivers_cli.analysis import message_preview
from receivers_cli.cli.app import app
from tests.helpers import FIXTURES
from tests.judges import judge_exactly

REPO = FIXTURES / "preview"
OPTIONS = ["--tenants", str(REPO / "tenants"), "--config", str(REPO / "receivers.yaml")]
SECRET = "s3cr3t-oncall-value-4711"
ENV = {"NOTIFY_ONCALL": SECRET, "NOTIFY_SLACK_WEBHOOK": f"https://hooks.slack.com/{SECRET}"}
runner = CliRunner()


def preview_json(amtool: str, *args: str) -> dict[str, dict[str, dict[str, object]]]:
    result = runner.invoke(app, ["preview", "notify", *args, "--format", "json", "--amtool", amtool, *OPTIONS],
                           env=ENV)
    assert result.exit_code == 0, result.output
    assert SECRET not in result.stdout + result.stderr
    data = json.loads(result.stdout)
    return {r["receiver"]: {f["field"]: f for f in r["fields"]} for r in data["receivers"]}


@pytest.mark.amtool
@pytest.mark.parametrize("version", [(0, 25), (0, 33)], ids=["0.25", "0.33"])
def test_templated_fields_render_through_the_real_amtool(version: tuple[int, int]) -> None:
    amtool = judge_exactly(version).amtool
    fields = preview_json(amtool, "--test", "disk full", "--annotations", 'summary=Disk <full> & "x"')
    chat = fields["notify/chat"]
    assert chat["title"]["rendered"] == "Notify: DiskFull is firing" and not chat["title"]["default"]
    assert chat["text"]["rendered"] == 'Disk <full> & "x" <>'
    assert chat["username"]["default"] and chat["username"]["rendered"] == "Alertmanager"
    assert chat["footer"]["rendered"] == "on call: ${NOTIFY_ONCALL}"  # a name, never the value
    assert "api_url" not in chat  # a secret field is not rendered at all
    mail = fields["notify/mail"]
    assert mail["headers.Subject"]["rendered"] == "Notify FIRING: DiskFull"
    # html/template escapes label and annotation values, as Alertmanager does for email bodies.
    assert mail["html"]["rendered"] == "<b>DiskFull</b> Disk &lt;full&gt; &amp; &#34;x&#34;"
    teams = fields["notify/teams"]
    assert teams["title"]["rendered"] == "Notify / critical"
    assert teams["text"]["rendered"] == "1 alert(s) for notify/teams"
    pager = fields["notify/pager"]
    assert pager["description"]["rendered"] == "Notify paged: DiskFull"
    assert "instance = db1" in str(pager["details.firing"]["rendered"])
    assert pager["details.num_firing"]["rendered"] == "1"
    assert fields["notify/hook"] == {}
    assert "notify/old" not in fields  # disabled


@pytest.mark.amtool
def test_resolved_status_labels_and_one_receiver() -> None:
    amtool = judge_exactly((0, 33)).amtool
    result = runner.invoke(app, ["preview", "notify", "mail", "--labels", "alertname=Slow,severity=warning",
                                 "--status", "resolved", "--amtool", amtool, *OPTIONS])
    assert result.exit_code == 0, result.output
    assert "headers.Subject: Notify RESOLVED: Slow" in result.stdout
    assert "notify/chat" not in result.stdout
    assert 'alert (resolved): {alertname="Slow",severity="warning",tenant="notify"}' in result.stdout


@pytest.mark.amtool
def test_a_template_amtool_refuses_is_an_error(tmp_path: Path) -> None:
    amtool = judge_exactly((0, 25)).amtool
    data = tmp_path / "data.json"
    data.write_text(json.dumps(message_preview.alert_data("t/r", {"a": "b"}, {})), "utf-8")
    globs = [str(p) for p in message_preview.default_template_files(amtool)]
    text, error = message_preview.render_text(amtool, "{{ .Nope.Deeper }}", data, globs)
    assert text == "" and "Nope" in error
    masked, fine = message_preview.render_text(amtool, "key ENC[v1,abcdef] {{ .Status }}", data, globs)
    assert not fine and masked == "key ENC[…] firing"


def test_missing_amtool_is_one_plain_error() -> None:
    result = runner.invoke(app, ["preview", "notify", "--amtool", "/nonexistent/amtool", *OPTIONS])
    assert result.exit_code == 1
    assert "amtool not found" in result.stderr and "--amtool" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_tenant_receiver_and_test_are_usage_errors(tmp_path: Path) -> None:
    fake = tmp_path / "amtool"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    tenant = runner.invoke(app, ["preview", "notfy", "--amtool", str(fake), *OPTIONS])
    assert tenant.exit_code == 2 and "did you mean 'notify'" in tenant.stderr
    receiver = runner.invoke(app, ["preview", "notify", "chta", "--amtool", str(fake), *OPTIONS])
    assert receiver.exit_code == 2 and "did you mean 'chat'" in receiver.stderr
    disabled = runner.invoke(app, ["preview", "notify", "old", "--amtool", str(fake), *OPTIONS])
    assert disabled.exit_code == 2 and "disabled" in disabled.stderr
    case = runner.invoke(app, ["preview", "notify", "--test", "disk ful", "--amtool", str(fake), *OPTIONS])
    assert case.exit_code == 2 and "did you mean 'disk full'" in case.stderr
    label = runner.invoke(app, ["preview", "notify", "--labels", "novalue", "--amtool", str(fake), *OPTIONS])
    assert label.exit_code == 2 and "NAME=VALUE" in label.stderr


def test_data_file_is_alertmanagers_template_data() -> None:
    data = message_preview.alert_data("t/r", {"alertname": "A", "x": "1"}, {"summary": "s"}, status="resolved",
                                      group_by=("alertname",))
    assert set(data) == {"receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations",
                         "externalURL"}
    assert data["groupLabels"] == {"alertname": "A"} and data["status"] == "resolved"
    alert = data["alerts"][0]
    assert alert["endsAt"] != message_preview.ZERO_TIME and alert["annotations"] == {"summary": "s"}


@pytest.mark.amtool
def test_an_amtool_older_than_the_target_is_noted() -> None:
    old = runner.invoke(app, ["preview", "notify", "teams", "--amtool", judge_exactly((0, 25)).amtool, *OPTIONS])
    assert old.exit_code == 0 and "amtool 0.25 is older than the target 0.33" in old.stderr
    assert "summary (default): not in this amtool's default templates" in old.stdout
    new = runner.invoke(app, ["preview", "notify", "teams", "--amtool", judge_exactly((0, 33)).amtool, *OPTIONS])
    assert new.exit_code == 0 and "older" not in new.stderr
    assert "summary (default): " in new.stdout and "not in this amtool" not in new.stdout
