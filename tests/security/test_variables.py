"""Variables are scoped: a tenant resolves only the ``${VAR}`` names receivers.yaml grants it.

Attack class: a hostile tenant file references a variable that is not its own (another tenant's
webhook URL, a CI token, the render's private key ``RECEIVERS_KEY``) in a field whose value leaves
the machine (a URL or a header it controls). Every case goes through the real ``receivers`` CLI
(a subprocess), and every stream and file it writes is scanned for canary values.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.tools import Sink, post_alerts

FIXTURE = ROOT / "tests" / "fixtures" / "variables"
RECEIVERS = Path(sys.executable).parent / "receivers"

# Values the hostile tenant (payments) must never get at: none may appear anywhere, ever.
FORBIDDEN = {
    "CHECKOUT_SLACK_URL": "https://hooks.slack.com/services/CNRY/checkout-slack-canary-7731",
    "CI_DEPLOY_TOKEN": "cnry-ci-deploy-token-5512",
    "RECEIVERS_KEY": "cnry-receivers-key-not-really-a-key-0093",
    "RECEIVERS_KEY_FILE": "/nonexistent/cnry-receivers-key-file-2207",
    "Receivers_Key": "cnry-mixed-case-receivers-key-4410",
}
# Values granted to the tenants: they may reach the rendered config, never a message or a log.
GRANTED = {
    "SINK": "https://sink.example.com",
    "CHECKOUT_HOOK_URL": "https://checkout.example.com/cnry-checkout-hook-6181",
    "PAYMENTS_HOOK_PATH": "cnry-payments-path-3302",
}
# Granted, but wrong for their fields (bad-after-substitution.yaml); two are shorter than 4.
BAD_VALUES = {
    "PAYMENTS_EXPIRE": "cnry-expire-9907",
    "PAYMENTS_PUSH_USER": "cnry-push-user-1188",
    "PAYMENTS_PUSH_TOKEN": "cnry-push-token-2299",
    "PAYMENTS_RETRY": "zq",
}
ENV = {**FORBIDDEN, **GRANTED, **BAD_VALUES}

HOSTILE = {
    # file in hostile/ → (variable refused, line of the ${...} value)
    "other-tenant-variable.yaml": ("CHECKOUT_SLACK_URL", 8),
    "ungranted-variable.yaml": ("CI_DEPLOY_TOKEN", 8),
    "receivers-key.yaml": ("RECEIVERS_KEY", 10),
    "receivers-key-file.yaml": ("RECEIVERS_KEY_FILE", 8),
    "reserved-other-case.yaml": ("Receivers_Key", 8),
    "disabled-receiver.yaml": ("CHECKOUT_HOOK_URL", 13),
    "granted-glob-of-other.yaml": ("CHECKOUT_HOOK_URL", 8),
}


def cli(args: list[str], cwd: Path, env: Mapping[str, str] = ENV) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "RECEIVERS_CACHE_DIR")}
    return subprocess.run(
        [str(RECEIVERS), *args], cwd=cwd, env={**base, "NO_COLOR": "1", **env},
        capture_output=True, text=True, timeout=120,
    )


def located(done: subprocess.CompletedProcess[str], file: str) -> list[tuple[str, str]]:
    """(line, rule) of every error the run reported in ``file``."""
    return re.findall(re.escape(file) + r":(\d+):\d+: error (R\d+) ", done.stdout + done.stderr)


def add_grant(repo: Path, grant: str) -> None:
    platform = repo / "receivers.yaml"
    text = platform.read_text().replace('payments: ["PAYMENTS_*"]', f'payments: ["PAYMENTS_*", "{grant}"]')
    platform.write_text(text)


def repo_with(tmp_path: Path, payments: str | None = None) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo, ignore=shutil.ignore_patterns("hostile"))
    if payments is not None:
        shutil.copy(FIXTURE / "hostile" / payments, repo / "tenants" / "payments.yaml")
    return repo


def every_output(done: subprocess.CompletedProcess[str], repo: Path) -> dict[str, str]:
    """stdout, stderr and every file below the repository (rendered output included)."""
    texts = {"stdout": done.stdout, "stderr": done.stderr}
    for path in repo.rglob("*"):
        if path.is_file():
            texts[str(path.relative_to(repo))] = path.read_text("utf-8", errors="replace")
    return texts


def assert_no_canary(texts: Mapping[str, str], *, granted_in_output: bool = False) -> None:
    for where, text in texts.items():
        if where.endswith(".env"):
            continue  # the env file holds the values on purpose
        for name, value in FORBIDDEN.items():
            assert value not in text, f"{name}'s value leaked into {where}"
        values = {**GRANTED, **BAD_VALUES}
        if where in ("stdout", "stderr"):  # messages and logs: no resolved value at all
            for name, value in values.items():
                assert value not in text and repr(value) not in text, f"{name}'s value leaked into {where}"
        elif not granted_in_output:
            for name, value in values.items():
                if len(value) >= 4:
                    assert value not in text, f"{name}'s value leaked into {where}"


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_tenant_cannot_resolve_a_variable_not_granted_to_it(tmp_path: Path, hostile: str, command: str) -> None:
    repo = repo_with(tmp_path, hostile)
    name, line = HOSTILE[hostile]
    done = cli([command] if command == "validate" else ["render", "--out", "out"], repo)
    assert done.returncode == 1, done.stdout + done.stderr
    found = located(done, "tenants/payments.yaml")
    assert found == [(str(line), "R171")], done.stdout + done.stderr
    assert f"variable {name} " in done.stdout + done.stderr
    if not name.upper().startswith("RECEIVERS_"):
        assert "variables: {tenants: {payments: [" in done.stdout + done.stderr  # the hint names the entry
    assert not (repo / "out").exists(), "no partial output"
    assert_no_canary(every_output(done, repo))


def test_the_same_refusal_holds_for_values_from_an_env_file(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "other-tenant-variable.yaml")
    (repo / "ci.env").write_text("".join(f"{k}={v}\n" for k, v in ENV.items() if not k.upper().startswith("RECEIVERS")))
    done = cli(["render", "--out", "out", "--env-file", "ci.env"], repo, env={})
    assert done.returncode == 1 and "R171" in done.stdout + done.stderr, done.stdout + done.stderr
    assert_no_canary(every_output(done, repo))


def test_an_env_file_cannot_set_receivers_variables(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    (repo / "ci.env").write_text(f"PAYMENTS_HOOK_PATH=p\nRECEIVERS_KEY={FORBIDDEN['RECEIVERS_KEY']}\n")
    done = cli(["render", "--out", "out", "--env-file", "ci.env"], repo, env=GRANTED)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ci.env:2:1: error R303 RECEIVERS_KEY cannot be set in an env file" in done.stdout + done.stderr
    assert_no_canary(every_output(done, repo))


def test_granted_variables_render_and_no_value_reaches_a_message_or_log(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    assert cli(["validate"], repo, env={}).returncode == 0  # names only: validate needs no environment
    done = cli(["render", "--out", "out", "--log-format", "json"], repo)
    assert done.returncode == 0, done.stdout + done.stderr
    config = (repo / "out" / "alertmanager.yml").read_text()
    assert GRANTED["CHECKOUT_HOOK_URL"] in config
    assert f"{GRANTED['SINK']}/payments/{GRANTED['PAYMENTS_HOOK_PATH']}" in config
    assert_no_canary(every_output(done, repo), granted_in_output=True)
    # --check against a stale output: the diff masks the resolved values it shows
    stale = {**ENV, "PAYMENTS_HOOK_PATH": "cnry-changed-path-8080"}
    done = cli(["render", "--out", "out", "--check"], repo, env=stale)
    assert done.returncode == 1 and "cnry-changed-path-8080" not in done.stdout + done.stderr
    assert_no_canary({"stdout": done.stdout, "stderr": done.stderr})


def test_an_escaped_reference_reads_no_variable(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "escaped-reference.yaml")
    done = cli(["render", "--out", "out"], repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "${CHECKOUT_SLACK_URL}" in (repo / "out" / "alertmanager.yml").read_text()
    assert_no_canary(every_output(done, repo), granted_in_output=True)


def test_values_wrong_after_substitution_are_reported_without_them(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, "bad-after-substitution.yaml")
    assert cli(["validate"], repo, env={}).returncode == 0  # deferred values are checked at render
    done = cli(["render", "--out", "out", "--log-format", "json"], repo)
    assert done.returncode == 1, done.stdout + done.stderr
    found = located(done, "tenants/payments.yaml")
    assert found == [("14", "R106"), ("15", "R106")], done.stdout + done.stderr
    for value in BAD_VALUES.values():  # the short one ("zq") included, quoted or not
        assert value not in done.stdout + done.stderr
    assert_no_canary(every_output(done, repo))


GRANTS_OF_RESERVED = ["*", "R*", "RECEIVERS*", "RECEIVERS_*", "RECEIVERS_KEY", "receivers_key_file", "*KEY", "RE*S_K*"]


@pytest.mark.parametrize("grant", GRANTS_OF_RESERVED)
@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_grant_that_could_cover_receivers_variables_is_an_error(tmp_path: Path, grant: str, command: str) -> None:
    repo = repo_with(tmp_path)
    add_grant(repo, grant)
    done = cli([command] if command == "validate" else ["render", "--out", "out"], repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert located(done, "receivers.yaml") == [("17", "R172")], done.stdout + done.stderr
    assert not (repo / "out").exists()
    assert_no_canary(every_output(done, repo))


@pytest.mark.parametrize("grant", ["R_*", "RECEIVER_*", "CHECKOUT_*", "X*RECEIVERS_KEY"])
def test_grants_that_cannot_cover_receivers_variables_pass(tmp_path: Path, grant: str) -> None:
    repo = repo_with(tmp_path)
    add_grant(repo, grant)
    done = cli(["validate"], repo)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("where", ["global", "receiver"])
def test_the_platform_file_cannot_resolve_receivers_variables_either(tmp_path: Path, where: str) -> None:
    repo = repo_with(tmp_path)
    platform = repo / "receivers.yaml"
    text = platform.read_text()
    if where == "global":
        text = text.replace("default_receiver:", 'global:\n  smtp_auth_password: "${RECEIVERS_KEY}"\ndefault_receiver:')
        line = 9
    else:
        text = text.replace('"${SINK}/_platform/unrouted"', '"${SINK}/_platform/${RECEIVERS_KEY}"')
        line = 7
    platform.write_text(text)
    for command in (["validate"], ["render", "--out", "out"]):
        done = cli(command, repo)
        assert done.returncode == 1, done.stdout + done.stderr
        assert located(done, "receivers.yaml") == [(str(line), "R171")], done.stdout + done.stderr
        assert_no_canary(every_output(done, repo))


def test_the_platform_file_may_use_any_other_variable(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    platform = repo / "receivers.yaml"
    platform.write_text(platform.read_text().replace('"${SINK}/_platform/unrouted"', '"${CHECKOUT_SLACK_URL}"'))
    done = cli(["render", "--out", "out"], repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert FORBIDDEN["CHECKOUT_SLACK_URL"] in (repo / "out" / "alertmanager.yml").read_text()
    assert FORBIDDEN["CHECKOUT_SLACK_URL"] not in done.stdout + done.stderr


def test_a_grant_for_a_tenant_without_a_file_is_an_error(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    (repo / "tenants" / "checkout.yaml").unlink()  # removed; its grant stays behind
    done = cli(["validate"], repo)
    assert done.returncode == 1
    assert located(done, "receivers.yaml") == [("16", "R173")], done.stdout + done.stderr
    # checking a single file cannot tell: there the grant is not reported
    assert cli(["validate", "tenants/payments.yaml"], repo).returncode == 0


@pytest.mark.alertmanager
def test_alertmanager_delivers_a_granted_variable_and_another_tenants_is_refused(
    tmp_path: Path, sink: Sink, alertmanager: Callable[[Path], str]
) -> None:
    env = {**FORBIDDEN, "SINK": sink.url, "CHECKOUT_HOOK_URL": f"{sink.url}/checkout/granted",
           "PAYMENTS_HOOK_PATH": "granted"}
    hostile = repo_with(tmp_path / "hostile", "granted-glob-of-other.yaml")
    done = cli(["render", "--out", "out"], hostile, env=env)
    assert done.returncode == 1 and "R171" in done.stdout + done.stderr and not (hostile / "out").exists()
    repo = repo_with(tmp_path / "good")
    done = cli(["render", "--out", "out"], repo, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    url = alertmanager(repo / "out" / "alertmanager.yml")
    post_alerts(url, [{"labels": {"alertname": "A", "tenant": "checkout", "severity": "critical"}},
                      {"labels": {"alertname": "B", "tenant": "payments", "severity": "critical"}}])
    assert sink.wait_for(lambda p, b: p == "/checkout/granted")
    assert sink.wait_for(lambda p, b: p == "/payments/granted")
    assert_no_canary({"stdout": done.stdout, "stderr": done.stderr})
