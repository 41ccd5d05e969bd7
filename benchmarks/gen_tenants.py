"""Generate N synthetic tenant files (5 receivers each) plus a platform file, for benchmarks.

    python benchmarks/gen_tenants.py 1000 /tmp/bench-1000
"""

from __future__ import annotations

import sys
from pathlib import Path

TENANT = """\
{tid}:
  metadata:
    name: "Synthetic tenant {n}"
    tier: {tier}
    sla_level: "99.9%"
    contact_team: "team-{n}@example.com"
  receivers:
    - name: hook-all
      channel_type: webhook
      config:
        url: "https://hooks.example.com/{tid}/all"
    - name: hook-db
      channel_type: webhook
      min_severity: warning
      match: {{component: database}}
      config:
        url: "https://hooks.example.com/{tid}/db"
    - name: chat
      channel_type: slack
      min_severity: warning
      muted_during: [maintenance]
      config:
        api_url: "https://hooks.slack.com/services/T{n}/B{n}/X"
        channel: "#alerts-{n}"
    - name: pager
      channel_type: pagerduty
      min_severity: critical
      config:
        routing_key: "{key}"
    - name: pager-low
      channel_type: pagerduty
      min_severity: error
      config:
        routing_key: "{key}"
        severity: error
  inhibit:
    - source_matchers: ['severity="critical"']
      target_matchers: ['severity="warning"']
      equal: [alertname]
  time_intervals:
    - name: maintenance
      time_intervals:
        - weekdays: ["sunday"]
          times: [{{start_time: "02:00", end_time: "04:00"}}]
"""

PLATFORM = 'alertmanager_version: "0.25"\n'


def generate(count: int, root: Path) -> Path:
    tenants = root / "tenants"
    tenants.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        tid = f"t{n:05d}"
        tier = ("premium", "standard", "basic")[n % 3]
        text = TENANT.format(tid=tid, n=n, tier=tier, key=f"{n:032x}")
        (tenants / f"{tid}.yaml").write_text(text)
    (root / "receivers.yaml").write_text(PLATFORM)
    return root


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
