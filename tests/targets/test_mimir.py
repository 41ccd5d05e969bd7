"""The mimir target: what Mimir refuses (R304) and its configured limits (R305), located; inline secrets
only; a skipped tenant fails alone and keeps its envelope; the fallback holds the platform default."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from typer.testing import CliRunner

from receivers_cli.cli.app import app
from receivers_cli.loading.yaml_source import display_path
from tests.helpers import DEMO_ENV, FIXTURES, ROOT
from tests.repos import load_yaml, make_repo
from tests.targets.deployed import mimir_envelope

runner = CliRunner()
REFUSED = FIXTURES / "targets" / "mimir_refused"
PLATFORM_REFUSED = FIXTURES / "targets" / "mimir_platform_refused"


def mimir(repo: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", "--target", "mimir", "--tenants", str(repo / "tenants"),
                                 "--config", str(repo / "receivers.yaml"), "--out", str(out), *extra],
                           env=env if env is not None else {})
    return result.exit_code, result.stdout, result.stderr


def locations(stderr: str, rule: str) -> list[str]:
    return re.findall(rf"^(\S+:\d+:\d+): error {rule} ", stderr, re.M)


def test_refused_tenant_fields_are_located_and_nothing_is_written(tmp_path: Path) -> None:
    code, _out, err = mimir(REFUSED, tmp_path / "out")
    assert code == 1
    acme = display_path(REFUSED / "tenants" / "acme.yaml")
    assert locations(err, "R304") == [f"{acme}:11:22", f"{acme}:17:35", f"{acme}:19:17"]
    assert "proxy_url" in err and "proxy_from_environment" in err and "tls_config ca" in err
    assert not (tmp_path / "out").exists()


def test_a_refused_tenant_fails_alone_with_skip(tmp_path: Path) -> None:
    code, _out, err = mimir(REFUSED, tmp_path / "out", "--on-tenant-error", "skip")
    assert code == 3, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "_fallback.yaml", "beta.yaml", "manifest.json"]
    assert "skipped 1 tenant file:" in err


def test_a_skipped_tenant_keeps_its_previous_envelope(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_repo(repo, {"acme": {"metadata": {"name": "Acme"}, "receivers": [
        {"name": "hook", "channel_type": "webhook", "config": {"url": "https://hooks.example.com/acme"}}]}},
        platform={"alertmanager_version": "0.33"})
    assert mimir(repo, tmp_path / "out")[0] == 0
    before = (tmp_path / "out" / "acme.yaml").read_text()
    (repo / "tenants" / "acme.yaml").write_text((REFUSED / "tenants" / "acme.yaml").read_text())
    code, _out, err = mimir(repo, tmp_path / "out", "--on-tenant-error", "skip")
    assert code == 3, err
    assert (tmp_path / "out" / "acme.yaml").read_text() == before


def test_platform_refusals_are_reported_once_at_receivers_yaml(tmp_path: Path) -> None:
    code, _out, err = mimir(PLATFORM_REFUSED, tmp_path / "out")
    assert code == 1
    platform = display_path(PLATFORM_REFUSED / "receivers.yaml")
    # global is in both tenants' configs and in the fallback: one problem each, not three.
    assert locations(err, "R304") == [f"{platform}:4:23", f"{platform}:13:29"]


def test_limits_are_checked_with_located_errors(tmp_path: Path) -> None:
    code, _out, err = mimir(REFUSED, tmp_path / "out", "--on-tenant-error", "skip", "--mimir-max-config-size", "200")
    assert code == 3  # every tenant skipped (acme refused, beta over the limit); the fallback is written
    beta = display_path(REFUSED / "tenants" / "beta.yaml")
    assert f"{beta}:1:1: error R305" in err and "alertmanager_max_config_size_bytes" in err
    code, _out, err = mimir(REFUSED, tmp_path / "out", "--on-tenant-error", "skip",
                            "--mimir-max-template-size", "64", "--mimir-max-templates", "1")
    assert f"{beta}:9:3: error R305" in err and "template beta.tmpl of beta is" in err
    assert "alertmanager_max_templates_count" not in err  # one template file per tenant: within the limit
    code, _out, err = mimir(REFUSED, tmp_path / "out", "--on-tenant-error", "skip",
                            "--mimir-max-config-size", "100000", "--mimir-max-template-size", "100000")
    assert code == 3 and "R305" not in err


def test_secrets_are_inline_only(tmp_path: Path) -> None:
    repo = ROOT
    for extra in (["--secrets", "files"], ["--secrets-mount", "/etc/x"], ["--secrets-dir", str(tmp_path / "s")],
                  ["--health-rules", str(tmp_path / "rules.yml")]):
        code, _out, err = mimir(repo, tmp_path / "out", *extra, env=DEMO_ENV)
        assert code == 2, (extra, err)
    code, _out, err = mimir(repo, tmp_path / "out", env=DEMO_ENV)
    assert code == 0, err
    assert "holds secret values inline: deploy it, never commit it" in err
    for path in (tmp_path / "out").glob("*.yaml"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert "Holds secret values inline" in path.read_text().splitlines()[2]
    assert stat.S_IMODE(os.stat(tmp_path / "out").st_mode) == 0o700


def test_output_secrets_files_in_receivers_yaml_is_said_not_to_apply(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_repo(repo, {"acme": {"metadata": {"name": "Acme"}, "receivers": [
        {"name": "hook", "channel_type": "webhook", "config": {"url": "${ACME_URL}"}}]}},
        platform={"output": {"secrets": "files"}, "variables": {"tenants": {"acme": ["ACME_URL"]}}})
    code, _out, err = mimir(repo, tmp_path / "out", env={"ACME_URL": "https://hooks.example.com/s3cr3t"})
    assert code == 0, err
    assert "output.secrets: files in receivers.yaml does not apply" in err
    config = load_yaml(mimir_envelope(tmp_path / "out" / "acme.yaml")["alertmanager_config"])
    assert config["receivers"][1]["webhook_configs"][0]["url"] == "https://hooks.example.com/s3cr3t"


def test_platform_receivers_stay_out_of_tenant_configs_and_the_default_is_the_fallback(tmp_path: Path) -> None:
    code, _out, err = mimir(ROOT, tmp_path / "out", env=DEMO_ENV)
    assert code == 0, err
    platform = load_yaml((ROOT / "receivers.yaml").read_text())
    for path in (tmp_path / "out").glob("*.yaml"):
        text = mimir_envelope(path)["alertmanager_config"]
        config = load_yaml(text)
        names = [r["name"] for r in config["receivers"]]
        if path.name == "_fallback.yaml":
            assert names == [f"_platform/{platform['default_receiver']}"]
            assert config["route"] == {**config["route"], "receiver": names[0]} and "routes" not in config["route"]
        else:
            assert all(n.startswith(f"{path.stem}/") for n in names), names
            assert "http_config" not in config.get("global", {})


def test_each_envelope_keeps_only_the_globals_its_own_receivers_inherit(tmp_path: Path) -> None:
    """A Mimir tenant can read its config back: the platform's SMTP login is in the envelope of a
    tenant that sends email through the platform's relay, and in no other."""
    repo = tmp_path / "repo"
    hook = {"name": "hook", "channel_type": "webhook", "config": {"url": "https://hooks.example.com/a"}}
    mail = {"name": "mail", "channel_type": "email", "config": {"to": "ops@example.com"}}
    chat = {"name": "chat", "channel_type": "slack", "config": {"channel": "#ops"}}
    make_repo(repo, {
        "hooks": {"metadata": {"name": "H"}, "receivers": [hook]},
        "mailer": {"metadata": {"name": "M"}, "receivers": [mail]},
        "chatter": {"metadata": {"name": "C"}, "receivers": [chat]},
    }, platform={"alertmanager_version": "0.33", "global": {
        "resolve_timeout": "5m", "smtp_smarthost": "relay.example.com:587", "smtp_from": "am@example.com",
        "smtp_auth_username": "am", "smtp_auth_password": "CANARY-SMTP-PASSWORD",
        "slack_api_url": "https://hooks.slack.com/services/CANARY/SLACK/URL"}})
    code, _out, err = mimir(repo, tmp_path / "out")
    assert code == 0, err
    globals_of = {t: load_yaml(mimir_envelope(tmp_path / "out" / f"{t}.yaml")["alertmanager_config"]).get("global", {})
                  for t in ("hooks", "mailer", "chatter")}
    assert globals_of["hooks"] == {"resolve_timeout": "5m"}
    assert set(globals_of["mailer"]) == {"resolve_timeout", "smtp_smarthost", "smtp_from", "smtp_auth_username",
                                         "smtp_auth_password"}
    assert set(globals_of["chatter"]) == {"resolve_timeout", "slack_api_url"}
    assert "CANARY-SMTP-PASSWORD" not in (tmp_path / "out" / "hooks.yaml").read_text()
    assert "CANARY" not in (tmp_path / "out" / "chatter.yaml").read_text().replace(
        "https://hooks.slack.com/services/CANARY/SLACK/URL", "")
