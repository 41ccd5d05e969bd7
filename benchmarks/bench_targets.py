"""Time `receivers render --target T` (cold, a new process each run) against the plain render.

The plain render and each target alternate in the same run, so the ratios survive a noisy machine.
Reports medians, each target's ratio to the plain render (goal for mimir: at most 1.5x) and the
CPU time (user + system) of each, which fsync-bound wall time can hide.

    python benchmarks/bench_targets.py                       # 1,000 tenants x 5 receivers, mimir, 5 runs
    python benchmarks/bench_targets.py --targets mimir,kubernetes,helm --runs 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RECEIVERS
from gen_tenants import generate


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (a failure stops the benchmark)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--targets", default="mimir", help="comma-separated: mimir, kubernetes, helm")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(args.tenants, Path(tmp))
        commands = {"alertmanager": [RECEIVERS, "render", "--out", "out-alertmanager"]}
        commands |= {t: [RECEIVERS, "render", "--target", t, "--out", f"out-{t}"] for t in targets}
        for cmd in commands.values():
            run(cmd, root)  # warm the file cache once
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(run(cmd, root))
    wall = {name: statistics.median(w for w, _ in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in times.items()}
    print(f"tenants: {args.tenants} x 5 receivers, {args.runs} runs each, medians")
    for name in commands:
        print(f"render --target {name:<13} wall {wall[name]:6.3f} s  ({wall[name] / wall['alertmanager']:.2f}x)   "
              f"cpu {cpu[name]:6.3f} s  ({cpu[name] / cpu['alertmanager']:.2f}x)")


if __name__ == "__main__":
    main()
