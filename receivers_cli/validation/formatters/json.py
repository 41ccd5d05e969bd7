"""Machine output: one JSON document with every problem and a summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from receivers_cli.errors import Problem


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "rule": problem.rule,
        "severity": problem.severity.value,
        "message": problem.message,
        "hint": problem.hint,
        "path": [str(p) if isinstance(p, str) else p for p in problem.path],
    }


def format_json(problems: Sequence[Problem], *, files_checked: int | None = None) -> str:
    document = {
        "problems": [problem_dict(p) for p in sorted(problems)],
        "summary": {
            "errors": sum(1 for p in problems if p.severity.value == "error"),
            "warnings": sum(1 for p in problems if p.severity.value == "warning"),
            "files_with_problems": len({p.file for p in problems}),
            "files_checked": files_checked,
        },
    }
    return json.dumps(document, indent=2)
