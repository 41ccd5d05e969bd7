"""Cold-start timing of the real ``receivers validate`` command (median of N runs).

    .venv/bin/python benchmarks/bench_validate.py [--runs 15]

Cases: one demo tenant file; 1,000 generated tenant files. Goals: <= 120 ms and <= 2 s.

Beside them, in the same run, the floor a one-file check cannot go below: a process that only
imports the libraries the product card fixes for it (typer, ruamel.yaml, jsonschema, pydantic with
one model class defined, since Pydantic builds most of itself on the first one).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RECEIVERS, timed

ROOT = Path(__file__).resolve().parent.parent

TENANT = """{id}:
  metadata: {{name: "Tenant {n}", tier: standard}}
  receivers:
    - name: chat
      channel_type: slack
      min_severity: warning
      config: {{api_url: "${{SLACK_URL_{n}}}", channel: "#alerts-{n}"}}
    - name: page
      channel_type: pagerduty
      min_severity: critical
      config: {{integration_key: "${{PD_KEY_{n}}}", auto_resolve: true}}
"""


FLOOR = "import typer, ruamel.yaml, jsonschema\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    a: int"


def median_ms(command: list[str], cwd: Path, runs: int) -> float:
    return statistics.median(timed(command, cwd, check=False)[0] * 1000 for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = median_ms([sys.executable, "-c", "pass"], ROOT, args.runs)
    floor = median_ms([sys.executable, "-c", FLOOR], ROOT, args.runs)
    one = median_ms([str(RECEIVERS), "validate", "tenants/spotify-premium.yaml"], ROOT, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "tenants").mkdir()
        # The variables each tenant uses are granted (R171 otherwise): the run measures a clean check.
        (root / "receivers.yaml").write_text('variables:\n  shared: ["SLACK_URL_*", "PD_KEY_*"]\n', "utf-8")
        for n in range(1000):
            (root / "tenants" / f"t{n:04d}.yaml").write_text(TENANT.format(id=f"t{n:04d}", n=n), "utf-8")
        many = median_ms([str(RECEIVERS), "validate"], root, max(3, args.runs // 3))
        clean = subprocess.run([str(RECEIVERS), "validate"], cwd=root, capture_output=True, text=True)
        if clean.returncode != 0:
            raise SystemExit(f"the generated tenants do not validate: {clean.stderr[-2000:]}")
        shutil.rmtree(root / "tenants")
    print(f"python -c pass          {python:7.1f} ms")
    print(f"import floor            {floor:7.1f} ms   (typer, ruamel.yaml, jsonschema, pydantic + 1 model)")
    print(f"validate 1 file         {one:7.1f} ms   (goal <= 120 ms; {one - floor:.0f} ms above the floor)")
    print(f"validate 1,000 files    {many:7.1f} ms   (goal <= 2000 ms)")


if __name__ == "__main__":
    main()
