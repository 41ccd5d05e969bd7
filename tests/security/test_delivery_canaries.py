"""Every attack in tests/fixtures/security/attacks/ against the real Alertmanager, at 0.25 and 0.33.

One attacker tenant file at a time joins a victim tenant under a platform file full of canary
credentials. Either `receivers` refuses the attack (exit 1, located, no output written, no canary
printed), or the rendered config is judged by the real amtool, served by the real server, and
alerts of both tenants are delivered: the victim's notifications must arrive unchanged (the shared
config still works and nothing of the attacker's reaches them) and no canary may reach the attacker's
HTTP or SMTP sink. A fixture marked ``# expect: refused`` must be refused.

The fixture header says what the attack is (``# attack:``), the oldest target it applies to
(``# since: X.Y``) and the tenant id when it is not ``attacker`` (``# tenant-id:``).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from receivers_cli.secrets.keys import generate_key
from tests.judges import Judge, judge_for
from tests.security.harness import (
    CANARIES,
    RecordingSink,
    SmtpSink,
    post,
    run,
    start_server,
    stop,
)

ATTACKS = Path(__file__).resolve().parent.parent / "fixtures" / "security" / "attacks"
TARGETS = ((0, 25), (0, 33))
AWS = {"AWS_ACCESS_KEY_ID": "AKIACNRYAMBIENT00015", "AWS_SECRET_ACCESS_KEY": "cnry-aws-secret-0016"}


@dataclass(frozen=True)
class Attack:
    name: str
    text: str
    tenant_id: str
    since: tuple[int, int]
    refused: bool

    @classmethod
    def load(cls, path: Path) -> Attack:
        text = path.read_text(encoding="utf-8")
        header = dict(re.findall(r"^# ([a-z-]+): (.*)$", text, re.MULTILINE))
        since = tuple(int(p) for p in header.get("since", "0.24").split("."))
        return cls(path.stem, text, header.get("tenant-id", "attacker"), (since[0], since[1]),
                   header.get("expect") == "refused")


def attacks() -> Iterator[object]:
    for path in sorted(ATTACKS.glob("*.yaml")):
        attack = Attack.load(path)
        for target in TARGETS:
            marks = [pytest.mark.alertmanager, pytest.mark.amtool]
            if target < attack.since:
                marks.append(pytest.mark.skip(reason=f"needs Alertmanager >= {attack.since}"))
            yield pytest.param(attack, target, id=f"{attack.name}-{target[0]}.{target[1]}", marks=marks)


VICTIM = """\
victim:
  metadata: {name: Victim}
  receivers:
    - name: hook
      channel_type: webhook
      config: {url: "@@TRUSTED_SINK@@/victim/hook/${VICTIM_TOKEN}"}
    - name: chat
      channel_type: slack
      config: {api_url: "@@TRUSTED_SINK@@/victim/chat", channel: "#victim"}
    - name: plain
      channel_type: slack
      config:
        api_url: "@@TRUSTED_SINK@@/victim/plain"
        channel: "#victim"
        title: '{{ template "slack.default.title" . }}'
        text: '{{ template "slack.default.text" . }}'
        username: '{{ template "slack.default.username" . }}'
        title_link: '{{ template "slack.default.titlelink" . }}'
  templates:
    slack:
      title: "@@VICTIM_TEMPLATE@@ [[ name ]]"
