"""SARIF 2.1.0 for code scanning: one run, the rule catalogue as ``tool.driver.rules``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from receivers_cli import __version__
from receivers_cli.errors import Problem, Severity, printable

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def format_sarif(problems: Sequence[Problem], *, files_checked: int | None = None) -> str:
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
    for problem in sorted(problems):
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
