"""Machine output: one JSON document with every problem and a summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from receivers_cli.errors import Problem, printable


def problem_dict(problem: Problem) -> dict[str, Any]:
    # Strings are escaped (printable()) and not only JSON-encoded: a consumer that prints a decoded
    # message must not get a tenant's raw escape sequences either.
    return {
        "file": printable(problem.file),
        "line": problem.line,
        "column": problem.column,
        "rule": printable(problem.rule),
        "severity": problem.severity.value,
        "message": printable(problem.message),
        "hint": printable(problem.hint),
        "path": [printable(p) if isinstance(p, str) else p for p in problem.path],
    }


def format_json(problems: Sequence[Problem], *, files_checked: int | None = None,
                suppressed: Sequence[tuple[Problem, str]] = ()) -> str:
    """``ignored`` lists what an ignore hid, each with ``ignored_by``: where that ignore is written."""
    document = {
        "problems": [problem_dict(p) for p in sorted(problems)],
        "ignored": [{**problem_dict(p), "ignored_by": printable(source)} for p, source in sorted(suppressed)],
        "summary": {
            "errors": sum(1 for p in problems if p.severity.value == "error"),
            "warnings": sum(1 for p in problems if p.severity.value == "warning"),
            "files_with_problems": len({p.file for p in problems}),
            "files_checked": files_checked,
            "ignored": len(suppressed),
        },
    }
    return json.dumps(document, indent=2)
