"""What the benchmark scripts share: the `receivers` command of this interpreter, and a timer."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

RECEIVERS = str(Path(sys.executable).with_name("receivers"))


def timed(cmd: list[str], cwd: Path, env: Mapping[str, str] | None = None, *, check: bool = True) -> tuple[float, int]:
    """Wall seconds and max RSS (KiB) of one run of ``cmd``; with ``check``, a failure stops the run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if check and os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {stderr}")
    return elapsed, usage.ru_maxrss
