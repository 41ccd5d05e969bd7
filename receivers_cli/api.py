"""The typed Python API the CLI is a thin layer over: load → validate → resolve → build → emit.

    project = load_project([Path("tenants")], Path("receivers.yaml"))
    problems = validate_project(project, ValidationLevel.STANDARD)
    rendered = render_project(project, env=os.environ)
    write_output(rendered.files, Path("rendered"))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from receivers_cli import __version__, audit, integrations
from receivers_cli.alertmanager.global_fields import GLOBAL
from receivers_cli.alertmanager.versions import Version, format_version, parse_version
from receivers_cli.codes import R012, R110, R122
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.integrations.base import check_config, check_kind
from receivers_cli.loading.project import TenantSource, discover_tenant_files, load_sources
from receivers_cli.loading.yaml_source import SourceDocument, display_path
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant
from receivers_cli.render.build import BuildResult, BuildTenant, build
from receivers_cli.render.manifest import Input, manifest_json
from receivers_cli.render.resolve import Decrypt, Resolver, SecretValues, scrub
from receivers_cli.render.yaml_emit import dump
from receivers_cli.routing_view import routing_part
from receivers_cli.secrets.redact import Secret
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import rules_for
from receivers_cli.validation.structure import parse_model

if TYPE_CHECKING:
    from receivers_cli.render.secret_files import Deferred

CONFIG_FILE = "alertmanager.yml"
MANIFEST_FILE = "manifest.json"


@dataclass
class Project:
    """A loaded config repository: platform settings, structurally valid tenants, problems so far."""

    platform: Platform
    version: Version
    tenants: list[CheckedTenant]
    platform_doc: SourceDocument | None = None
    problems: list[Problem] = field(default_factory=list)
    tenant_files: dict[str, list[str]] = field(default_factory=dict)
    files_checked: int = 0
    documents: dict[str, SourceDocument] = field(default_factory=dict)
    # Whether a folder of tenant files was seen (checked or as context): then every tenant id is known.
    sees_tenant_folder: bool = False
    _receiver_index: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    # The platform file as named in problems, also when it failed to load (then platform_doc is None).
    platform_file: str | None = None

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
        if any(p.file in shared or p.file.startswith("--") for p in errors):
            raise ProblemsError(list(errors))
        by_file: dict[str, list[Problem]] = {}
        for problem in errors:
            by_file.setdefault(problem.file, []).append(problem)
        return by_file


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
    types = (level or ValidationLevel(platform.validation_level)).includes(ValidationLevel.STANDARD)
    tenants: list[CheckedTenant] = []
    tenant_files: dict[str, list[str]] = {}
    checked = {source.file for source in sources.tenants} | set(sources.failed_files)
    for path in discover_tenant_files(list(context_paths)):
        file = display_path(path)
        if file not in checked:
            tenant_files.setdefault(path.stem, []).append(file)
    for source in sources.tenants:
        tenant_files.setdefault(source.id, []).append(source.file)
        checked_tenant, found = check_tenant(source, schema=schema, types=types)
        problems.extend(found)
        if checked_tenant is not None:
            tenants.append(checked_tenant)
    project = Project(platform, version, tenants, sources.platform, problems, tenant_files)
    project.platform_file = display_path(config) if config is not None else None
    project.files_checked = len(sources.tenants) + len(sources.failed_files)
    project.sees_tenant_folder = any(path.is_dir() for path in (*paths, *context_paths))
    project.documents = {source.file: source.doc for source in sources.tenants}
    if sources.platform is not None:
        project.documents[sources.platform.file] = sources.platform
    audit.files_loaded(project.documents.values())
    return project


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


def validate_project(project: Project, level: ValidationLevel = ValidationLevel.STANDARD) -> list[Problem]:
    """Run the semantic rules of ``level``; return every problem of the project, sorted."""
    from receivers_cli.validation import integration_check
    from receivers_cli.validation.redaction import redact

    if level.includes(ValidationLevel.STANDARD):
        ctx = RuleContext(project.platform, project.version, project.tenants, project.tenant_files)
        project.problems.extend(integration_check.check(ctx))
        for rule in rules_for(level):
            if rule.check is not None:
                project.problems.extend(rule.check(ctx))
        project.problems.extend(_platform_problems(project))
    project.problems = sorted(set(redact(project.problems, project.documents)))
    return project.problems


def _platform_problems(project: Project) -> list[Problem]:
    platform, doc = project.platform, project.platform_doc
    if doc is None:
        return []
    from receivers_cli.validation.variable_grants import platform_problems

    known = set(project.tenant_files) if project.sees_tenant_folder else None
    problems: list[Problem] = list(platform_problems(platform, doc, known))
    for issue in check_kind(GLOBAL, platform.global_, ("global",), project.version, allow_files=True):
        problems.append(doc.problem(issue.path, issue.rule, issue.message, issue.hint, at_key=issue.at_key))
    names = [r.name for r in platform.receivers]
    for i, receiver in enumerate(platform.receivers):
        integration = integrations.get(receiver.channel_type)
        if integration is None:
            problems.append(doc.problem(("receivers", i, "channel_type"), R110,
                                        f"unknown channel_type {receiver.channel_type!r}",
                                        "see `receivers integrations list`"))
            continue
        for issue in check_config(integration, receiver.config, project.version, platform.global_,
                                  allow_file_fields=True):
            problems.append(doc.problem(("receivers", i, "config", *issue.path), issue.rule, issue.message,
                                        issue.hint, at_key=issue.at_key))
    from receivers_cli.validation.rules import severity_unknown

    problems.extend(severity_unknown.platform_problems(platform, doc))
    wanted: list[tuple[tuple[str | int, ...], str]] = []
    if platform.default_receiver:
        wanted.append((("default_receiver",), platform.default_receiver))
    wanted += [(("observers", i, "receiver"), o.receiver) for i, o in enumerate(platform.observers)]
    for path, name in wanted:
        if name not in names:
            problems.append(doc.problem(path, R122, f"platform receiver {name!r} is not defined",
                                        "add it under receivers: in receivers.yaml"))
    return problems


@dataclass
class Rendered:
    """The files a render writes (relative path → text), and what it left out."""

    files: dict[str, str]
    tenants: list[str]
    skipped: dict[str, list[Problem]] = field(default_factory=dict)
    secrets: SecretValues = field(default_factory=SecretValues)
    secret_files: dict[str, Secret] = field(default_factory=dict)  # --secrets-dir: file name → value
    # The routing part of the config (route, inhibit rules, time intervals, receiver names; no settings).
    routing: dict[str, Any] = field(default_factory=dict)
    # The native config as emitted (values inline unless externalized); never printed.
    config: dict[str, Any] = field(default_factory=dict, repr=False)
    # skip: tenant → "" when its last good rendering was kept, else why it now has no routes.
    carried: dict[str, str] = field(default_factory=dict)


def render_project(
    project: Project,
    *,
    env: Mapping[str, str],
    decrypt: Decrypt | None = None,
    on_tenant_error: Literal["fail", "skip"] = "fail",
    secrets_dir: Path | None = None,
    secrets_mount: str | None = None,
    resolve: bool = True,
    previous_output: Path | None = None,
) -> Rendered:
    """Resolve and build every valid tenant into the output files.

    Raises :class:`ProblemsError` when the platform file has errors, or when any tenant has one and
    ``on_tenant_error`` is ``fail``. With ``skip``, tenants with errors are left out and named;
    each keeps its last good rendering from ``previous_output`` where there is one
    (``Rendered.carried`` says which). With ``secrets_dir``, secret values go to
    ``Rendered.secret_files``, referenced by ``*_file`` at the folder's absolute path. With
    ``secrets_mount`` (secret-free mode) the config references ``<secrets_mount>/<file>`` and never
    depends on a value; ``resolve=False`` then builds it with no key and no environment
    (``Rendered.secret_files`` holds names only, with literal values).
    """
    if secrets_mount is not None:
        rendered = _render_secret_free(project, env, decrypt, on_tenant_error, secrets_mount, resolve,
                                       previous_output, secrets_dir)
    else:
        rendered = _render_inline(project, env, decrypt, on_tenant_error, secrets_dir, previous_output)
    audit.rendered(rendered.tenants, rendered.files, rendered.secret_files)
    return rendered


def _skipped_tenant_files(project: Project, on_tenant_error: Literal["fail", "skip"]) -> dict[str, list[Problem]]:
    """The tenant files a render leaves out (``skip``), with their errors; raises on any error that
    every tenant depends on, and on any error at all with ``fail``."""
    errors = project.errors()
    skipped = project.tenant_errors(errors)
    if skipped and on_tenant_error == "fail":
        raise ProblemsError(errors)
    return skipped


def _render_inline(
    project: Project,
    env: Mapping[str, str],
    decrypt: Decrypt | None,
    on_tenant_error: Literal["fail", "skip"],
    secrets_dir: Path | None,
    previous_output: Path | None = None,
) -> Rendered:
    skipped = _skipped_tenant_files(project, on_tenant_error)

    secrets = SecretValues()
    resolver = Resolver(env, secrets, audit.audited_decrypt(decrypt), variables=project.platform.variables)
    platform, platform_configs = _resolve_platform(project, resolver)
    build_tenants: list[BuildTenant] = []
    for tenant in project.tenants:
        if tenant.doc.file in skipped:
            continue
        before = len(resolver.problems)
        built = _resolve_tenant(tenant, resolver, project.version, platform)
        if len(resolver.problems) > before and on_tenant_error == "skip":
            skipped[tenant.doc.file] = [secrets.mask_problem(p) for p in resolver.problems[before:]]
            del resolver.problems[before:]
            continue
        build_tenants.append(built)
    if resolver.problems:
        raise ProblemsError([secrets.mask_problem(p) for p in resolver.problems])

    result = build(platform, project.version, build_tenants, platform_configs)
    secret_files = (
        _externalize(project, build_tenants, result.config, str(secrets_dir.absolute())) if secrets_dir else {}
    )
    key_ids: Mapping[str, set[str]] = getattr(decrypt, "key_ids", {})
    return _rendered(project, build_tenants, result, skipped, secrets, secret_files, key_ids,
                     previous_output, secrets_dir)


def _rendered(
    project: Project,
    build_tenants: list[BuildTenant],
    result: BuildResult,
    skipped: dict[str, list[Problem]],
    secrets: SecretValues,
    secret_files: dict[str, Secret],
    key_ids: Mapping[str, set[str]],
    previous_output: Path | None = None,
    secrets_dir: Path | None = None,
) -> Rendered:
    carried_inputs: list[Input] = []
    carried: dict[str, str] = {}
    if skipped:
        key_ids, carried = _carry_skipped(project, skipped, result, previous_output, secrets_dir, secret_files,
                                          carried_inputs, key_ids)
    kept = sorted(t for t, why in carried.items() if not why)
    header = (
        f"Generated by receivers {__version__} for Alertmanager {format_version(project.version)} "
        f"from {len(build_tenants)} tenant files"
        + (f" (and the last good rendering of {', '.join(kept)})" if kept else "")
        + ". Do not edit: change the tenant files and render again."
    )
    files = {CONFIG_FILE: dump(result.config, header=header), **result.templates}
    rendered_ids = {t.id for t in build_tenants}
    inputs = [Input(t.doc.file, t.doc.sha256, t.id) for t in project.tenants if t.id in rendered_ids]
    inputs += carried_inputs
    if project.platform_doc is not None:
        inputs.append(Input(project.platform_doc.file, project.platform_doc.sha256))
    files[MANIFEST_FILE] = manifest_json(project.version, inputs, files, key_ids, sorted(secret_files))
    return Rendered(
        files, [t.id for t in build_tenants], skipped, secrets, secret_files, routing_part(result.config),
        result.config, carried,
    )


def _carry_skipped(
    project: Project, skipped: Mapping[str, list[Problem]], result: BuildResult, previous_output: Path | None,
    secrets_dir: Path | None, secret_files: dict[str, Secret], inputs: list[Input],
    key_ids: Mapping[str, set[str]],
) -> tuple[Mapping[str, set[str]], dict[str, str]]:
    """Keep each skipped tenant's last good rendering (see render/carry_over.py); its manifest
    records, key ids and (with ``secrets_dir``) secret files come along from the previous output."""
    from receivers_cli.render.carry_over import Previous, carry_over, read_previous

    tenants = broken_tenants(project, [p for problems in skipped.values() for p in problems])
    previous = read_previous(previous_output) if previous_output else Previous(None, None, {}, Path("."))
    done = carry_over(result.config, result.templates, tenants, previous,
                      tenant_label=project.platform.tenant_label, version=project.version)
    merged = {k: set(v) for k, v in key_ids.items()}
    for tenant, records in done.carried.items():
        for record in records:
            inputs.append(Input(str(record.get("file", "")), str(record.get("sha256", "")), tenant))
            merged.setdefault(tenant, set()).update(str(k) for k in record.get("key_ids") or [])
        if secrets_dir is not None and secrets_dir.is_dir():
            # The secrets folder is replaced as a whole: the kept receivers' files must come along.
            folder = secrets_dir / tenant
            for path in sorted(folder.rglob("*")) if folder.is_dir() and not folder.is_symlink() else []:
                if path.is_file() and not path.is_symlink():
                    secret_files[path.relative_to(secrets_dir).as_posix()] = Secret(path.read_text("utf-8"))
    return merged, {**{t: "" for t in done.carried}, **done.not_carried}


def _externalize(
    project: Project,
    tenants: list[BuildTenant],
    config: dict[str, Any],
    mount: str,
    values: Mapping[str, Any] | None = None,
    deferred: Deferred | None = None,
) -> dict[str, Secret]:
    from receivers_cli.render.secret_files import externalize, receiver_sources

    built = {t.id for t in tenants}
    sources = receiver_sources(
        project.platform_doc,
        [r.name for r in project.platform.receivers],
        [(t.id, t.doc, [r.name for r in t.model.receivers]) for t in project.tenants if t.id in built],
    )
    global_source = (project.platform_doc, ("global",)) if project.platform_doc else None
    return externalize(config, project.version, mount, sources, values=values, deferred=deferred,
                       global_source=global_source)


def _render_secret_free(
    project: Project,
    env: Mapping[str, str],
    decrypt: Decrypt | None,
    on_tenant_error: Literal["fail", "skip"],
    mount: str,
    resolve: bool,
    previous_output: Path | None = None,
    secrets_dir: Path | None = None,
) -> Rendered:
    """Secret-free mode: the config is built from stand-ins of every ENC[...] / ${VAR} value, so
    it is the same with or without a key; with ``resolve``, a second ordinary build gives the file
    contents (and runs every check that needs the values)."""
    from receivers_cli.render.secret_files import Deferred

    tenants = project.tenants
    skipped: dict[str, list[Problem]] = {}
    secrets = SecretValues()
    values: dict[str, Any] | None = None
    if resolve:
        full = _render_inline(project, env, decrypt, on_tenant_error, None)
        skipped, secrets, values = full.skipped, full.secrets, full.config
        tenants = [t for t in tenants if t.id in set(full.tenants)]
    else:
        skipped = _skipped_tenant_files(project, on_tenant_error)
        tenants = [t for t in tenants if t.doc.file not in skipped]
    deferred = Deferred()
    platform, platform_configs = _defer_platform(project, deferred)
    build_tenants = [_defer_tenant(t, deferred) for t in tenants]
    result = build(platform, project.version, build_tenants, platform_configs)
    secret_files = _externalize(project, build_tenants, result.config, mount, values, deferred)
    return _rendered(project, build_tenants, result, skipped, secrets, secret_files, deferred.key_ids,
                     previous_output, secrets_dir)


def _defer_tenant(tenant: CheckedTenant, deferred: Deferred) -> BuildTenant:
    configs = {
        receiver.name: deferred.tree(receiver.config, tenant.doc, (tenant.id, "receivers", i, "config"), tenant.id)
        for i, receiver in enumerate(tenant.model.receivers)
        if receiver.enabled and integrations.get(receiver.channel_type) is not None
    }
    return BuildTenant(tenant.id, tenant.model, configs)


def _defer_platform(project: Project, deferred: Deferred) -> tuple[Platform, dict[str, dict[str, object]]]:
    doc = project.platform_doc
    if doc is None:
        return project.platform, {}
    configs = {
        r.name: deferred.tree(r.config, doc, ("receivers", i, "config"), "_platform")
        for i, r in enumerate(project.platform.receivers)
    }
    if not project.platform.global_:
        return project.platform, configs
    resolved_global = deferred.tree(dict(project.platform.global_), doc, ("global",), "_platform")
    return project.platform.model_copy(update={"global_": resolved_global}), configs


def _resolve_tenant(tenant: CheckedTenant, resolver: Resolver, version: Version, platform: Platform) -> BuildTenant:
    configs = {}
    for i, receiver in enumerate(tenant.model.receivers):
        if not receiver.enabled:
            continue
        integration = integrations.get(receiver.channel_type)
        if integration is None:
            continue
        base = (tenant.id, "receivers", i, "config")
        problems_before, values_before = len(resolver.problems), len(resolver.substituted)
        resolved = resolver.resolve_tree(
            receiver.config, tenant.doc, base, (tenant.id, receiver.name), frozenset(integration.secret_paths()),
            tenant=tenant.id,
        )
        # Values that came from ${VAR} or ENC[...] are checked now that they are known; the
        # messages may quote them, so they are scrubbed (or replaced when a value would still show).
        if resolved != receiver.config and len(resolver.problems) == problems_before:
            issues = check_config(integration, resolved, version, platform.global_)
            _report_substituted(resolver, tenant.doc, base, issues, resolver.substituted[values_before:])
        configs[receiver.name] = resolved
    return BuildTenant(tenant.id, tenant.model, configs)


def _report_substituted(
    resolver: Resolver, doc: SourceDocument, base: tuple[str | int, ...], issues: Iterable[Any],
    values: Sequence[str],
) -> None:
    """Problems found in values that came from ``${VAR}`` or ``ENC[...]``, now known. The messages
    may quote them, so they are scrubbed (or replaced when a value would still show)."""

    for issue in issues:
        where = ".".join(str(part) for part in issue.path) or "config"
        message = scrub(f"{issue.message} (after substitution)", values)
        hint = scrub(issue.hint, values)
        resolver.problems.append(
            doc.problem(
                (*base, *issue.path), issue.rule,
                message or f"{where}: the substituted value is not valid here (value not shown)",
                hint if hint is not None else "check the variable's value or the encrypted secret",
                at_key=issue.at_key,
            )
        )


def _resolve_platform(project: Project, resolver: Resolver) -> tuple[Platform, dict[str, dict[str, object]]]:
    """The platform settings with ``global`` resolved (for this render only; the project keeps the
    unresolved ones) and each platform receiver's resolved config."""
    doc = project.platform_doc
    if doc is None:
        return project.platform, {}
    # The platform's ${VAR} and ENC[...] values get the same checks as a tenant's once known.
    resolved_global: dict[str, Any] = dict(project.platform.global_ or {})
    if project.platform.global_:
        # Bound like a receiver named _global of the _platform owner (no receiver name starts with "_").
        before, values_before = len(resolver.problems), len(resolver.substituted)
        resolved_global = resolver.resolve_tree(
            dict(project.platform.global_), doc, ("global",), ("_platform", "_global"), tenant=None
        )
        if resolved_global != project.platform.global_ and len(resolver.problems) == before:
            issues = check_kind(GLOBAL, resolved_global, (), project.version, allow_files=True)
            _report_substituted(resolver, doc, ("global",), issues, resolver.substituted[values_before:])
    configs = {}
    for i, receiver in enumerate(project.platform.receivers):
        integration = integrations.get(receiver.channel_type)
        secret_paths = frozenset(integration.secret_paths()) if integration else frozenset()
        base = ("receivers", i, "config")
        before, values_before = len(resolver.problems), len(resolver.substituted)
        configs[receiver.name] = resolver.resolve_tree(
            receiver.config, doc, base, ("_platform", receiver.name), secret_paths, tenant=None,
        )
        if integration is not None and configs[receiver.name] != receiver.config and len(resolver.problems) == before:
            checked = check_config(integration, configs[receiver.name], project.version, resolved_global,
                                  allow_file_fields=True)
            _report_substituted(resolver, doc, base, checked, resolver.substituted[values_before:])
    if not project.platform.global_:
        return project.platform, configs
    return project.platform.model_copy(update={"global_": resolved_global}), configs


