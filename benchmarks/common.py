"""What the benchmark scripts share: the `receivers` command of this interpreter, and a timer."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

RECEIVERS = str(Path(sys.executable).with_name("receivers"))


def timed(cmd: list[str], cwd: Path, env: Mapping[str, str] | None = None, *, check: bool = True) -> tuple[float, int]:
    """Wall seconds and max RSS (KiB) of one run of ``cmd``; with ``check``, a failure stops the run."""
    # stderr goes to a file, not a pipe: a command that reports more than a pipe holds (64 KiB of
    # problems) would otherwise block on its write while we wait for it to exit.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if check and os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {stderr}")
    return elapsed, usage.ru_maxrss
