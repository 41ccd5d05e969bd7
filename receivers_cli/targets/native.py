"""The native target: one merged ``alertmanager.yml`` with ``templates/``, ``manifest.json`` and,
by its secret policy, values inline or in secret files (``--secrets-dir``, secret-free ``--secrets-mount``).

Orchestrates resolve → build → emit for the folder ``receivers render`` writes today.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from receivers_cli import __version__, audit
from receivers_cli.alertmanager.routing import routing_part
from receivers_cli.alertmanager.versions import format_version
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.isolation import naming
from receivers_cli.render.build import BuildResult, BuildTenant, build
from receivers_cli.render.layout import CONFIG_FILE, MANIFEST_FILE
from receivers_cli.render.manifest import Input, manifest_json
from receivers_cli.render.resolve import Decrypt, Resolver, SecretValues
from receivers_cli.render.resolve_project import defer_platform, defer_tenant, resolve_platform, resolve_tenant
from receivers_cli.render.yaml_emit import dump
from receivers_cli.secrets.redact import Secret
from receivers_cli.targets.base import Rendered, RenderOptions

if TYPE_CHECKING:
    from receivers_cli.api.project import Project
    from receivers_cli.model.platform import Platform
    from receivers_cli.render.secret_files import Deferred



class NativeTarget:
    """Today's output folder; secret policy: inline values, ``--secrets-dir`` files or secret-free.

    Layouts: ``nested`` (``templates/<tenant>.tmpl``, the default) or ``flat`` (``<tenant>.tmpl``
    beside alertmanager.yml, the ``templates:`` glob ``*.tmpl``, which Alertmanager resolves
    against the config file's folder)."""

    name = "alertmanager"

    def render(self, project: Project, options: RenderOptions) -> Rendered:
        return render_native(project, options, FLAT_GLOB_DIR if options.settings.layout == "flat" else None)


# The templates glob of the flat layout: relative, so the config file's own folder.
FLAT_GLOB_DIR = ""


def render_native(project: Project, options: RenderOptions, template_dir: str | None = None) -> Rendered:
    """The native config and its templates; with ``template_dir`` (the folder the config's
    ``templates:`` glob names, "" for the config's own) every template file is flat, ``<tenant>.tmpl``."""
    previous = options.previous_output
    if options.secrets_mount is not None:
        return _render_secret_free(project, options.env, options.decrypt, options.on_tenant_error,
                                   options.secrets_mount, options.resolve, previous,
                                   options.secrets_dir, template_dir)
    return _render_inline(project, options.env, options.decrypt, options.on_tenant_error,
                          options.secrets_dir, previous, template_dir)


def _skipped_tenant_files(project: Project, on_tenant_error: Literal["fail", "skip"]) -> dict[str, list[Problem]]:
    """The tenant files a render leaves out (``skip``), with their errors; raises on any error that
    every tenant depends on, and on any error at all with ``fail``."""
    errors = project.errors()
    skipped = project.tenant_errors(errors)
    if skipped and on_tenant_error == "fail":
        raise ProblemsError(errors)
    return skipped


def resolve_tenants(
    project: Project,
    env: Mapping[str, str],
    decrypt: Decrypt | None,
    on_tenant_error: Literal["fail", "skip"],
) -> tuple[Platform, dict[str, Any], list[BuildTenant], dict[str, list[Problem]], SecretValues]:
    """Every tenant that renders, resolved (values real), with the platform; the skipped ones' errors."""
    skipped = _skipped_tenant_files(project, on_tenant_error)

    secrets = SecretValues()
    resolver = Resolver(env, secrets, audit.audited_decrypt(decrypt), variables=project.platform.variables)
    platform, platform_configs = resolve_platform(project, resolver)
    build_tenants: list[BuildTenant] = []
    for tenant in project.tenants:
        if tenant.doc.file in skipped:
            continue
        before = len(resolver.problems)
        built = resolve_tenant(tenant, resolver, project.version, platform)
        if len(resolver.problems) > before and on_tenant_error == "skip":
            skipped[tenant.doc.file] = [secrets.mask_problem(p) for p in resolver.problems[before:]]
            del resolver.problems[before:]
            continue
        build_tenants.append(built)
    if resolver.problems:
        raise ProblemsError([secrets.mask_problem(p) for p in resolver.problems])
    return platform, dict(platform_configs), build_tenants, skipped, secrets


def _render_inline(
    project: Project,
    env: Mapping[str, str],
    decrypt: Decrypt | None,
    on_tenant_error: Literal["fail", "skip"],
    secrets_dir: Path | None,
    previous_output: Path | None = None,
    template_dir: str | None = None,
) -> Rendered:
    platform, platform_configs, build_tenants, skipped, secrets = resolve_tenants(project, env, decrypt,
                                                                                  on_tenant_error)
    result = build(platform, project.version, build_tenants, platform_configs,
                   shared_templates=project.shared_templates)
    secret_files = (
        _externalize(project, build_tenants, result.config, str(secrets_dir.absolute())) if secrets_dir else {}
    )
    key_ids: Mapping[str, set[str]] = getattr(decrypt, "key_ids", {})
    return _rendered(project, build_tenants, result, skipped, secrets, secret_files, key_ids,
                     previous_output, secrets_dir, template_dir)


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
    template_dir: str | None = None,
) -> Rendered:
    carried_inputs: list[Input] = []
    carried: dict[str, str] = {}
    if skipped:
        key_ids, carried = _carry_skipped(project, skipped, result, previous_output, secrets_dir, secret_files,
                                          carried_inputs, key_ids)
    if template_dir is not None:
        flatten_templates(result, template_dir)
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
    inputs += [Input(f.file, f.sha256) for f in project.shared_templates.files]
    files[MANIFEST_FILE] = manifest_json(project.version, inputs, files, key_ids, sorted(secret_files))
    return Rendered(
        files, [t.id for t in build_tenants], skipped, secrets, secret_files, routing_part(result.config),
        result.config, carried,
    )


