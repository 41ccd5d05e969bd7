"""The typed Python API the CLI is a thin layer over: load → validate → resolve → build → emit.

    project = load_project([Path("tenants")], Path("receivers.yaml"))
    project = validated(project, ValidationLevel.STANDARD)
    rendered = render_project(project, env=os.environ)
    write_output(rendered.files, Path("rendered"))

One module per stage: ``load`` (files → :class:`Project`), ``validate`` (+ ``platform_rules``),
``render`` (resolve, build and emit through an output target of receivers_cli/targets),
``preview`` (build without values, for routing questions), ``sources`` (file:line of a name).
A :class:`Project` never changes: ``validated`` returns a new one with the problems added.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from receivers_cli.api.load import check_tenant, load_checked_project, load_healthy_project, load_project
    from receivers_cli.api.platform_rules import platform_problems
    from receivers_cli.api.preview import preview_build, preview_config
    from receivers_cli.api.project import Project, broken_tenants
    from receivers_cli.api.render import render_project
    from receivers_cli.api.sources import receiver_source
    from receivers_cli.api.validate import validate_project, validated
    from receivers_cli.render.layout import CONFIG_FILE, MANIFEST_FILE
    from receivers_cli.targets.base import Rendered, RenderOptions

# Each name loads its stage on first use: `validate` never imports render, preview or the output
# targets (Jinja, the YAML emitter), which a pre-commit hook would otherwise pay for at start-up.
_EXPORTS = {
    "check_tenant": "receivers_cli.api.load",
    "load_checked_project": "receivers_cli.api.load",
    "load_healthy_project": "receivers_cli.api.load",
    "load_project": "receivers_cli.api.load",
    "platform_problems": "receivers_cli.api.platform_rules",
    "preview_build": "receivers_cli.api.preview",
    "preview_config": "receivers_cli.api.preview",
    "Project": "receivers_cli.api.project",
    "broken_tenants": "receivers_cli.api.project",
    "render_project": "receivers_cli.api.render",
    "receiver_source": "receivers_cli.api.sources",
    "validate_project": "receivers_cli.api.validate",
    "validated": "receivers_cli.api.validate",
    "Rendered": "receivers_cli.targets.base",
    "RenderOptions": "receivers_cli.targets.base",
    "CONFIG_FILE": "receivers_cli.render.layout",
    "MANIFEST_FILE": "receivers_cli.render.layout",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "CONFIG_FILE",
    "MANIFEST_FILE",
    "Project",
    "RenderOptions",
    "Rendered",
    "broken_tenants",
    "check_tenant",
    "load_checked_project",
    "load_healthy_project",
    "load_project",
    "platform_problems",
    "preview_build",
    "preview_config",
    "receiver_source",
    "render_project",
    "validate_project",
    "validated",
]
