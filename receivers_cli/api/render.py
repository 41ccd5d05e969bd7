"""Stages 3-5, resolve → build → emit, handed to an output target (receivers_cli/targets)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from receivers_cli import audit, targets
from receivers_cli.api.project import Project
from receivers_cli.api.validate import validated
from receivers_cli.render.resolve import Decrypt
from receivers_cli.targets.base import Rendered, RenderOptions, TargetSettings
from receivers_cli.validation.levels import ValidationLevel


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
    target: str = targets.DEFAULT,
    settings: TargetSettings | None = None,
) -> Rendered:
    """Resolve and build every valid tenant into the output files of ``target`` (default: native).

    Raises :class:`ProblemsError` when the platform file has errors, or when any tenant has one and
    ``on_tenant_error`` is ``fail``. With ``skip``, tenants with errors are left out and named;
    each keeps its last good rendering from ``previous_output`` where there is one
    (``Rendered.carried`` says which). With ``secrets_dir``, secret values go to
    ``Rendered.secret_files``, referenced by ``*_file`` at the folder's absolute path. With
    ``secrets_mount`` (secret-free mode) the config references ``<secrets_mount>/<file>`` and never
    depends on a value; ``resolve=False`` then builds it with no key and no environment
    (``Rendered.secret_files`` holds names only, with literal values). ``target`` is one of
    ``targets.names()``; ``settings`` holds the options only some targets read (layout, Kubernetes
    Secret name, Mimir limits).
    """
    if project.validated_at is None or not project.validated_at.includes(ValidationLevel.STANDARD):
        # Never render what the rules have not seen: a project straight from load_project (or one
        # whose caller validated it without keeping the result) is validated here, at the
        # platform's level and at least the standard one, as `receivers render` does.
        level = ValidationLevel(project.platform.validation_level)
        project = validated(project, level if level.includes(ValidationLevel.STANDARD) else ValidationLevel.STANDARD)
    options = RenderOptions(env, decrypt, on_tenant_error, secrets_dir, secrets_mount, resolve, previous_output,
                            settings or TargetSettings())
    rendered = targets.get(target).render(project, options)
    audit.rendered(rendered.tenants, rendered.files, rendered.secret_files)
    return rendered
