"""The output tests' helpers: a throw-away git repository with the output fixtures, the real CLI run in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from tests.helpers import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "output"
RECEIVERS = str(Path(sys.executable).parent / "receivers")


def run(
    repo: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The installed ``receivers`` command, in ``repo``, as a user would run it."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("RECEIVERS_FAULT_")}
    full.update(env or {})
    return subprocess.run([RECEIVERS, *args], cwd=repo, env=full, capture_output=True, text=True, timeout=timeout)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def status(repo: Path) -> list[str]:
    """``git status --porcelain`` lines, untracked files listed one by one."""
    return [line for line in git(repo, "status", "--porcelain", "--untracked-files=all").splitlines() if line]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (symlinks not followed) by relative path."""
    found: dict[str, bytes] = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def make_repo(path: Path) -> Path:
    shutil.copytree(FIXTURES, path)
    git(path, "init", "-q")
    git(path, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A")
    git(path, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "fixtures")
    return path


def commit_all(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "state")
