"""Per target version: catalog examples and field probes rendered by receivers, judged by the nearest
real Alertmanager (the newest of 0.25 / 0.28 / 0.33 at or below the target; tests/judges.py).

    .venv/bin/python benchmarks/conformance_figures.py

"example" rows render each integration's catalog example as one tenant; "probes" rows add one leaf
field each (tests/conformance/probes.py). Columns: renders checked by the real binary (receivers
accepted them), of those rejected by the real binary, and refused by receivers. Debian's 0.28.1 has no
jira (patched out), so jira renders judged by it are counted apart ("debian-skip"), and so are renders
that use an integration or field newer than the judge ("newer": between two real releases, e.g. a
0.32 field at target 0.32 judged by 0.28, nothing at hand can prove them).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from receivers_cli.alertmanager.versions import KNOWN_VERSIONS, format_version  # noqa: E402
from tests.conformance.probes import Probe, probes, receivers_verdicts, refused_renders  # noqa: E402
from tests.judges import judges  # noqa: E402


def main() -> int:
    found = judges()
    if not found:
        print("no real Alertmanager installed (apt-get install prometheus-alertmanager; .ci/fetch-alertmanagers)")
        return 1
    every = probes()
    examples = [p for p in every if not p.path]
    print(f"judges: {', '.join(j.label for j in found.values())}")
    print(f"{'target':>6} {'judge':>5} {'set':>8} {'checked':>8} {'rejected':>8} {'refused':>8} "
          f"{'debian-skip':>11} {'newer':>6}")
    for target in (v for v in KNOWN_VERSIONS if v >= (0, 25)):
        judge = next((j for v, j in reversed(found.items()) if v <= target), None)
        if judge is None:
            continue
        for label, chosen in (("examples", examples), ("probes", every)):
            with tempfile.TemporaryDirectory() as tmp:
                refused = receivers_verdicts(chosen, target, Path(tmp) / "v")
                accepted: list[Probe] = [p for p in chosen if p.name not in refused]
                debian = [p for p in accepted if judge.version == (0, 28) and p.integration.channel_type == "jira"]
                newer = [p for p in accepted if max(p.since, p.integration.since) > judge.version]
                judged = [p for p in accepted if p not in debian and p not in newer]
                rejected = refused_renders(judge.amtool_cmd(), judged, target, Path(tmp) / "r")
            print(f"{format_version(target):>6} {judge.label:>5} {label:>8} {len(judged):>8} {len(rejected):>8} "
                  f"{len(refused):>8} {len(debian):>11} {len(newer):>6}")
            for name, why in rejected.items():
                probe = next(p for p in chosen if p.name == name)
                print(f"    rejected: {probe.integration.channel_type}.{probe.field}: {why[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
