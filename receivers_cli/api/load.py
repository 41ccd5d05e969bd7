"""Stage 1, load: tenant files and the platform file → a :class:`Project` checked for structure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from receivers_cli import audit
from receivers_cli.alertmanager.versions import Version, parse_version
from receivers_cli.api.project import Project
from receivers_cli.api.validate import validated
from receivers_cli.codes import R012
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.project import TenantSource, discover_tenant_files, load_sources
from receivers_cli.loading.yaml_source import SourceDocument, display_path
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant
from receivers_cli.progress import track
from receivers_cli.render.platform_templates import SharedTemplates
from receivers_cli.validation.context import CheckedTenant
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.structure import parse_model


def load_project(
    paths: Sequence[Path],
    config: Path | None = None,
    *,
    alertmanager_version: str | None = None,
    level: ValidationLevel | None = None,
    context_paths: Sequence[Path] = (),
    schema: bool = True,
) -> Project:
    """Load the tenant files below ``paths`` and the platform file; check structure and types.

    Every file is checked against its JSON Schema; from the standard level on (the default) the
    files that pass are also parsed into the typed models that rules and render use. Tenant files
    below ``context_paths`` are not checked; their ids only feed cross-file rules (pre-commit
    checks the staged files while the rest of the repository is still seen).

    ``schema=False`` skips the JSON Schema pass for questions that only need the typed models
    (``routes``, ``test``, ``diff``): the models the schema is generated from still check
    structure and types, at a twentieth of the cost.
    """
    from receivers_cli.validation import schema_check

    sources = load_sources(paths, config)
    problems = list(sources.problems)
    platform = Platform()
    if sources.platform is not None:
        data = sources.platform.data if sources.platform.data is not None else {}
        structure = schema_check.check_document(sources.platform, schema_check.PLATFORM, data)
        problems.extend(structure)
        if not structure:
            try:
                platform = parse_model(Platform, data, sources.platform)
            except ProblemsError as exc:
                problems.extend(exc.problems)
    version, version_problem = _target_version(platform, sources.platform, alertmanager_version)
    if version_problem:
        problems.append(version_problem)
    shared = _shared_templates(platform, sources.platform, config, version)
    problems.extend(shared.problems)
    types = (level or ValidationLevel(platform.validation_level)).includes(ValidationLevel.STANDARD)
    tenants: list[CheckedTenant] = []
    tenant_files: dict[str, list[str]] = {}
    checked = {source.file for source in sources.tenants} | set(sources.failed_files)
    for path in discover_tenant_files(list(context_paths)):
        file = display_path(path)
        if file not in checked:
            tenant_files.setdefault(path.stem, []).append(file)
    for source in track(sources.tenants, "checking tenant files"):
        tenant_files.setdefault(source.id, []).append(source.file)
        checked_tenant, found = check_tenant(source, schema=schema, types=types)
        problems.extend(found)
        if checked_tenant is not None:
            tenants.append(checked_tenant)
    documents = {source.file: source.doc for source in sources.tenants}
    if sources.platform is not None:
        documents[sources.platform.file] = sources.platform
    audit.files_loaded(documents.values())
    return Project(
        platform, version, tuple(tenants), sources.platform, tuple(problems), tenant_files,
        files_checked=len(sources.tenants) + len(sources.failed_files),
        documents=documents,
        sees_tenant_folder=any(path.is_dir() for path in (*paths, *context_paths)),
        platform_file=display_path(config) if config is not None else None,
        shared_templates=shared,
    )


def _shared_templates(
    platform: Platform, doc: SourceDocument | None, config: Path | None, version: Version
) -> SharedTemplates:
    """receivers.yaml's ``templates.files``, read and checked for the target version (load problems inside)."""
    from receivers_cli.loading.platform_templates import load_platform_templates
    from receivers_cli.render.platform_templates import analyse

    files, problems = load_platform_templates(platform.templates.files, doc, config)
    shared = analyse(files, version)
    return replace(shared, problems=(*problems, *shared.problems)) if problems else shared


def check_tenant(
    source: TenantSource, *, schema: bool = True, types: bool = True
) -> tuple[CheckedTenant | None, list[Problem]]:
    """One tenant through the structure stages: JSON Schema, then (with ``types``) the models.

    Returns the typed tenant when every stage passed, and the problems of the first that failed.
    """
    from receivers_cli.validation import schema_check

    structure = schema_check.check_document(source.doc, schema_check.TENANT) if schema else []
    if structure or not types:
        return None, structure
    try:
        body = source.body if source.body is not None else {}
        return CheckedTenant(source, parse_model(Tenant, body, source.doc, (source.id,))), []
    except ProblemsError as exc:
        return None, exc.problems


def _target_version(
    platform: Platform, doc: SourceDocument | None, override: str | None
) -> tuple[Version, Problem | None]:
    text = override or platform.alertmanager_version
    try:
        return parse_version(text), None
    except ValueError as exc:
        if override is None and doc is not None:
            return parse_version("0.34"), doc.problem(
                ("alertmanager_version",), R012, str(exc), "write the version as X.Y, e.g. 0.25"
            )
        raise ProblemsError([Problem("--alertmanager-version", 0, 0, R012, str(exc), "e.g. 0.25")]) from None


def load_checked_project(
    paths: Sequence[Path], config: Path | None = None, *, alertmanager_version: str | None = None
) -> Project:
    """A project for questions about routing (``routes``, ``test``, ``diff``): loaded and checked at
    the standard level, structure through the models only; raises :class:`ProblemsError` on errors."""
    project = load_project(paths, config, alertmanager_version=alertmanager_version, schema=False)
    project = validated(project, ValidationLevel.STANDARD)
    errors = project.errors()
    if errors:
        raise ProblemsError(errors)
    return project


def load_healthy_project(
    paths: Sequence[Path], config: Path | None = None, *, alertmanager_version: str | None = None
) -> tuple[Project, list[Problem]]:
    """Like :func:`load_checked_project`, but one broken tenant does not stop questions about the
    others: the project keeps only the tenants whose files have no error, and the errors come back
    beside it. Errors of the platform file (or of an option) still raise: every answer depends on it."""
    project = load_project(paths, config, alertmanager_version=alertmanager_version, schema=False)
    project = validated(project, ValidationLevel.STANDARD)
    errors = project.errors()
    broken = set(project.tenant_errors(errors))
    return replace(project, tenants=tuple(t for t in project.tenants if t.doc.file not in broken)), errors
