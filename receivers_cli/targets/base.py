"""What every output target is: a name and ``render(project, options) -> Rendered``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from receivers_cli.errors import Problem
from receivers_cli.render.resolve import Decrypt, SecretValues
from receivers_cli.secrets.redact import Secret

if TYPE_CHECKING:
    from receivers_cli.api.project import Project


@dataclass(frozen=True)
class TargetSettings:
    """What only some targets read: the folder layout, the Kubernetes Secret, Mimir's limits."""

    layout: Literal["nested", "flat"] = "nested"  # alertmanager: templates/ or beside the config
    name: str = "alertmanager-main"  # kubernetes: the Secret's name (the operator's configSecret)
    namespace: str = "monitoring"  # kubernetes: its namespace
    # mimir: the tenant limits configured there (0: no limit), as -alertmanager.max-* flags name them
    max_config_size: int = 0
    max_templates: int = 0
    max_template_size: int = 0


@dataclass(frozen=True)
class RenderOptions:
    """How to render (see :func:`receivers_cli.api.render_project` for each option)."""

    env: Mapping[str, str]
    decrypt: Decrypt | None = None
    on_tenant_error: Literal["fail", "skip"] = "fail"
    secrets_dir: Path | None = None
    secrets_mount: str | None = None
    resolve: bool = True
    previous_output: Path | None = None
    settings: TargetSettings = field(default_factory=TargetSettings)


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
    # The files that hold secret values when the render resolved any inline (written 0600).
    private_files: frozenset[str] = frozenset({"alertmanager.yml"})
    # What the user should know about the output that is no problem of the input (printed on stderr).
    notes: list[str] = field(default_factory=list)


class Target(Protocol):
    """An output shape. ``render`` raises :class:`~receivers_cli.errors.ProblemsError` on errors it
    does not skip, and returns every file it writes (relative path → text) in ``Rendered.files``."""

    name: str

    def render(self, project: Project, options: RenderOptions) -> Rendered: ...