def flatten_templates(result: BuildResult, template_dir: str) -> None:
    """Template files flat (``<tenant>.tmpl``), and the ``templates:`` glob on ``template_dir``.

    The glob keeps matching exactly the files written: a copy of the nested layout flattened by
    hand would keep ``templates/*.tmpl``, which matches nothing, and amtool would still say SUCCESS."""
    result.templates = {name.rsplit("/", 1)[-1]: text for name, text in result.templates.items()}
    if "templates" in result.config:
        glob = f"*{naming.TEMPLATE_SUFFIX}"
        result.config["templates"] = [f"{template_dir.rstrip('/')}/{glob}" if template_dir else glob]


def _carry_skipped(
    project: Project, skipped: Mapping[str, list[Problem]], result: BuildResult, previous_output: Path | None,
    secrets_dir: Path | None, secret_files: dict[str, Secret], inputs: list[Input],
    key_ids: Mapping[str, set[str]],
) -> tuple[Mapping[str, set[str]], dict[str, str]]:
    """Keep each skipped tenant's last good rendering (see render/carry_over.py); its manifest
    records, key ids and (with ``secrets_dir``) secret files come along from the previous output."""
    from receivers_cli.render.carry_over import Previous, carry_over, read_previous

    tenants = project.broken_tenants([p for problems in skipped.values() for p in problems])
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
    template_dir: str | None = None,
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
        tenants = tuple(t for t in tenants if t.id in set(full.tenants))
    else:
        skipped = _skipped_tenant_files(project, on_tenant_error)
        tenants = tuple(t for t in tenants if t.doc.file not in skipped)
    deferred = Deferred()
    platform, platform_configs = defer_platform(project, deferred)
    build_tenants = [defer_tenant(t, deferred) for t in tenants]
    result = build(platform, project.version, build_tenants, platform_configs,
                   shared_templates=project.shared_templates)
    secret_files = _externalize(project, build_tenants, result.config, mount, values, deferred)
    return _rendered(project, build_tenants, result, skipped, secrets, secret_files, deferred.key_ids,
                     previous_output, secrets_dir, template_dir)