def load_checked_project(
    paths: Sequence[Path], config: Path | None = None, *, alertmanager_version: str | None = None
) -> Project:
    """A project for questions about routing (``routes``, ``test``, ``diff``): loaded and checked at
    the standard level, structure through the models only; raises :class:`ProblemsError` on errors."""
    project = load_project(paths, config, alertmanager_version=alertmanager_version, schema=False)
    errors = [p for p in validate_project(project, ValidationLevel.STANDARD) if p.severity is Severity.ERROR]
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
    errors = [p for p in validate_project(project, ValidationLevel.STANDARD) if p.severity is Severity.ERROR]
    broken = set(project.tenant_errors(errors))
    project.tenants = [t for t in project.tenants if t.doc.file not in broken]
    return project, errors


def broken_tenants(project: Project, errors: Sequence[Problem]) -> list[str]:
    """The tenant ids whose files have errors (by the file's stem when it did not even load)."""
    files = {p.file for p in errors}
    ids = {tenant for tenant, names in project.tenant_files.items() if files.intersection(names)}
    ids |= {Path(f).stem for f in files if Path(f).suffix.lower() in (".yaml", ".yml") and not any(
        f in names for names in project.tenant_files.values())}
    return sorted(ids)


def preview_build(project: Project) -> BuildResult:
    """The config and templates as a render would build them, without any receiver settings.

    Receivers keep their settings as written, unresolved: ``${VAR}`` and ``ENC[...]`` stay as they
    are, so no environment and no key are needed, and every integration (vendor translations
    included) builds as it does in a render. Use this for routing questions (``receivers routes``,
    ``receivers test``, ``receivers diff``), never as output.
    """
    tenants = [
        BuildTenant(t.id, t.model, {r.name: r.config for r in t.model.receivers if r.enabled})
        for t in project.tenants
    ]
    return build(project.platform, project.version, tenants, {r.name: r.config for r in project.platform.receivers})


