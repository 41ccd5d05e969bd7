"""Time `receivers import` (with its self-check) against `amtool check-config` on the same monolith.

The monolith has 1,000 routes: 50 teams (a top-level route pinning team="tNN") with 19 child routes
each (severity and service matchers, some continue), 150 webhook receivers and inhibit rules. It is
imported with `--by team` (a tenant tree holds at most 500 routes, so `--tenant` refuses it by
design: R138). Measured in one run, alternating: import with the simulator only (`--amtool none`),
import also judged by the real amtool, `amtool check-config` of the same file, and `receivers
--version` (the process start-up and imports every command pays, the floor under the import).

    python benchmarks/bench_import.py [--teams 50] [--routes-per-team 19] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RECEIVERS


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system, children included) seconds of one run; a failure stops the run.
    CPU time is printed too because this machine is shared: wall time follows its load."""
    import os
    import subprocess
    import time

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    before = os.times()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    after = os.times()
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {stderr}")
    # wait4's usage is the child's own; its children (amtool) are counted by os.times after the wait.
    grandchildren = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    own = usage.ru_utime + usage.ru_stime
    return elapsed, max(own, grandchildren)


def monolith(teams: int, per_team: int) -> dict[str, object]:
    routes = [{"receiver": "heartbeat", "matchers": ['alertname="Watchdog"'], "repeat_interval": "1m"}]
    receivers: list[dict[str, object]] = [{"name": "default"}, {"name": "heartbeat", "webhook_configs": [
        {"url": "https://heartbeat.example.org/ping"}]}]
    for t in range(teams):
        team = f"t{t:02d}"
        names = [f"{team}-pager", f"{team}-chat", f"{team}-mail"]
        receivers.extend({"name": n, "webhook_configs": [{"url": f"https://hooks.example.org/{n}"}]} for n in names)
        children = []
        for i in range(per_team):
            child: dict[str, object] = {"receiver": names[i % 3],
                                        "matchers": [f'service="svc-{i}"', 'severity=~"critical|error"']}
            if i % 4 == 0:
                child["continue"] = True
            if i % 5 == 0:
                child["match_re"] = {"env": "prod|staging"}
            children.append(child)
        routes.append({"receiver": names[1], "matchers": [f'team="{team}"'], "routes": children})
    return {
        "route": {"receiver": "default", "group_by": ["alertname", "team"], "routes": routes},
        "receivers": receivers,
        "inhibit_rules": [{"source_matchers": ['severity="critical"'], "target_matchers": ['severity="warning"'],
                           "equal": ["alertname", "team"]}],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--routes-per-team", type=int, default=19)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    amtool = shutil.which("amtool")
    if amtool is None:
        raise SystemExit("amtool is missing: apt-get install prometheus-alertmanager")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "alertmanager.yml"
        config = monolith(args.teams, args.routes_per_team)
        source.write_text(json.dumps(config, indent=1))  # JSON is YAML
        count = 1 + args.teams * (1 + args.routes_per_team)
        simulator, judged, reference, startup = [], [], [], []
        for run in range(args.runs):
            for kind, times, extra in (("sim", simulator, ["--amtool", "none"]), ("amtool", judged, [])):
                out = root / f"{kind}-{run}"
                cmd = [RECEIVERS, "import", str(source), "--by", "team", "--tenants", str(out / "tenants"),
                       "--config", str(out / "receivers.yaml"), "--alertmanager-version", "0.25", *extra]
                times.append(timed(cmd, root))
            reference.append(timed([amtool, "check-config", str(source)], root))
            startup.append(timed([RECEIVERS, "--version"], root))
    print(f"monolith of {count} routes, {args.runs} runs each, medians (wall / CPU)")
    a_wall, a_cpu = (statistics.median(t[i] for t in reference) for i in (0, 1))
    for label, times in (("simulator self-check", simulator), ("+ real amtool sample", judged)):
        wall, cpu = (statistics.median(t[i] for t in times) for i in (0, 1))
        print(f"receivers import ({label}): {wall:.2f} s / {cpu:.2f} s  ({wall / a_wall:.1f}x / {cpu / a_cpu:.1f}x)")
    print(f"amtool check-config, same file:       {a_wall:.2f} s / {a_cpu:.2f} s")
    s_wall, s_cpu = (statistics.median(t[i] for t in startup) for i in (0, 1))
    print(f"receivers --version (start-up floor):  {s_wall:.2f} s / {s_cpu:.2f} s")


if __name__ == "__main__":
    main()
