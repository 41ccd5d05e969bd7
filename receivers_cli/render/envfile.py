"""``--env-file``: KEY=VALUE lines for ``${VAR}`` references (the process environment wins).

Values from the file obey the same grants as the environment (render checks the name before it
looks anywhere). ``RECEIVERS_*`` lines are refused: those variables configure receivers itself and
are never substituted, so such a line is a mistake (a private key pasted into the wrong file).
"""

from __future__ import annotations

import re
from pathlib import Path

from receivers_cli.codes import R303
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.yaml_source import display_path
from receivers_cli.model.placeholders import is_reserved

_LINE = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def read_env_file(path: Path) -> dict[str, str]:
    name = display_path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(name, 0, 0, R303, f"cannot read the env file: {exc}", "check the path")
        raise ProblemsError([problem]) from None
    # Every line of the file holds a value: problems are marked secret so no formatter quotes a line.
    values: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.match(stripped)
        if match is None:
            problems.append(Problem(name, number, 1, R303, "not a KEY=VALUE line", "write NAME=value", secret=True))
            continue
        if is_reserved(match.group(1)):
            problems.append(Problem(
                name, number, 1, R303, f"{match.group(1)} cannot be set in an env file",
                "RECEIVERS_* variables are never substituted; set key variables in the environment of the run",
                secret=True,
            ))
            continue
        value = match.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[match.group(1)] = value
    if problems:
        raise ProblemsError(problems)
    return values
