"""``receivers rules``: the rule catalogue as a table (id, name, level, stage, summary)."""

from __future__ import annotations

import sys


def rules() -> None:
    """List every rule code (validation, render, secrets, tests, diff); `receivers validate --explain ID`
    prints one in full."""
    from receivers_cli.validation.rules import all_rules

    catalogue = all_rules()
    width = max(len(r.name) for r in catalogue)
    lines = [f"{'ID':<5} {'NAME':<{width}} {'LEVEL':<8} {'STAGE':<11} SUMMARY"]
    for r in catalogue:
        level = r.level.value if r.level is not None else "-"  # codes of other commands have no level
        lines.append(f"{r.id:<5} {r.name:<{width}} {level:<8} {r.stage:<11} {r.summary}")
    sys.stdout.write("\n".join(lines) + "\n")
