"""A temporary config repository driven through the real ``receivers`` command (a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=self.root,
                       check=True, capture_output=True, timeout=60)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def edit(self, file: str, old: str, new: str) -> None:
        path = self.root / file
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    def receivers(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        key = self.root.parent / "key"
        if key.exists():
            env["RECEIVERS_KEY_FILE"] = str(key)
        done = subprocess.run([sys.executable, "-m", "receivers_cli.cli.app", *args], cwd=self.root, env=env,
                              capture_output=True, text=True, timeout=120)
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done
