"""The shape of each report format, through the one registry every command prints with."""

from __future__ import annotations

import io
import json
import re

import pytest

from receivers_cli import codes
from receivers_cli.errors import Problem, Severity
from receivers_cli.report import FORMATTERS, LINES, Format, format_problems, print_problems
from receivers_cli.validation.rules import all_rules

PROBLEMS = [
    Problem("tenants/acme.yaml", 3, 5, codes.R101, "unknown field 'colour'", "did you mean 'color'?",
            path=("acme", "colour")),
    Problem("tenants/beta.yaml", 0, 0, codes.S303, "value is old", severity=Severity.WARNING),
    Problem("tenants/beta.yaml", 7, 1, codes.R301, "variable \x1b[31mX\x1b[0m is not set"),
]


def test_every_public_format_and_lines_have_a_formatter() -> None:
    assert set(FORMATTERS) == {f.value for f in Format} | {LINES}


def test_json_is_parseable_with_every_field() -> None:
    document = json.loads(format_problems(PROBLEMS, Format.json, files_checked=4))
    assert document["summary"] == {"errors": 2, "warnings": 1, "files_with_problems": 2, "files_checked": 4,
                                   "ignored": 0}
    first = document["problems"][0]
    assert set(first) == {"file", "line", "column", "rule", "severity", "message", "hint", "path"}
    assert (first["rule"], first["line"], first["column"], first["path"]) == ("R101", 3, 5, ["acme", "colour"])
    assert [p["severity"] for p in document["problems"]] == ["error", "warning", "error"]
    assert "\x1b" not in json.dumps(document, ensure_ascii=False) and "\\x1b" in document["problems"][2]["message"]


def test_sarif_rules_are_the_catalogue_and_results_point_into_it() -> None:
    document = json.loads(format_problems(PROBLEMS, Format.sarif))
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in all_rules()] == [c.id for c in codes.all_codes()]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert {r["ruleId"] for r in run["results"]} == {"R101", "S303", "R301"}
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]
    s303 = next(r for r in rules if r["id"] == "S303")
    assert s303["properties"] == {"stage": "secrets"} and s303["help"]["text"].startswith("S303 secret-stale:")


def test_github_one_workflow_command_per_problem() -> None:
    lines = format_problems(PROBLEMS, Format.github).splitlines()
    assert lines[0] == (
        "::error file=tenants/acme.yaml,line=3,col=5,title=R101::unknown field 'colour' (hint: did you mean 'color'?)"
    )
    assert lines[1] == "::warning file=tenants/beta.yaml,title=S303::value is old"
    assert all(re.fullmatch(r"::(error|warning) file=[^:]+::.*", line) for line in lines)
    assert "\x1b" not in "".join(lines)


def test_text_groups_by_file_and_summarises() -> None:
    text = format_problems(PROBLEMS, Format.text, files_checked=4)
    assert text.splitlines()[0] == "tenants/acme.yaml"
    assert "tenants/acme.yaml:3:5: error R101 unknown field 'colour'" in text
    assert "       = hint: did you mean 'color'?" in text
    assert "tenants/beta.yaml: warning S303 value is old" in text
    assert text.endswith("2 errors, 1 warning in 2 files (4 files checked)")
    assert "\x1b" not in text  # color off: only the tenant's escape, and that one is escaped
    assert format_problems([], Format.text, files_checked=3) == "no problems (3 files checked)"


def test_lines_one_escaped_line_per_problem() -> None:
    text = format_problems(PROBLEMS, LINES)
    assert text.splitlines() == [
        "tenants/acme.yaml:3:5: R101 unknown field 'colour' (hint: did you mean 'color'?)",
        "tenants/beta.yaml: S303 value is old",
        "tenants/beta.yaml:7:1: R301 variable \\x1b[31mX\\x1b[0m is not set",
    ]


@pytest.mark.parametrize("fmt", [Format.json, Format.sarif, Format.github, LINES])
def test_print_problems_writes_the_formatted_report(fmt: Format | str) -> None:
    out = io.StringIO()
    print_problems(PROBLEMS, fmt, stream=out)
    assert out.getvalue() == format_problems(PROBLEMS, fmt) + "\n"


def test_print_problems_text_goes_to_stderr_when_there_are_problems(capsys: pytest.CaptureFixture[str]) -> None:
    print_problems(PROBLEMS)
    captured = capsys.readouterr()
    assert captured.out == "" and "R101" in captured.err
    print_problems([])
    assert capsys.readouterr().out == "no problems\n"
