"""The loaded config repository the stages pass along; immutable once built."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from receivers_cli.alertmanager.versions import Version
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.render.platform_templates import NONE, SharedTemplates
from receivers_cli.validation.context import CheckedTenant
from receivers_cli.validation.ignores import Ignored
from receivers_cli.validation.levels import ValidationLevel


# eq=False: a project is one load of the repository (compared and hashed by identity, so derived
# data such as the receiver index can be cached beside it without mutating it).
@dataclass(frozen=True, eq=False)
class Project:
    """A loaded config repository: platform settings, structurally valid tenants, problems so far.

    Never changed after it is built: a stage that finds more problems (validation) or keeps fewer
    tenants returns a new project (``dataclasses.replace``).
    """

    platform: Platform
    version: Version
    tenants: tuple[CheckedTenant, ...]
    platform_doc: SourceDocument | None = None
    problems: tuple[Problem, ...] = ()
    tenant_files: Mapping[str, Sequence[str]] = field(default_factory=dict)
    files_checked: int = 0
    documents: Mapping[str, SourceDocument] = field(default_factory=dict)
    # Whether a folder of tenant files was seen (checked or as context): then every tenant id is known.
    sees_tenant_folder: bool = False
    # The platform file as named in problems, also when it failed to load (then platform_doc is None).
    platform_file: str | None = None
    # The level whose semantic rules are in ``problems`` (None: structure only, not validated yet).
    validated_at: ValidationLevel | None = None
    # receivers.yaml's shared Go templates (templates.files), read and checked at load.
    shared_templates: SharedTemplates = NONE
    # What each ignore (--ignore, receivers.yaml lint:, tenant comments) hid from ``problems``.
    ignored: tuple[Ignored, ...] = ()

    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.ERROR)

    def tenant_errors(self, errors: Sequence[Problem]) -> dict[str, list[Problem]]:
        """``errors`` by tenant file, for commands that let a broken tenant fail alone.

        Raises :class:`ProblemsError` with every error when any belongs to the platform file or to
        an option (``--alertmanager-version``): every tenant depends on those, so nothing is
        answered or rendered without them.
        """
        shared = {self.platform_file} if self.platform_file else set()
        if self.platform_doc is not None:
            shared.add(self.platform_doc.file)
        shared.update(f.file for f in self.shared_templates.files)
        if any(p.file in shared or p.file.startswith("--") for p in errors):
            raise ProblemsError(list(errors))
        by_file: dict[str, list[Problem]] = {}
        for problem in errors:
            by_file.setdefault(problem.file, []).append(problem)
        return by_file

    def broken_tenants(self, errors: Sequence[Problem]) -> list[str]:
        """The tenant ids whose files have errors (by the file's stem when it did not even load)."""
        files = {p.file for p in errors}
        ids = {tenant for tenant, names in self.tenant_files.items() if files.intersection(names)}
        ids |= {Path(f).stem for f in files if Path(f).suffix.lower() in (".yaml", ".yml") and not any(
            f in names for names in self.tenant_files.values())}
        return sorted(ids)


def broken_tenants(project: Project, errors: Sequence[Problem]) -> list[str]:
    """:meth:`Project.broken_tenants`, as a function for callers of the API."""
    return project.broken_tenants(errors)
