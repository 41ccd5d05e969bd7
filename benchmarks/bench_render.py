"""Time `receivers render` (cold, a new process each run) against `amtool check-config` on its output.

Both are measured in the same run, alternating, so the ratio survives a noisy machine. Reports
medians, the ratio, and peak memory (max RSS) of each.

    python benchmarks/bench_render.py               # 1,000 tenants x 5 receivers, 7 runs
    python benchmarks/bench_render.py --tenants 10000 --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RECEIVERS, timed
from gen_tenants import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    amtool = shutil.which("amtool")
    if amtool is None:
        raise SystemExit("amtool is missing: apt-get install prometheus-alertmanager")
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(args.tenants, Path(tmp))
        render = [RECEIVERS, "render", "--out", "rendered"]
        check = [amtool, "check-config", "rendered/alertmanager.yml"]
        timed(render, root)  # warm the file cache once
        renders, checks = [], []
        for _ in range(args.runs):
            renders.append(timed(render, root))
            checks.append(timed(check, root))
        size = (root / "rendered" / "alertmanager.yml").stat().st_size
    r_med = statistics.median(t for t, _ in renders)
    c_med = statistics.median(t for t, _ in checks)
    r_rss = max(m for _, m in renders) / 1024
    c_rss = max(m for _, m in checks) / 1024
    print(f"tenants: {args.tenants} x 5 receivers, output {size / 1e6:.2f} MB, {args.runs} runs each")
    print(f"receivers render     median {r_med:.3f} s   peak RSS {r_rss:.0f} MiB")
    print(f"amtool check-config  median {c_med:.3f} s   peak RSS {c_rss:.0f} MiB")
    print(f"ratio render / check: {r_med / c_med:.1f}x")


if __name__ == "__main__":
    main()
