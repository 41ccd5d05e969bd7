"""CLI polish (issue 15): completion, progress on a terminal only, truncated lists, no wrapping into
pipes, --format json, one option name per concept, the repository root found from a subfolder,
plurals and one message format."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from receivers_cli.report.words import plural, truncated
from tests.helpers import ROOT
from tests.repos import make_repo

RECEIVERS = str(Path(sys.executable).with_name("receivers"))


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command with stdout and stderr piped (not a terminal)."""
    full = {**os.environ, "NO_COLOR": "1", "RECEIVERS_NO_CACHE": "1", **(env or {})}
    return subprocess.run([RECEIVERS, *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=120)


def run_in_terminal(*args: str, cwd: Path) -> tuple[int, bytes]:
    """The real command with stdout and stderr on a pseudo-terminal; everything it drew."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "RECEIVERS_NO_CACHE": "1"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([RECEIVERS, *args], cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not data:
            break
        out += data
    os.close(master)
    return proc.wait(timeout=120), out


def tenant(n_receivers: int = 1, match: dict[str, str] | None = None) -> dict[str, object]:
    receivers = [
        {"name": f"hook-{i:03d}", "channel_type": "webhook", "config": {"url": f"https://hooks.example.com/{i}"},
         **({"match": match} if match else {})}
        for i in range(n_receivers)
    ]
    return {"metadata": {"name": "T", "tier": "standard"}, "receivers": receivers}


def many_tenants(root: Path, count: int) -> Path:
    return make_repo(root, {f"t{n:03d}": tenant() for n in range(count)})


# --- words -------------------------------------------------------------------------------------------


def test_plurals_and_truncated_lists() -> None:
    assert plural(1, "error") == "1 error" and plural(0, "file") == "0 files" and plural(2, "entry", "entries")
    assert truncated(["a", "b"]) == "a, b"
    assert truncated([str(i) for i in range(25)], limit=3) == "0, 1, 2 … and 22 more"


def test_summary_line_uses_singulars(tmp_path: Path) -> None:
    make_repo(tmp_path, {"solo": {"metadata": {"name": "S", "tier": "gold"}, "receivers": []}})
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 1
    assert "1 error, 0 warnings in 1 file (1 file checked)" in done.stderr
    assert "1 errors" not in done.stderr and "1 files" not in done.stderr


# --- completion --------------------------------------------------------------------------------------


def test_shell_completion_options_exist(tmp_path: Path) -> None:
    helped = run("--help", cwd=tmp_path)
    assert "--install-completion" in helped.stdout and "--show-completion" in helped.stdout
    script = run("--show-completion", "bash", cwd=tmp_path, env={"SHELL": "/bin/bash"})
    assert script.returncode == 0 and "_RECEIVERS_COMPLETE" in script.stdout


# --- progress: a terminal only ----------------------------------------------------------------------


def test_progress_is_drawn_on_a_terminal(tmp_path: Path) -> None:
    many_tenants(tmp_path, 40)
    code, drawn = run_in_terminal("validate", cwd=tmp_path)
    assert code == 0, drawn
    assert b"reading tenant files" in drawn and b"/40" in drawn  # a bar with counts
    assert b"no problems (40 files checked)" in drawn


def test_no_progress_when_piped(tmp_path: Path) -> None:
    many_tenants(tmp_path, 40)
    for args in (["validate"], ["test"], ["render", "--out", "rendered"]):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        for stream in (done.stdout, done.stderr):
            assert "reading tenant files" not in stream and "\x1b[" not in stream and "\r" not in stream


# --- truncated lists ---------------------------------------------------------------------------------


def test_uncovered_receivers_are_a_count_and_the_first_names(tmp_path: Path) -> None:
    make_repo(tmp_path, {"big": tenant(300)})
    done = run("test", cwd=tmp_path)
    line = next(x for x in done.stdout.splitlines() if x.startswith("receiver coverage"))
    assert "not reached by any test: 300 receivers: big/hook-000" in line and "… and 290 more" in line
    assert len(line) < 400 and "big/hook-299" not in line
    document = json.loads(run("test", "--format", "json", cwd=tmp_path).stdout)
    assert len(document["uncovered"]) == 300 and document["coverage"] == 0  # the full list, in JSON


# --- no wrapping into a pipe -------------------------------------------------------------------------


def test_routes_show_keeps_each_node_on_one_line_when_piped(tmp_path: Path) -> None:
    long_value = "x" * 300
    make_repo(tmp_path, {"wide": tenant(2, match={"component": long_value})})
    done = run("routes", "show", cwd=tmp_path, env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    nodes = [x for x in done.stdout.splitlines() if "receiver: wide/hook-" in x]
    assert len(nodes) == 2 and all(long_value in x and "tenants/wide.yaml:" in x for x in nodes)
    assert len(done.stdout.splitlines()) == 4  # root, tenant, two receivers: nothing wrapped


def test_routes_show_escapes_rich_markup_from_tenant_files(tmp_path: Path) -> None:
    make_repo(tmp_path, {"odd": tenant(1, match={"component": "[/bold][red]x"})})
    done = run("routes", "show", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[/bold][red]x" in done.stdout and "internal error" not in done.stderr


# --- --format json -----------------------------------------------------------------------------------


def test_routes_show_json_is_the_tree(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants")
    shutil.copy(ROOT / "receivers.yaml", tmp_path / "receivers.yaml")
    done = run("routes", "show", "--format", "json", "--tenant", "checkout", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = json.loads(done.stdout)["route"]
    assert root["label"] == "default-route" and [c["receiver"] for c in root["routes"]] == ["checkout/_unrouted"]
    children = root["routes"][0]["routes"]
    assert {c["receiver"] for c in children} >= {"checkout/chat", "checkout/pager"}
    assert all(c["source"].startswith("tenants/checkout.yaml:") for c in children)


def test_test_json_reports_passes_failures_and_coverage(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants")
    shutil.copy(ROOT / "receivers.yaml", tmp_path / "receivers.yaml")
    document = json.loads(run("test", "--format", "json", cwd=tmp_path).stdout)
    assert document["passed"] == 4 and document["failed"] == 0 and document["failures"] == []
    assert "search/telegram" in document["uncovered"] and 0 < document["coverage"] < 100


def test_secrets_status_json(tmp_path: Path) -> None:
    make_repo(tmp_path, {"plain": {**tenant(), "receivers": [
        {"name": "chat", "channel_type": "slack", "config": {"api_url": "https://hooks.slack.com/services/a/b/c"}}]}})
    assert run("secrets", "keygen", "--private-key", "k.key", cwd=tmp_path).returncode == 0
    done = run("secrets", "status", "--format", "json", cwd=tmp_path)
    document = json.loads(done.stdout)
    assert done.returncode == 1 and document["summary"]["errors"] == 1  # the plaintext Slack URL
    assert document["problems"][0]["rule"] == "S302" and document["files"][0]["plaintext"] == 1
    assert document["keys"][0]["current"] is True
    text = run("secrets", "status", cwd=tmp_path)
    # The same message format as validate: located, "error", the rule, a hint, a summary.
    assert "tenants/plain.yaml:" in text.stdout and ": error S302 " in text.stdout and "= hint:" in text.stdout
    assert "1 error, 0 warnings in 1 file (1 file checked)" in text.stdout


# --- one option name per concept ---------------------------------------------------------------------


def test_validate_takes_tenants_and_the_old_name_still_works(tmp_path: Path) -> None:
    make_repo(tmp_path, {"a": tenant(), "b": tenant()})
    (tmp_path / "tenants" / "b.yaml").write_text((tmp_path / "tenants" / "a.yaml").read_text())  # id a in b.yaml
    new = run("validate", "--tenants", "tenants", "tenants/a.yaml", cwd=tmp_path)
    old = run("validate", "--tenants-dir", "tenants", "tenants/a.yaml", cwd=tmp_path)
    assert new.returncode == old.returncode
    assert "deprecated" in old.stderr and "--tenants" in old.stderr and "deprecated" not in new.stderr
    assert "--tenants-dir" not in run("validate", "--help", cwd=tmp_path).stdout  # hidden


# --- the repository root from a subfolder ------------------------------------------------------------


def test_commands_find_the_repository_from_a_subfolder(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants")
    shutil.copy(ROOT / "receivers.yaml", tmp_path / "receivers.yaml")
    inside = tmp_path / "tenants"
    checked = run("validate", cwd=inside)
    assert checked.returncode == 0 and "no problems (4 files checked)" in checked.stdout, checked.stderr
    one = run("validate", "checkout.yaml", cwd=inside)
    assert one.returncode == 0 and "1 file checked" in one.stdout, one.stderr
    routed = run("routes", "test", "tenant=checkout", "severity=critical", cwd=inside)
    assert routed.returncode == 0 and "checkout/pager" in routed.stdout, routed.stderr
    (tmp_path / "docs").mkdir()
    assert run("test", cwd=tmp_path / "docs").returncode == 0


def test_the_root_platform_file_governs_only_its_own_tenant_files(tmp_path: Path) -> None:
    make_repo(tmp_path, {"a": tenant()})
    (tmp_path / "receivers.yaml").write_text("alertmanager_version: [not, a, version]\n")
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    shutil.copy(tmp_path / "tenants" / "a.yaml", elsewhere / "a.yaml")
    assert run("validate", "a.yaml", cwd=elsewhere).returncode == 0  # checked alone, as before
    assert run("validate", "a.yaml", cwd=tmp_path / "tenants").returncode == 1  # the repo's platform file


def test_the_search_stops_at_a_git_work_tree(tmp_path: Path) -> None:
    make_repo(tmp_path, {"a": tenant()})
    other = tmp_path / "other"
    (other / ".git").mkdir(parents=True)
    done = run("validate", cwd=other)
    assert done.returncode == 1 and "R014" in done.stderr  # not the config repository above it


@pytest.mark.parametrize("args", [["routes", "show"], ["test"], ["validate"]])
def test_nothing_found_is_still_a_located_problem(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / ".git").mkdir()
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 1 and "R014" in done.stderr and "Traceback" not in done.stderr
