"""One tenant with many receivers through ``validate``, ``routes test`` and ``test`` (median of N runs).

    .venv/bin/python benchmarks/bench_big_tenant.py [--receivers 10000] [--runs 3] [--command PATH]

A hostile (or just very large) tenant must not make the commands quadratic: every lookup by
receiver name goes through an index. The routes cache is turned off so each run does the work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RECEIVERS, timed


def big_tenant(receivers: int, tests: int = 50) -> str:
    """A tenant file with ``receivers`` webhook receivers and a few routing tests."""
    # Flow style keeps 10,000 receivers under the 1 MiB file limit.
    lines = ["big:", "  metadata: {name: Big, tier: standard}", "  receivers:"]
    lines += [
        f'    - {{name: r{n}, channel_type: webhook, match: {{team: t{n}}}, config: {{url: "https://h.io/{n}"}}}}'
        for n in range(receivers)
    ]
    lines.append("  tests:")
    for n in range(0, receivers, max(1, receivers // tests)):
        lines += [
            f"    - name: team {n} is paged",
            f"      labels: {{alertname: A, severity: critical, team: t{n}}}",
            f"      expect: [r{n}]",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--receivers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", default=RECEIVERS, help="the receivers command to time (another install)")
    args = parser.parse_args()
    env = {**os.environ, "RECEIVERS_NO_CACHE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "tenants").mkdir()
        (root / "tenants" / "big.yaml").write_text(big_tenant(args.receivers), "utf-8")
        commands = {
            "validate": [args.command, "validate"],
            "routes test": [args.command, "routes", "test", "tenant=big", "severity=critical", "team=t7"],
            "test": [args.command, "test"],
        }
        for name, command in commands.items():
            runs = [timed(command, root, env)[0] for _ in range(args.runs)]
            print(f"{name:<12} {args.receivers} receivers  median {statistics.median(runs) * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