def preview_config(project: Project) -> dict[str, Any]:
    """The native config of :func:`preview_build`."""
    return preview_build(project).config


def receiver_source(project: Project, receiver: str) -> str:
    """``file:line`` of the tenant (or platform) receiver behind a rendered receiver name.

    Looked up in an index built once per project: views ask this for every receiver, and a scan
    per question made a tenant with 10,000 receivers quadratic.
    """
    index = project._receiver_index
    if index is None:
        index = project._receiver_index = _receiver_index(project)
    owner = receiver.partition("/")[0]
    found = index.get(receiver)
    if found is not None:
        return found
    return index.get(owner + "/", "") if owner != "_platform" else ""


def _receiver_index(project: Project) -> dict[str, str]:
    """Rendered receiver name → ``file:line``; ``<tenant>/`` → the tenant's own line (first wins)."""
    index: dict[str, str] = {}
    seen: set[str] = set()
    for tenant in project.tenants:
        if tenant.id in seen:
            continue  # the first tenant file with an id answers for it
        seen.add(tenant.id)
        pos = tenant.doc.locate((tenant.id,), at_key=True)
        index[tenant.id + "/"] = f"{tenant.doc.file}:{pos.line}"
        for i, spec in enumerate(tenant.model.receivers):
            line = tenant.doc.locate((tenant.id, "receivers", i), at_key=False).line
            index.setdefault(f"{tenant.id}/{spec.name}", f"{tenant.doc.file}:{line}")
    doc = project.platform_doc
    if doc is not None and "_platform" not in seen:
        for i, spec in enumerate(project.platform.receivers):
            index.setdefault(f"_platform/{spec.name}", f"{doc.file}:{doc.locate(('receivers', i)).line}")
    return index