"""


def platform(target: tuple[int, int], trusted: str, trusted_smtp: str) -> dict[str, object]:
    glob: dict[str, object] = {
        "resolve_timeout": "5m",
        "smtp_smarthost": trusted_smtp,
        "smtp_from": "alerts@example.com",
        "smtp_auth_username": "platform",
        "smtp_auth_password": CANARIES["smtp_auth_password"],
        "smtp_require_tls": False,
        "slack_api_url": f"{trusted}/platform/slack/{CANARIES['slack_api_url_path']}",
        "opsgenie_api_key": CANARIES["opsgenie_api_key"],
        "opsgenie_api_url": f"{trusted}/platform/opsgenie/",
        "victorops_api_key": CANARIES["victorops_api_key"],
        "victorops_api_url": f"{trusted}/platform/victorops/",
        "pagerduty_url": f"{trusted}/platform/pd/{CANARIES['pagerduty_url_path']}",
        "wechat_api_secret": CANARIES["wechat_api_secret"],
        "wechat_api_url": f"{trusted}/platform/wechat/",
        "wechat_api_corp_id": "corp",
        "http_config": {"authorization": {"credentials": CANARIES["http_config_credentials"]}},
    }
    if target >= (0, 28):
        glob["rocketchat_api_url"] = f"{trusted}/platform/rocketchat"
        glob["rocketchat_token"] = CANARIES["rocketchat_token"]
        glob["rocketchat_token_id"] = "platform-token-id"
    if target >= (0, 31):
        glob["telegram_bot_token"] = CANARIES["telegram_bot_token"]
    timing = {"group_wait": "0s", "group_interval": "1s", "repeat_interval": "1h"}
    return {
        "alertmanager_version": f"{target[0]}.{target[1]}",
        "tiers": {"premium": timing, "standard": timing, "basic": timing},
        "global": glob,
        "variables": {"tenants": {"victim": ["VICTIM_TOKEN"]}},
        "receivers": [{"name": "unrouted", "channel_type": "webhook",
                       "config": {"url": f"{trusted}/platform/unrouted"}}],
        "default_receiver": "unrouted",
    }


@pytest.fixture
def sinks() -> Iterator[tuple[RecordingSink, RecordingSink, SmtpSink, SmtpSink]]:
    trusted, attacker, trusted_smtp, attacker_smtp = RecordingSink(), RecordingSink(), SmtpSink(), SmtpSink()
    yield trusted, attacker, trusted_smtp, attacker_smtp
    for s in (trusted, attacker, trusted_smtp, attacker_smtp):
        s.close()


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


@pytest.mark.parametrize(("attack", "target"), list(attacks()))
def test_attack_is_refused_or_harmless_on_the_real_alertmanager(
    attack: Attack, target: tuple[int, int], tmp_path: Path,
    sinks: tuple[RecordingSink, RecordingSink, SmtpSink, SmtpSink],
) -> None:
    trusted, attacker, trusted_smtp, attacker_smtp = sinks
    judge: Judge = judge_for(target, server=True)
    key, _ = generate_key()
    key_text = key.to_text()
    key_line = key_text.strip().splitlines()[-1]
    secret_file = tmp_path / "victim-secret"
    secret_file.write_text(CANARIES["victim_file"], encoding="utf-8")
    values = {
        "TRUSTED_SINK": trusted.url, "ATTACKER_SINK": attacker.url, "ATTACKER_SMTP": attacker_smtp.address,
        "VICTIM_FILE": str(secret_file), "VICTIM_TEMPLATE": CANARIES["victim_template"],
    }
    repo = tmp_path / "repo"
    (repo / "tenants").mkdir(parents=True)
    (repo / "tenants" / "victim.yaml").write_text(_fill(VICTIM, values), encoding="utf-8")
    (repo / "tenants" / f"{attack.tenant_id}.yaml").write_text(_fill(attack.text, values), encoding="utf-8")
    (repo / "receivers.yaml").write_text(
        json.dumps(platform(target, trusted.url, trusted_smtp.address), indent=1), encoding="utf-8")
    env = {"VICTIM_TOKEN": CANARIES["victim_variable"], "RECEIVERS_KEY": key_text,
           "RECEIVERS_TOKEN": CANARIES["receivers_key_var"]}
    canaries = [*CANARIES.values(), *AWS.values(), key_line.split(":")[-1]]

    validated = run(["validate", "tenants", "--config", "receivers.yaml"], repo, env)
    rendered = run(["render", "--tenants", "tenants", "--config", "receivers.yaml", "--out", "out"], repo, env)
    for done in (validated, rendered):
        printed = done.stdout + done.stderr
        assert done.returncode in (0, 1), printed
        assert "Traceback" not in printed and "internal error" not in printed, printed
        leaked = [c for c in canaries if c in printed]
        assert not leaked, f"printed {leaked}: {printed}"
    if attack.refused:
        assert validated.returncode == 1, f"validate accepted {attack.name}: {validated.stdout}"
    if rendered.returncode == 1:
        assert re.search(r":\d+:\d+: error [A-Z]\d+", rendered.stdout + rendered.stderr), rendered.stdout
        assert not (repo / "out" / "alertmanager.yml").exists(), "a refused render wrote output"
        return
    assert not attack.refused, f"render accepted {attack.name}"

    config = repo / "out" / "alertmanager.yml"
    checked = subprocess.run(judge.amtool_cmd("check-config", str(config)), capture_output=True, text=True)
    assert checked.returncode == 0, f"amtool {judge.label} refused the shared config: {checked.stdout}"

    server = start_server(judge, config, tmp_path)
    try:
        post(server.url, [
            {"labels": {"alertname": "Attack", "tenant": attack.tenant_id, "severity": "critical"}},
            {"labels": {"alertname": "Probe", "tenant": "victim", "severity": "critical"}},
        ])
        assert trusted.wait_for("/victim/hook/", timeout=15), f"victim not delivered: {trusted.dump()[:2000]}"
        assert trusted.wait_for("/victim/plain", timeout=15), "victim's built-in slack not delivered"
        assert trusted.wait_for("/victim/chat", timeout=15), "victim's slack not delivered"
        time.sleep(1.5)  # the attacker's notifications go out in the same flush; give retries a moment
        assert server.alive(), f"Alertmanager died: {server.log.read_text(errors='replace')[-3000:]}"
        # Liveness after the attacker's templates ran: a second victim alert still gets through.
        post(server.url, [{"labels": {"alertname": "Probe2", "tenant": "victim", "severity": "critical"}}])
        assert trusted.wait_for("Probe2", timeout=15), "Alertmanager stopped delivering after the attack"
    finally:
        stop(server)

    stolen = attacker.dump() + "\n" + attacker_smtp.dump()
    leaked = [c for c in canaries if c in stolen]
    assert not leaked, f"{attack.name}: {leaked} reached the attacker: {stolen[:3000]}"
    victim_view = "\n".join(r.text() for r in trusted.requests if "/victim/" in r.line)
    assert "HIJACK" not in victim_view, f"{attack.name}: the attacker's text reached the victim"
    assert CANARIES["victim_template"] in victim_view, "the victim's own template text is missing"
