"""Ignores: which findings a user, the platform file or a tenant file chose not to see.

Three sources, from most to least trusted:

- ``receivers validate --ignore ID`` (the person running it);
- ``lint: {ignore: [...], tenants: {<tenant>: [...]}}`` in ``receivers.yaml`` (the platform team);
- ``# receivers: ignore ID[, ID...]`` in a tenant file, covering the comment's line and the line
  below it (the tenant: untrusted).

Only warnings and the strict level's policy rules are ignorable; other errors mean Alertmanager
would refuse or misroute the config. A tenant's comment never ignores a rule of
:data:`SECURITY_RULES`: a hostile tenant file must not switch off the check that stops it. Every
ignore is kept with the findings it hid, so the report can say what was not shown (R510 for an
ignore that is refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from receivers_cli.codes import (
    R131,
    R136,
    R141,
    R150,
    R151,
    R152,
    R171,
    R172,
    R173,
    R207,
    R230,
    R401,
    R402,
    R405,
    R510,
    R602,
    R603,
    R604,
    R605,
    R606,
    Code,
)
from receivers_cli.errors import Problem, printable
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.validation.levels import ValidationLevel

# The rules that keep a tenant inside its scope or keep secrets secret: isolation (tenant label,
# matchers, templates, file reads, inherited credentials), variable grants and secret handling.
SECURITY_RULES: frozenset[Code] = frozenset(
    {R131, R136, R141, R150, R151, R152, R171, R172, R173, R207, R230, R401, R402, R405}
)

# validate --rules' cross-checks: findings about the alerts, never about what Alertmanager loads.
RULE_FILE_CHECKS: frozenset[Code] = frozenset({R602, R603, R604, R605, R606})

# Ignore ids one tenant file may name: a hostile file of a million ids must not cost a million
# catalogue look-ups, problems and ignore checks per finding.
MAX_INLINE_IDS = 64

# A YAML comment (a '#' at the start of the line or after a blank): "# receivers: ignore R134, R502".
INLINE = re.compile(r"(?:^|\s)#\s*receivers:\s*ignore\b(?P<ids>[^#]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Ignore:
    """One ignored rule from one source, and where it applies."""

    rule: Code
    source: str  # "--ignore", "receivers.yaml:12" or "tenants/acme.yaml:4"
    files: frozenset[str] | None = None  # None: every file
    lines: frozenset[int] | None = None  # None: every line of those files

    def covers(self, problem: Problem) -> bool:
        if problem.rule != self.rule:
            return False
        if self.files is not None and problem.file not in self.files:
            return False
        return self.lines is None or problem.line in self.lines


@dataclass(frozen=True)
class Ignored:
    """What one ignore hid: the findings themselves, for the machine reports (JSON lists them,
    SARIF marks them suppressed) and a count for the text report's note."""

    ignore: Ignore
    hidden: tuple[Problem, ...] = ()

    @property
    def count(self) -> int:
        return len(self.hidden)


def refusal(rule_id: str, *, inline: bool) -> tuple[Code | None, str | None]:
    """The catalogued code for ``rule_id`` (id or name) and why it may not be ignored (None: it may)."""
    from receivers_cli.validation.rules import find

    rule = find(rule_id.strip())
    if rule is None:
        return None, f"no rule {rule_id.strip()!r} to ignore"
    if inline and rule.id in SECURITY_RULES:
        return rule.id, (f"{rule.id} protects isolation or secrets: a tenant file cannot ignore it "
                         "(the platform team can, in receivers.yaml lint:)")
    if not rule.warning and rule.level is not ValidationLevel.STRICT and rule.id not in RULE_FILE_CHECKS:
        return rule.id, (f"{rule.id} cannot be ignored: only warnings and strict policy rules can; this error "
                         "means Alertmanager would refuse or misroute the config")
    return rule.id, None


def split_ids(values: Iterable[str]) -> list[str]:
    """``["R134,R502", "R503"]`` → ``["R134", "R502", "R503"]``."""
    return [part.strip() for value in values for part in re.split(r"[,\s]+", value) if part.strip()]


def cli_ignores(values: Sequence[str]) -> list[Ignore]:
    """The ``--ignore`` options; raises ValueError with the message of the first refused one."""
    found: list[Ignore] = []
    for value in split_ids(values):
        code, reason = refusal(value, inline=False)
        if reason is not None or code is None:
            raise ValueError(reason or f"no rule {value!r}")
        found.append(Ignore(code, "--ignore"))
    return found


