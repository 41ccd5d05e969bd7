"""render --out / --secrets-dir replace only a folder that is absent, empty or a previous output of ours."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.output.support import run, snapshot, status

RENDER = ("render",)


def _tree(repo: Path) -> dict[str, bytes]:
    return snapshot(repo.parent)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--out", "."], "working directory"),
        (["--out", ".."], "holds the working directory"),
        (["--out", "tenants"], "holds the input tenants"),
        (["--out", "tenants/out"], "inside the tenants folder"),
        (["--out", "receivers.yaml"], "is a file"),
        (["--out", "keys"], "holds the input"),
        (["--out", "rendered", "--secrets-dir", "."], "working directory"),
        (["--out", "rendered", "--secrets-dir", "rendered"], "same folder"),
        (["--out", "rendered", "--secrets-dir", "rendered/secrets"], "nested"),
        (["--out", "sub/rendered", "--secrets-dir", "sub"], "nested"),
        (["--out", "notes"], "no .receivers-output marker"),
        (["--out", "clone"], ".git"),
        (["--out", ".git/rendered"], "inside a .git folder"),
    ],
)
def test_refused_with_the_path_and_reason_exit_2_nothing_touched(repo: Path, args: list[str], reason: str) -> None:
    (repo / "keys").mkdir()
    (repo / "keys" / "k.key").write_text("not a real key\n")
    (repo / "notes").mkdir()
    (repo / "notes" / "todo.txt").write_text("mine\n")
    (repo / "clone" / ".git").mkdir(parents=True)
    before, before_status = _tree(repo), status(repo)
    done = run(repo, *RENDER, "--key-file", "keys/k.key", *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "refusing" in done.stderr and reason in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert _tree(repo) == before and status(repo) == before_status


def test_a_committed_symlink_is_refused_and_its_target_untouched(repo: Path) -> None:
    elsewhere = repo.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me\n")
    os.symlink("../elsewhere", repo / "rendered")
    done = run(repo, *RENDER)
    assert done.returncode == 2 and "symbolic link" in done.stderr and "rendered" in done.stderr, done.stderr
    assert (elsewhere / "precious.txt").read_text() == "keep me\n"


def test_secrets_dir_refuses_a_folder_that_is_not_ours(repo: Path, tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "id_ed25519").write_text("key\n")
    os.chmod(private / "id_ed25519", 0o600)
    done = run(repo, *RENDER, "--secrets-dir", str(private))
    assert done.returncode == 2 and str(private) in done.stderr, done.stderr
    assert (private / "id_ed25519").read_text() == "key\n"


def test_previous_outputs_are_replaced_including_an_unmarked_committed_one(repo: Path, tmp_path: Path) -> None:
    secrets = tmp_path / "secrets"
    assert run(repo, *RENDER, "--secrets-dir", str(secrets)).returncode == 0
    assert run(repo, *RENDER, "--secrets-dir", str(secrets)).returncode == 0  # our own output: replaced
    # A rendered/ committed by an older version: no marker, our manifest.json.
    legacy = repo / "legacy"
    legacy.mkdir()
    (legacy / "alertmanager.yml").write_text("route: {receiver: x}\nreceivers: [{name: x}]\n")
    (legacy / "manifest.json").write_text(json.dumps({"tool": "receivers-cli"}))
    done = run(repo, *RENDER, "--out", "legacy")
    assert done.returncode == 0, done.stderr
    assert "alpha/chat" in (legacy / "alertmanager.yml").read_text()


def test_empty_and_absent_folders_are_fine_and_git_sees_no_state(repo: Path) -> None:
    (repo / "empty").mkdir()
    assert run(repo, *RENDER, "--out", "empty").returncode == 0
    assert run(repo, *RENDER, "--out", "deep/new/rendered").returncode == 0
    untracked = [line for line in status(repo) if ".receivers" in line]
    assert untracked == [], untracked  # state folders carry their own .gitignore


def test_check_reads_the_visible_output(repo: Path) -> None:
    assert run(repo, *RENDER).returncode == 0
    assert run(repo, *RENDER, "--check").returncode == 0
    (repo / "rendered" / "alertmanager.yml").write_text("stale\n")
    done = run(repo, *RENDER, "--check")
    assert done.returncode == 1 and "stale" in done.stderr
