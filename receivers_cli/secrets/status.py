"""What ``secrets status`` (and strict validation) reports: keys, their use, and policy findings.

Nothing here decrypts: the key id and encryption date are in each envelope's clear header.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from receivers_cli.errors import Problem, Severity
from receivers_cli.integrations import get as get_integration
from receivers_cli.secrets.envelope import Binding, parse
from receivers_cli.secrets.errors import (
    EnvelopeError,
    PlaintextSecret,
    SecretsError,
    StaleValue,
    UnknownRecipient,
)
from receivers_cli.secrets.fields import Location, Lookup, ValueKind, iter_secret_values
from receivers_cli.secrets.keys import PublicKeyInfo, today_utc
from receivers_cli.secrets.yamltext import compose, load_data, position, read_text


@dataclass(frozen=True)
class ValueAudit:
    """One secret value: what it holds, its key id and date when encrypted, and any finding."""

    location: Location
    binding: Binding
    kind: ValueKind
    key_id: str | None = None
    created: date | None = None
    finding: SecretsError | None = None
    severity: Severity = Severity.WARNING


def audit_document(
    document: Mapping[str, Any],
    max_age_days: int,
    recipients: Sequence[PublicKeyInfo] = (),
    today: date | None = None,
    lookup: Lookup = get_integration,
) -> list[ValueAudit]:
    """Every secret value of a tenant document with its finding, if any.

    Findings: a plaintext secret (S302, error), an unreadable envelope (S1xx, error), a key id not
    among ``recipients`` when some are given (S304, warning), a value encrypted more than
    ``max_age_days`` ago (S303, warning).
    """
    now = today or today_utc()
    known = {r.id for r in recipients}
    audits: list[ValueAudit] = []
    for item in iter_secret_values(document, lookup):
        where, kind = item.binding, item.kind
        if kind == "plaintext":
            error = PlaintextSecret(
                f"{where} holds a plaintext secret",
                "encrypt it: receivers secrets encrypt FILE (or use a ${VAR} reference)",
            )
            audits.append(ValueAudit(item.location, where, kind, finding=error, severity=Severity.ERROR))
            continue
        if kind != "encrypted":
            audits.append(ValueAudit(item.location, where, kind))
            continue
        try:
            envelope = parse(item.value)
        except EnvelopeError as exc:
            audits.append(ValueAudit(item.location, where, kind, finding=exc, severity=Severity.ERROR))
            continue
        age = (now - envelope.created).days
        finding: SecretsError | None = None
        if known and envelope.key_id not in known:
            finding = UnknownRecipient(
                f"{where} is encrypted with key {envelope.key_id}, which the platform file does not list",
                "re-encrypt it with the old private key: receivers secrets rotate",
            )
        elif age > max_age_days:
            finding = StaleValue(
                f"{where} was encrypted {age} days ago; the policy is {max_age_days} days",
                "rotate the key: receivers secrets rotate",
            )
        audits.append(ValueAudit(item.location, where, kind, envelope.key_id, envelope.created, finding))
    return audits


@dataclass
class FileStatus:
    file: str
    values: list[ValueAudit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, kind: ValueKind) -> int:
        return sum(1 for v in self.values if v.kind == kind)

    def key_ids(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for v in self.values:
            if v.key_id:
                counts[v.key_id] = counts.get(v.key_id, 0) + 1
        return dict(sorted(counts.items()))


@dataclass
class KeyStatus:
    id: str
    created: date | None  # from the platform file; None when the key is not listed there
    age_days: int | None
    current: bool
    values: int = 0
    files: list[str] = field(default_factory=list)


@dataclass
class StatusReport:
    max_age_days: int
    keys: list[KeyStatus]
    files: list[FileStatus]

    @property
    def problems(self) -> list[Problem]:
        return sorted(p for f in self.files for p in f.problems)


def file_status(
    path: Path,
    max_age_days: int,
    recipients: Sequence[PublicKeyInfo] = (),
    today: date | None = None,
    lookup: Lookup = get_integration,
) -> FileStatus:
    """The audit of one tenant file, findings located at file:line:col."""
    source = str(path)
    status = FileStatus(source)
    try:
        text = read_text(path)
        data = load_data(text, source)
        root = compose(text, source)
    except SecretsError as exc:
        status.problems.append(exc.to_problem(source))
        return status
    if not isinstance(data, dict):
        return status
    status.values = audit_document(data, max_age_days, recipients, today, lookup)
    for audit in status.values:
        if audit.finding is not None:
            line, column = position(root, audit.location)
            problem = audit.finding.to_problem(source, line, column, audit.location)
            status.problems.append(_with_severity(problem, audit.severity))
    return status


def _with_severity(problem: Problem, severity: Severity) -> Problem:
    return Problem(
        problem.file,
        problem.line,
        problem.column,
        problem.rule,
        problem.message,
        problem.hint,
        severity,
        problem.path,
    )


def secrets_status(
    paths: Sequence[Path],
    recipients: Sequence[PublicKeyInfo],
    max_age_days: int,
    today: date | None = None,
    lookup: Lookup = get_integration,
) -> StatusReport:
    """Keys (recipients first, then key ids only seen in files), and each file's audit."""
    now = today or today_utc()
    files = [file_status(p, max_age_days, recipients, now, lookup) for p in paths]
    current = recipients[-1].id if recipients else None
    keys: dict[str, KeyStatus] = {
        r.id: KeyStatus(r.id, r.created, (now - r.created).days, r.id == current) for r in recipients
    }
    for status in files:
        for key, count in status.key_ids().items():
            entry = keys.setdefault(key, KeyStatus(key, None, None, False))
            entry.values += count
            entry.files.append(status.file)
    return StatusReport(max_age_days, list(keys.values()), files)
