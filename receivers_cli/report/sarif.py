"""SARIF 2.1.0 for code scanning: one run, the rule catalogue as ``tool.driver.rules``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from receivers_cli import __version__
from receivers_cli.errors import Problem, Severity, printable

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def format_sarif(problems: Sequence[Problem], *, files_checked: int | None = None,
                 suppressed: Sequence[tuple[Problem, str]] = ()) -> str:
    """Hidden findings are results too, each with a ``suppressions`` entry (SARIF §3.35): ``inSource``
    for a tenant file's own comment, ``external`` for ``--ignore`` and ``receivers.yaml``'s ``lint:``.
    Code scanning then shows them as dismissed instead of not at all."""
    from receivers_cli.validation.rules import all_rules

    catalogue = all_rules()
    index = {rule.id: i for i, rule in enumerate(catalogue)}
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc.split("\n\n", 1)[0].strip()},
            "help": {"text": rule.doc.strip()},
            "defaultConfiguration": {"level": "error"},
            "properties": {"level": rule.level.value, "stage": rule.stage} if rule.level else {"stage": rule.stage},
        }
        for rule in catalogue
    ]
    results: list[dict[str, Any]] = []
    for problem, source in sorted([(p, None) for p in problems] + [(p, s) for p, s in suppressed],
                                  key=lambda item: (item[0], item[1] or "")):
        region = {"startLine": problem.line, "startColumn": problem.column or 1} if problem.line else None
        location: dict[str, Any] = {"artifactLocation": {"uri": printable(problem.file)}}
        if region:
            location["region"] = region
        result: dict[str, Any] = {
            "ruleId": printable(problem.rule),
            "level": "error" if problem.severity is Severity.ERROR else "warning",
            "message": {"text": printable(problem.message + (f" (hint: {problem.hint})" if problem.hint else ""))},
            "locations": [{"physicalLocation": location}],
        }
        if problem.rule in index:
            result["ruleIndex"] = index[problem.rule]
        if source is not None:
            in_source = source.startswith(f"{problem.file}:")
            result["suppressions"] = [{"kind": "inSource" if in_source else "external",
                                       "justification": printable(f"ignored by {source}")}]
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "receivers",
                        "version": __version__,
                        "informationUri": "https://github.com/receivers-cli/receivers",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2)
