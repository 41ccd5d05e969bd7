"""Time `receivers routes test` against `amtool config routes test` on the same 1,000-tenant config.

`receivers` answers from the tenant files; amtool from the rendered alertmanager.yml. Measured in
one run, alternating: the first `receivers` call (cold: loads and checks every tenant file, fills
the routing cache) and then warm calls (inputs unchanged: answered from the cache).

    python benchmarks/bench_routes.py [--tenants 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
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
        env = {**os.environ, "RECEIVERS_CACHE_DIR": str(Path(tmp) / "cache")}
        subprocess.run([RECEIVERS, "render", "--out", "rendered"], cwd=root, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        last = f"t{args.tenants - 1:05d}"
        labels = [f"tenant={last}", "severity=critical"]
        ours = [RECEIVERS, "routes", "test", *labels]
        theirs = [amtool, "config", "routes", "test", "--config.file=rendered/alertmanager.yml", *labels]
        cold, warm, reference = [], [], []
        for _ in range(args.runs):
            shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
            cold.append(timed(ours, root, env)[0])
            warm.append(timed(ours, root, env)[0])
            reference.append(timed(theirs, root, env)[0])
    c, w, a = statistics.median(cold), statistics.median(warm), statistics.median(reference)
    print(f"{args.tenants} tenants x 5 receivers, {args.runs} runs each, medians")
    print(f"receivers routes test, cold (no cache)  {c:.3f} s   {c / a:.1f}x amtool")
    print(f"receivers routes test, warm (cached)    {w:.3f} s   {w / a:.1f}x amtool")
    print(f"amtool config routes test               {a:.3f} s")


if __name__ == "__main__":
    main()