def platform_ignores(lint: Mapping[str, Sequence[str]], per_tenant: Mapping[str, Sequence[str]],
                     doc: SourceDocument | None, tenant_files: Mapping[str, Sequence[str]],
                     known_tenants: bool) -> tuple[list[Ignore], list[Problem]]:
    """``lint:`` of receivers.yaml: (ignores, R510 problems)."""
    ignores: list[Ignore] = []
    problems: list[Problem] = []
    entries: list[tuple[tuple[str | int, ...], str, frozenset[str] | None]] = []
    for tenant, values in per_tenant.items():
        if known_tenants and tenant not in tenant_files:
            if doc is not None:
                problems.append(doc.problem(("lint", "tenants", tenant), R510,
                                            f"no tenant {tenant!r} to ignore rules for",
                                            "name a tenant id (a file under tenants/)", at_key=True))
            continue
        own = frozenset(tenant_files.get(tenant, ()))
        entries += [(("lint", "tenants", tenant, i), value, own) for i, value in enumerate(values)]
    # Per tenant first: the more specific ignore is credited with what it hides.
    entries += [(("lint", "ignore", i), value, None) for i, value in enumerate(lint.get("ignore", ()))]
    for path, value, files in entries:
        code, reason = refusal(value, inline=False)
        where = f"{doc.file}:{doc.locate(path).line}" if doc is not None else "receivers.yaml"
        if reason is not None or code is None:
            if doc is not None:
                problems.append(doc.problem(path, R510, reason or f"no rule {value!r}",
                                            "`receivers rules` lists them; see `receivers validate --explain R510`"))
            continue
        ignores.append(Ignore(code, where, files))
    return ignores, problems


def inline_ignores(doc: SourceDocument) -> tuple[list[Ignore], list[Problem]]:
    """The ``# receivers: ignore ...`` comments of one tenant file: (ignores, R510 problems)."""
    ignores: list[Ignore] = []
    problems: list[Problem] = []
    if "receivers" not in doc.text.lower():
        return ignores, problems  # the common case: no comment to look for
    named = 0
    for number, line in enumerate(doc.text.splitlines(), start=1):
        found = INLINE.search(line)
        if found is None:
            continue
        column = found.start() + (1 if line[found.start()].isspace() else 0) + 1
        # Each id is located at its own column: two refused ids are two problems, not one.
        ids = [(m.group(0), found.start("ids") + m.start() + 1) for m in re.finditer(r"[^,\s]+", found.group("ids"))]
        if not ids:
            problems.append(Problem(doc.file, number, column, R510, "the ignore comment names no rule",
                                    "write # receivers: ignore R134 (ids separated by commas)"))
        named += len(ids)
        if named > MAX_INLINE_IDS:
            problems.append(Problem(doc.file, number, column, R510,
                                    f"more than {MAX_INLINE_IDS} rule ids in ignore comments in one file",
                                    "fix the findings, or ask the platform team for lint: in receivers.yaml"))
            break
        for value, at in ids:
            code, reason = refusal(value, inline=True)
            if reason is not None or code is None:
                problems.append(Problem(doc.file, number, at, R510, printable(reason or value),
                                        "fix the finding itself; `receivers validate --explain R510`"))
                continue
            ignores.append(Ignore(code, f"{doc.file}:{number}", frozenset({doc.file}),
                                  frozenset({number, number + 1})))
    return ignores, problems


def apply(problems: Sequence[Problem], ignores: Sequence[Ignore]) -> tuple[list[Problem], list[Ignored]]:
    """The problems no ignore covers, and what each ignore hid (R510 itself is never hidden)."""
    hidden: list[list[Problem]] = [[] for _ in ignores]
    kept: list[Problem] = []
    for problem in problems:
        hit = next((i for i, ig in enumerate(ignores) if problem.rule != R510 and ig.covers(problem)), None)
        if hit is None:
            kept.append(problem)
        else:
            hidden[hit].append(problem)
    return kept, [Ignored(ig, tuple(h)) for ig, h in zip(ignores, hidden, strict=True)]


def suppressed(ignored: Sequence[Ignored]) -> list[tuple[Problem, str]]:
    """Each hidden finding with the source of the ignore that hid it, for the machine reports."""
    return [(problem, i.ignore.source) for i in ignored for problem in i.hidden]


def summary(ignored: Sequence[Ignored]) -> str:
    """One line for the report: ``3 findings ignored: R134 x2 (--ignore), R502 x1 (tenants/a.yaml:4)``."""
    if not ignored:
        return ""
    total = sum(i.count for i in ignored)
    parts = [f"{i.ignore.rule} x{i.count} ({printable(i.ignore.source)})" for i in ignored]
    noun = "finding" if total == 1 else "findings"
    return f"{total} {noun} ignored: " + ", ".join(parts)
