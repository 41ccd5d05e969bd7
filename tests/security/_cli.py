"""Run the real ``receivers`` command in a subprocess: a crash shows as a signal, a hang as a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "security"
GOOD_TENANT = """{id}:
  metadata: {{name: "Good {id}", tier: standard}}
  receivers:
    - name: hook
      channel_type: webhook
      min_severity: warning
      config: {{url: "https://hooks.example.com/{id}"}}
"""


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {"NO_COLOR": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "RECEIVERS_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "receivers_cli.cli.app", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env,
    )


def assert_refused(result: subprocess.CompletedProcess[str], rule: str) -> None:
    """Exit 1 (not a signal such as -11/139, not an internal error), the rule reported, no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, (result.returncode, output[-2000:])
    assert "Traceback" not in output and "internal error" not in output.lower()
    assert rule in output, output[-2000:]
