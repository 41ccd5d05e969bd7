"""Stage 3, resolve: each receiver's ``${VAR}`` / ``ENC[...]`` values, for one render.

``resolve_*`` put in the real values (and check what became known); ``defer_*`` put in stand-ins
(secret-free mode, where the config must not depend on any value).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from receivers_cli import integrations
from receivers_cli.alertmanager.global_fields import GLOBAL
from receivers_cli.alertmanager.versions import Version
from receivers_cli.integrations.check import check_config, check_kind
from receivers_cli.isolation import naming
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.render.build import BuildTenant
from receivers_cli.render.resolve import Resolver, scrub
from receivers_cli.validation.context import CheckedTenant

if TYPE_CHECKING:
    from receivers_cli.api.project import Project
    from receivers_cli.render.secret_files import Deferred


def resolve_tenant(tenant: CheckedTenant, resolver: Resolver, version: Version, platform: Platform) -> BuildTenant:
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
            report_substituted(resolver, tenant.doc, base, issues, resolver.substituted[values_before:])
        configs[receiver.name] = resolved
    return BuildTenant(tenant.id, tenant.model, configs)


def report_substituted(
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


def resolve_platform(project: Project, resolver: Resolver) -> tuple[Platform, dict[str, dict[str, object]]]:
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
            dict(project.platform.global_), doc, ("global",), (naming.PLATFORM, naming.GLOBAL), tenant=None
        )
        if resolved_global != project.platform.global_ and len(resolver.problems) == before:
            issues = check_kind(GLOBAL, resolved_global, (), project.version, allow_files=True)
            report_substituted(resolver, doc, ("global",), issues, resolver.substituted[values_before:])
    configs = {}
    for i, receiver in enumerate(project.platform.receivers):
        integration = integrations.get(receiver.channel_type)
        secret_paths = frozenset(integration.secret_paths()) if integration else frozenset()
        base = ("receivers", i, "config")
        before, values_before = len(resolver.problems), len(resolver.substituted)
        configs[receiver.name] = resolver.resolve_tree(
            receiver.config, doc, base, (naming.PLATFORM, receiver.name), secret_paths, tenant=None,
        )
        if integration is not None and configs[receiver.name] != receiver.config and len(resolver.problems) == before:
            checked = check_config(integration, configs[receiver.name], project.version, resolved_global,
                                  allow_file_fields=True)
            report_substituted(resolver, doc, base, checked, resolver.substituted[values_before:])
    if not project.platform.global_:
        return project.platform, configs
    return project.platform.model_copy(update={"global_": resolved_global}), configs


def defer_tenant(tenant: CheckedTenant, deferred: Deferred) -> BuildTenant:
    configs = {
        receiver.name: deferred.tree(receiver.config, tenant.doc, (tenant.id, "receivers", i, "config"), tenant.id)
        for i, receiver in enumerate(tenant.model.receivers)
        if receiver.enabled and integrations.get(receiver.channel_type) is not None
    }
    return BuildTenant(tenant.id, tenant.model, configs)


def defer_platform(project: Project, deferred: Deferred) -> tuple[Platform, dict[str, dict[str, object]]]:
    doc = project.platform_doc
    if doc is None:
        return project.platform, {}
    configs = {
        r.name: deferred.tree(r.config, doc, ("receivers", i, "config"), naming.PLATFORM)
        for i, r in enumerate(project.platform.receivers)
    }
    if not project.platform.global_:
        return project.platform, configs
    resolved_global = deferred.tree(dict(project.platform.global_), doc, ("global",), naming.PLATFORM)
    return project.platform.model_copy(update={"global_": resolved_global}), configs
