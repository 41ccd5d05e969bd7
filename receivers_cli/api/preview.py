"""Build without resolving: the config as a render would build it, for routing questions only."""

from __future__ import annotations

from typing import Any

from receivers_cli.api.project import Project
from receivers_cli.render.build import BuildResult, BuildTenant, build


def preview_build(project: Project, *, templates: bool = True) -> BuildResult:
    """The config and templates as a render would build them, without any receiver settings.

    Receivers keep their settings as written, unresolved: ``${VAR}`` and ``ENC[...]`` stay as they
    are, so no environment and no key are needed, and every integration (vendor translations
    included) builds as it does in a render. Use this for routing questions (``receivers routes``,
    ``receivers test``, ``receivers diff``), never as output. ``templates=False`` skips the
    templates (no file, no reference in receiver settings) where only routes and names are used.
    """
    tenants = [
        BuildTenant(t.id, t.model, {r.name: r.config for r in t.model.receivers if r.enabled})
        for t in project.tenants
    ]
    return build(project.platform, project.version, tenants, {r.name: r.config for r in project.platform.receivers},
                 shared_templates=project.shared_templates, with_templates=templates)


def preview_config(project: Project, *, templates: bool = True) -> dict[str, Any]:
    """The native config of :func:`preview_build`."""
    return preview_build(project, templates=templates).config
