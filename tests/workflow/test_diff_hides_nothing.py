"""``receivers diff REV REV`` (the pull-request review) shows every change a tenant file makes.

Each case commits one edit to a temporary git repository and runs the real command: the change is
named in every format, non-secret values old → new, secret ones only as "changed", and
``--exit-code`` is 1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.workflow.support import Repo

FIXTURE = ROOT / "tests" / "fixtures" / "workflow" / "diff"

# (old text, new text, what every format must show, what no format may show)
CASES = {
    "email-to": ('to: "team@example.com"', 'to: "attacker@evil.example"',
                 ['email_configs.to: "team@example.com" → "attacker@evil.example"'], []),
    "webhook-url": ('url: "https://hooks.example.com/team"', 'url: "https://evil.example/collect"',
                    ["~ receiver team/hook", "webhook_configs.url: changed (secret, not shown)"],
                    ["evil.example", "hooks.example.com/team"]),
    "slack-channel": ('channel: "#team-alerts"', 'channel: "#general"',
                      ['slack_configs.channel: "#team-alerts" → "#general"'], ["hooks.slack.com"]),
    "inhibit-equal": ("equal: [cluster]", "equal: [cluster, region]",
                      ['~ inhibit rule #1', 'equal: ["tenant", "cluster"] → ["tenant", "cluster", "region"]'], []),
    "time-interval": ('start_time: "02:00"', 'start_time: "01:00"',
                      ["~ time interval team/maintenance", '"02:00" → "01:00"'], []),
    "template": ('title: "[[ name ]]: {{ .CommonLabels.alertname }}"',
                 'title: "[[ name ]] changed: {{ .CommonLabels.alertname }}"',
                 ["~ template file templates/team.tmpl", "changed:"], []),
}


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    repo = Repo(tmp_path / "repo")
    repo.git("init", "-q")
    repo.commit("start")
    return repo


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_change_is_shown_and_exit_code_is_1(repo: Repo, case: str) -> None:
    old, new, shown, hidden = CASES[case]
    repo.edit("tenants/team.yaml", old, new)
    repo.commit(case)
    text = repo.receivers("diff", "HEAD~1", "HEAD", "--exit-code")
    assert text.returncode == 1, text.stdout + text.stderr
    assert "1 tenant changed" in text.stdout and "team:" in text.stdout
    markdown = repo.receivers("diff", "HEAD~1", "HEAD", "--format", "markdown", "--exit-code")
    as_json = repo.receivers("diff", "HEAD~1", "HEAD", "--format", "json", "--exit-code")
    assert markdown.returncode == as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["changed"] is True and [t["tenant"] for t in data["tenants"]] == ["team"]
    for out in (text.stdout, markdown.stdout):
        for expected in shown:
            assert expected in out, out
    for out in (text.stdout, markdown.stdout, as_json.stdout):
        for secret in hidden:
            assert secret not in out, out


def test_an_unchanged_repository_exits_0(repo: Repo) -> None:
    repo.edit("tenants/team.yaml", 'name: "Team"', 'name: "Team"  # a comment only changes nothing')
    repo.commit("comment")
    done = repo.receivers("diff", "HEAD~1", "HEAD", "--exit-code")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 tenants changed" in done.stdout


def test_an_encrypted_secret_that_changes_is_changed_without_ciphertext(repo: Repo) -> None:
    repo.receivers("secrets", "keygen", "--private-key", str(repo.root.parent / "key"), check=True)
    repo.receivers("secrets", "encrypt", "tenants/team.yaml", check=True)
    repo.commit("encrypt")
    repo.edit("tenants/team.yaml", _url_line(repo), 'url: "https://evil.example/collect"')
    repo.receivers("secrets", "encrypt", "tenants/team.yaml", check=True)
    repo.commit("re-encrypt")
    done = repo.receivers("diff", "HEAD~1", "HEAD", "--exit-code", "--format", "json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ENC[" not in done.stdout and "evil.example" not in done.stdout
    (tenant,) = json.loads(done.stdout)["tenants"]
    fields = [f for c in tenant["changes"] for f in c["fields"]]
    assert fields == [{"path": "webhook_configs.url", "old": None, "new": None, "secret": True, "status": "changed"}]


def _url_line(repo: Repo) -> str:
    text = (repo.root / "tenants" / "team.yaml").read_text("utf-8")
    (line,) = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("url: ")]
    return line


def test_a_folder_and_a_revision_compare_like_with_like(repo: Repo) -> None:
    out = repo.root.parent / "rendered"
    repo.receivers("render", "--out", str(out), check=True)
    same = repo.receivers("diff", str(out), "HEAD", "--exit-code")
    assert same.returncode == 0, same.stdout + same.stderr
    assert "0 tenants changed" in same.stdout
    repo.edit("tenants/team.yaml", 'channel: "#team-alerts"', 'channel: "#general"')
    repo.edit("tenants/team.yaml", 'url: "https://hooks.example.com/team"', 'url: "https://evil.example/collect"')
    repo.commit("two")
    changed = repo.receivers("diff", str(out), "HEAD", "--exit-code")
    assert changed.returncode == 1
    assert 'slack_configs.channel: "#team-alerts" → "#general"' in changed.stdout
    assert "webhook_configs.url" in changed.stdout and "evil.example" not in changed.stdout
    assert "other:" not in changed.stdout  # unchanged tenant file: its secrets are the same


def test_a_wrong_format_is_a_usage_error_listing_the_choices(repo: Repo) -> None:
    done = repo.receivers("diff", "HEAD", "HEAD", "--format", "yaml")
    assert done.returncode == 2
    assert "text" in done.stderr and "markdown" in done.stderr and "json" in done.stderr


def test_a_named_platform_file_missing_from_the_revision_is_an_error(repo: Repo) -> None:
    done = repo.receivers("diff", "HEAD", "HEAD", "--config", "nosuch.yaml")
    assert done.returncode == 1 and "D003" in done.stdout + done.stderr
