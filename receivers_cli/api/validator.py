"""The original specification's API: validate one tenant mapping (as loaded from YAML) in memory.

    report = ConfigValidator(ValidationLevel.STRICT).validate_receiver_config(data)
    if not report.is_valid:
        for issue in report.issues:
            print(issue.rule, issue.path, issue.line, issue.message)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from receivers_cli.codes import R010, Code
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.validation.levels import ValidationLevel


@dataclass(frozen=True)
class ValidationIssue:
    """One problem: rule id, message, hint, data path and (when the input came from text) line."""

    rule: Code
    message: str
    path: tuple[str | int, ...]
    hint: str = ""
    line: int | None = None
    column: int | None = None
    severity: str = "error"


@dataclass(frozen=True)
class ValidationReport:
    issues: list[ValidationIssue] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)


class ConfigValidator:
    """Validates tenant mappings with the same stages and rules as ``receivers validate``."""

    def __init__(self, level: ValidationLevel = ValidationLevel.STANDARD, platform: Mapping[str, Any] | None = None):
        self.level = ValidationLevel(level)
        self.platform = dict(platform or {})

    def validate_receiver_config(self, data: Mapping[str, Any] | str, file: str = "<data>") -> ValidationReport:
        """Check one tenant: a mapping ``{tenant_id: {...}}`` as loaded from YAML, or YAML text.

        From text, issues carry line and column; from a mapping, they carry the path only.
        """
        from receivers_cli.loading.yaml_source import SourceDocument, load_text

        try:
            doc = load_text(data, file) if isinstance(data, str) else SourceDocument(file, dict(data), "")
        except ProblemsError as exc:
            return _report(exc.problems, has_lines=True)
        return _report(self._problems(doc), has_lines=isinstance(data, str))

    def _problems(self, doc: Any) -> list[Problem]:
        from receivers_cli.alertmanager.versions import parse_version
        from receivers_cli.api.load import check_tenant
        from receivers_cli.api.project import Project
        from receivers_cli.api.validate import validate_project
        from receivers_cli.loading.project import TenantSource
        from receivers_cli.model.platform import Platform

        data = doc.data
        if not isinstance(data, dict) or len(data) != 1:
            return [doc.problem((), R010, "a tenant holds exactly one top-level key, the tenant id")]
        (tenant_id, body), = data.items()
        tenant, problems = check_tenant(
            TenantSource(tenant_id, doc, body), types=self.level.includes(ValidationLevel.STANDARD)
        )
        platform = Platform.model_validate(self.platform)
        project = Project(platform, parse_version(platform.alertmanager_version), (tenant,) if tenant else (), None,
                          tuple(problems), {tenant_id: [doc.file]}, documents={doc.file: doc})
        return validate_project(project, self.level)


def _report(problems: list[Problem], *, has_lines: bool) -> ValidationReport:
    return ValidationReport(
        [
            ValidationIssue(
                p.rule, p.message, p.path, p.hint,
                p.line if has_lines and p.line else None, p.column if has_lines and p.column else None,
                "error" if p.severity is Severity.ERROR else "warning",
            )
            for p in problems
        ]
    )
