"""Hostile tenants against the platform's shared Go templates (receivers.yaml ``templates.files``).

The repository in tests/fixtures/platform-templates/repo has two tenants (alpha, bravo) whose
slack messages call ``_platform/footer`` (which calls ``_platform/alerts``) and ``_platform/runbook``.
Each attack in tests/fixtures/platform-templates/attacks/ is a tenant ``mallory`` joining them: it
tries to define or override a platform name (however it is spelled: white space, ``block``, trim
markers, split across lines, Go comments, Go escapes and raw strings in the name, Jinja comments,
``raw`` and ``if`` building the keyword, closing our define and opening its own), to call another
tenant's template (or a file's template), or to multiply work through a platform template. Every
one must be refused (exit 1, the rule in its ``# refused-by:`` header, located in mallory's file
only, nothing written). The clean repository is judged by the real amtool (check-config and
template render) and delivered through the real Alertmanager: each tenant's message carries the
platform text rendered with its own notification data, and nothing of the other tenant's.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from receivers_cli.alertmanager.versions import Version
from tests.helpers import FIXTURES, render_repo
from tests.judges import judge_exactly, judge_for, last_line
from tests.security._cli import assert_refused, run
from tests.security.harness import RecordingSink, post, start_server, stop

BASE = FIXTURES / "platform-templates"
REPO = BASE / "repo"
ATTACKS = sorted((BASE / "attacks").glob("*.yaml"))
TENANTS = ("alpha", "bravo")


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    return repo


def expected_text(tenant: str) -> str:
    """What alpha's or bravo's slack text renders to for the one alert the tests post."""
    summary = f"{tenant}-only-summary"
    return (f"{tenant.upper()}-text PLATFORM-FOOTER tenant={tenant} summary={summary} "
            f"[DiskFull:{summary};]")


@pytest.mark.parametrize("attack", ATTACKS, ids=[p.stem for p in ATTACKS])
def test_attack_is_refused_in_the_attackers_file(attack: Path, tmp_path: Path) -> None:
    header = dict(re.findall(r"^# ([a-z-]+): (.*)$", attack.read_text("utf-8"), re.MULTILINE))
    repo = _copy(tmp_path)
    shutil.copy(attack, repo / "tenants" / "mallory.yaml")
    result = run("validate", "--format", "json", cwd=repo)
    assert_refused(result, header["refused-by"])
    problems = json.loads(result.stdout)["problems"]
    assert {p["rule"] for p in problems} == {header["refused-by"]}, problems
    assert {p["file"] for p in problems} == {"tenants/mallory.yaml"}, problems
    assert all(p["line"] > 0 for p in problems), problems
    rendered = run("render", "--out", str(tmp_path / "out"), cwd=repo)
    assert_refused(rendered, header["refused-by"])
    assert not (tmp_path / "out").exists(), "a refused render writes nothing"


def test_a_refused_call_names_the_platform_templates(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    shutil.copy(BASE / "attacks" / "call_platform_typo.yaml", repo / "tenants" / "mallory.yaml")
    problems = json.loads(run("validate", "--format", "json", cwd=repo).stdout)["problems"]
    (hint,) = [p["hint"] for p in problems]
    assert "did you mean '_platform/footer'?" in hint
    assert "platform: _platform/alerts, _platform/footer, _platform/runbook" in hint


def test_a_tenant_cannot_take_the_platform_owner_name(tmp_path: Path) -> None:
    # Tenant ids never start with "_", so no tenant file can own "_platform/..." names.
    repo = _copy(tmp_path)
    (repo / "tenants" / "_platform.yaml").write_text("_platform:\n  metadata: {name: Mallory}\n", "utf-8")
    result = run("validate", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tenants/_platform.yaml" in result.stdout + result.stderr


def test_platform_text_is_emitted_byte_for_byte_and_listed_in_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_repo(REPO / "tenants", REPO / "receivers.yaml", out, {"SINK": "http://127.0.0.1:9"})
    emitted = (out / "templates" / "_platform.tmpl").read_text("utf-8")
    footer = (REPO / "platform" / "footer.tmpl").read_text("utf-8")
    alerts = (REPO / "platform" / "extra" / "alerts.tmpl").read_text("utf-8")
    assert footer in emitted and alerts in emitted
    assert emitted.index(footer) < emitted.index(alerts), "files keep the order receivers.yaml gives"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    inputs = {i["file"]: i for i in manifest["inputs"]}
    for name in ("platform/footer.tmpl", "platform/extra/alerts.tmpl"):
        (record,) = [r for f, r in inputs.items() if f.endswith("platform-templates/repo/" + name)]
        assert record["sha256"] == hashlib.sha256((REPO / name).read_bytes()).hexdigest()
        assert "tenant" not in record
    assert "templates/_platform.tmpl" in manifest["outputs"]
    config = (out / "alertmanager.yml").read_text("utf-8")
    assert "'templates/*.tmpl'" in config, "the glob alertmanager.yml loads picks the platform file up"


@pytest.mark.alertmanager
@pytest.mark.parametrize("target", [(0, 25), (0, 33)], ids=["0.25", "0.33"])
def test_real_amtool_loads_and_renders_the_platform_templates(target: Version, tmp_path: Path) -> None:
    judge = judge_for(target)
    repo = _copy(tmp_path)
    platform = repo / "receivers.yaml"
    platform.write_text(platform.read_text("utf-8").replace('"0.25"', f'"{target[0]}.{target[1]}"'), "utf-8")
    out = tmp_path / "out"
    render_repo(repo / "tenants", platform, out, {"SINK": "http://127.0.0.1:9"})
    checked = subprocess.run(judge.amtool_cmd("check-config", str(out / "alertmanager.yml")),
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for tenant in TENANTS:
        data = tmp_path / f"{tenant}.json"
        summary = f"{tenant}-only-summary"
        data.write_text(json.dumps({
            "receiver": f"{tenant}/chat", "status": "firing",
            "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "tenant": tenant},
                        "annotations": {"summary": summary}, "startsAt": "2026-01-01T00:00:00Z",
                        "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "1"}],
            "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {"alertname": "DiskFull", "tenant": tenant},
            "commonAnnotations": {"summary": summary}, "externalURL": "http://am",
        }), "utf-8")
        done = subprocess.run(
            judge.amtool_cmd("template", "render", f"--template.glob={out}/templates/*.tmpl",
                             f"--template.data={data}", f'--template.text={{{{ template "{tenant}/slack.text" . }}}}'),
            capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert last_line(done.stdout) == expected_text(tenant)


@pytest.mark.alertmanager
@pytest.mark.parametrize("version", [(0, 25), (0, 33)], ids=["0.25", "0.33"])
def test_real_alertmanager_delivers_platform_text_with_each_tenants_own_data(version: Version,
                                                                              tmp_path: Path) -> None:
    judge = judge_exactly(version, server=True)
    repo = _copy(tmp_path)
    platform = repo / "receivers.yaml"
    platform.write_text(platform.read_text("utf-8").replace('"0.25"', f'"{version[0]}.{version[1]}"'), "utf-8")
    sink = RecordingSink()
    try:
        out = tmp_path / "out"
        render_repo(repo / "tenants", platform, out, {"SINK": sink.url})
        server = start_server(judge, out / "alertmanager.yml", tmp_path)
        try:
            post(server.url, [{"labels": {"alertname": "DiskFull", "tenant": t, "severity": "critical"},
                               "annotations": {"summary": f"{t}-only-summary"}} for t in TENANTS])
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not all(
                any(f"/{t}/slack" in r.line for r in list(sink.requests)) for t in TENANTS
            ):
                time.sleep(0.2)
            time.sleep(1)  # anything else a receiver would send arrives too
        finally:
            stop(server)
        for tenant in TENANTS:
            other = next(t for t in TENANTS if t != tenant)
            bodies = [json.loads(r.body) for r in list(sink.requests) if f"/{tenant}/slack" in r.line]
            assert bodies, f"nothing reached {tenant}; log: {server.log.read_text(errors='replace')[-3000:]}"
            for body in bodies:
                (attachment,) = body["attachments"]
                assert attachment["text"] == expected_text(tenant)
                assert attachment["pretext"] == "https://runbooks.example.com/DiskFull"
                assert other not in json.dumps(body), f"{other}'s data reached {tenant}: {body}"
    finally:
        sink.close()
