"""``receivers render``: write alertmanager.yml + templates/, or check that they are current."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import typer

from receivers_cli import audit
from receivers_cli.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_PROBLEMS,
    ConfigOption,
    LogFormat,
    TenantsOption,
    VersionOption,
    WaitOption,
    fs_errors,
)
from receivers_cli.cli.output import progress_display
from receivers_cli.isolation import naming
from receivers_cli.report import print_problems
from receivers_cli.report.words import plural, truncated

if TYPE_CHECKING:
    from receivers_cli.api import Project
    from receivers_cli.model.platform import OutputSettings
    from receivers_cli.render.resolve import Decrypt
    from receivers_cli.targets.base import TargetSettings

DEFAULT_OUT = Path("rendered")


class OnTenantError(str, Enum):
    fail = "fail"
    skip = "skip"


class SecretsMode(str, Enum):
    inline = "inline"
    files = "files"


class TargetName(str, Enum):
    alertmanager = "alertmanager"
    kubernetes = "kubernetes"
    helm = "helm"
    mimir = "mimir"


class Layout(str, Enum):
    nested = "nested"
    flat = "flat"


# A Secret's name is a DNS subdomain, its namespace a DNS label (what the API server accepts).
_K8S_NAME = r"[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?"
_K8S_NAMESPACE = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"


def render(
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    out: Path = typer.Option(
        DEFAULT_OUT, "--out", help="Output folder: absent, empty or a previous output; replaced in one atomic step."
    ),
    alertmanager_version: str | None = VersionOption,
    check: bool = typer.Option(False, "--check", help="Exit 1 with a diff when the output on disk is stale."),
    on_tenant_error: OnTenantError = typer.Option(
        OnTenantError.fail, "--on-tenant-error", help="fail: any bad tenant stops the render; skip: render the others."
    ),
    env_file: Path | None = typer.Option(
        None, "--env-file", help="KEY=VALUE file for ${VAR} references; the environment wins."
    ),
    key_file: list[Path] = typer.Option(
        [], "--key-file", help="Private key for ENC[...] values (repeatable; or RECEIVERS_KEY_FILE, RECEIVERS_KEY)."
    ),
    log_format: LogFormat | None = typer.Option(
        None, "--log-format", help="Audit events (files loaded, values decrypted, files written) to stderr: text|json."
    ),
    secrets_dir: Path | None = typer.Option(
        None, "--secrets-dir", help="Write each secret to its own 0600 file here; reference it with *_file fields."
    ),
    secrets_mode: SecretsMode | None = typer.Option(
        None, "--secrets", help="inline: values in alertmanager.yml (never commit it); files: a secret-free config "
        "referencing files (default: output.secrets in receivers.yaml, else inline).",
    ),
    secrets_mount: str | None = typer.Option(
        None, "--secrets-mount", help="Absolute path where Alertmanager sees --secrets-dir (implies --secrets files; "
        "default: output.secrets_mount).",
    ),
    wait: float = WaitOption,
    health_rules: Path | None = typer.Option(
        None, "--health-rules", help="Also write Prometheus alerting rules that fire when tenants' or the platform's "
        "receivers fail to deliver (docs/health.md); --check compares it too.",
    ),
    health_cluster_size: int | None = typer.Option(
        None, "--health-cluster-size", min=2, help="Expected Alertmanager HA peers, for the cluster rule of "
        "--health-rules (default: as many as Prometheus scrapes).",
    ),
    target: TargetName = typer.Option(
        TargetName.alertmanager, "--target", help="Output shape: alertmanager (a folder), kubernetes (a "
        "prometheus-operator config Secret), helm (kube-prometheus-stack values), mimir (an envelope per "
        "tenant). See docs/deployment.md.",
    ),
    layout: Layout | None = typer.Option(
        None, "--layout", help="alertmanager target: nested (templates/*.tmpl, the default) or flat (the "
        "templates beside alertmanager.yml, glob *.tmpl).",
    ),
    k8s_secret: str | None = typer.Option(
        None, "--k8s-secret", help="kubernetes target: the Secret's name (default alertmanager-main)."
    ),
    k8s_namespace: str | None = typer.Option(
        None, "--k8s-namespace", help="kubernetes target: the Secret's namespace (default monitoring)."
    ),
    mimir_max_config_size: int | None = typer.Option(
        None, "--mimir-max-config-size", min=0, help="mimir target: alertmanager_max_config_size_bytes "
        "(0: no limit).",
    ),
    mimir_max_templates: int | None = typer.Option(
        None, "--mimir-max-templates", min=0, help="mimir target: alertmanager_max_templates_count (0: no limit).",
    ),
    mimir_max_template_size: int | None = typer.Option(
        None, "--mimir-max-template-size", min=0, help="mimir target: alertmanager_max_template_size_bytes "
        "(0: no limit).",
    ),
) -> None:
    """Validate, resolve secrets and render alertmanager.yml plus templates/ into --out.

    With --secrets files (or output.secrets: files in receivers.yaml) alertmanager.yml references
    secret files and holds no value: render and --check then need no key and no environment, and
    only --secrets-dir (where Alertmanager runs) decrypts and writes the files.
    """
    from receivers_cli.txn import repo_lock

    mode: Literal["fail", "skip"] = "skip" if on_tenant_error is OnTenantError.skip else "fail"
    if log_format is not None:
        audit.configure(log_format.value)
    if secrets_dir is not None:
        secrets_dir = secrets_dir.absolute()  # Alertmanager reads *_file paths as written
    _check_secrets_flags(secrets_mode.value if secrets_mode else None, secrets_mount, secrets_dir)
    _check_health_flags(health_rules, health_cluster_size, out, secrets_dir)
    settings = _target_settings(target, layout, k8s_secret, k8s_namespace, mimir_max_config_size,
                                mimir_max_templates, mimir_max_template_size)
    if target is TargetName.mimir:
        _check_mimir_flags(secrets_mode, secrets_mount, secrets_dir, health_rules)
    with fs_errors():
        if not check:  # refuse a destructive --out/--secrets-dir before reading anything
            _guard(out, secrets_dir, tenants, config, key_file, env_file)
        lock, recovered = repo_lock(config, shared=True, wait=wait)
    if recovered:
        sys.stderr.write(f"{recovered}\n")
    try:
        _render(tenants, config, out, alertmanager_version, check, mode, env_file, key_file, secrets_dir, wait,
                secrets_mode.value if secrets_mode else None, secrets_mount, health_rules, health_cluster_size,
                target.value, settings)
    finally:
        if lock is not None:
            lock.release()


def _guard(
    out: Path, secrets_dir: Path | None, tenants: Path, config: Path, key_files: list[Path], env_file: Path | None
) -> None:
    from receivers_cli.render.output import guard_target

    inputs = [tenants, config, *key_files, *([env_file] if env_file else [])]
    inputs += [Path(p) for p in os.environ.get("RECEIVERS_KEY_FILE", "").split(os.pathsep) if p.strip()]
    guard_target(out, "out", inputs=inputs, tenants_dirs=[tenants])
    if secrets_dir is not None:
        guard_target(secrets_dir, "secrets", inputs=inputs, tenants_dirs=[tenants])
        guard_target(out, "out", other=("--secrets-dir", secrets_dir))  # last: the reason of each alone first


def _render(
    tenants: Path,
    config: Path,
    out: Path,
    alertmanager_version: str | None,
    check: bool,
    mode: Literal["fail", "skip"],
    env_file: Path | None,
    key_file: list[Path],
    secrets_dir: Path | None,
    wait: float,
    secrets_mode: str | None = None,
    secrets_mount: str | None = None,
    health_rules: Path | None = None,
    health_cluster_size: int | None = None,
    target: str = "alertmanager",
    settings: TargetSettings | None = None,
) -> None:
    from receivers_cli.api import load_project, render_project, validated
    from receivers_cli.errors import ProblemsError
    from receivers_cli.render.envfile import read_env_file
    from receivers_cli.render.output import diff_output, publish
    from receivers_cli.validation.levels import ValidationLevel

    try:
        with progress_display():  # a bar on a terminal while thousands of tenants load and build
            project = load_project([tenants], config, alertmanager_version=alertmanager_version,
                                   level=ValidationLevel.STANDARD)
            level = ValidationLevel(project.platform.validation_level)
            if not level.includes(ValidationLevel.STANDARD):
                # basic checks structure only: nothing typed to build from, and nothing that keeps a
                # config Alertmanager refuses out of the shared output. render always checks at least
                # at the standard level; basic stays a quick mode of `validate`.
                sys.stderr.write("note: validation_level basic applies to `receivers validate`; render checks at the "
                                 "standard level\n")
                level = ValidationLevel.STANDARD
            project = validated(project, level)
            mount = _mount(project.platform.output, secrets_mode, secrets_mount, secrets_dir)
            if target == "mimir" and mount is not None:
                # Only receivers.yaml's output.secrets can get here (the flags are refused): say it does not apply.
                sys.stderr.write("note: --target mimir puts secrets inline (Mimir refuses *_file fields); "
                                 "output.secrets: files in receivers.yaml does not apply to it\n")
                mount = None
            # Secret-free mode without a secrets folder needs neither the environment nor a key.
            resolve = mount is None or secrets_dir is not None
            env = {**read_env_file(env_file), **os.environ} if env_file and resolve else dict(os.environ)
            rendered = render_project(
                project, env=env, decrypt=_decryptor(key_file), on_tenant_error=mode, secrets_mount=mount,
                resolve=resolve, secrets_dir=secrets_dir, previous_output=out, target=target, settings=settings,
            )
    except ProblemsError as exc:
        audit.failed("render", exc.problems)
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    if not rendered.skipped and rendered.routing:
        from receivers_cli.analysis.routing_view import remember, view_of

        # The next `receivers routes` question about these same inputs is answered from here.
        remember(tenants, config, alertmanager_version, view_of(project, rendered.routing))
    if rendered.skipped:
        print_problems([p for problems in rendered.skipped.values() for p in problems])
        skipped = sorted(rendered.skipped)
        sys.stderr.write(f"skipped {plural(len(skipped), 'tenant file')}: {truncated(skipped)}\n")
        default = project.platform.default_receiver
        for tenant, why in sorted(rendered.carried.items()):
            if not why:
                sys.stderr.write(f"{tenant}: kept its last good rendering from {out}/ (receivers, routes, inhibit "
                                 "rules, time intervals, templates)\n")
            else:
                sys.stderr.write(f"{tenant}: now has no routes ({why}); its alerts go to the platform default "
                                 f"receiver {naming.scoped(naming.PLATFORM, default or naming.UNROUTED)}"
                                 + ("" if default else ", which notifies nobody") + "\n")
    for note in rendered.notes:
        sys.stderr.write(f"note: {note}\n")
    if check:
        with fs_errors():
            lines = diff_output(rendered.files, out)
            if secrets_dir is not None:
                from receivers_cli.render.secret_files import diff_secret_files

                lines += diff_secret_files(rendered.secret_files, secrets_dir)
            if health_rules is not None:
                from receivers_cli.health.output import diff_rules

                lines += diff_rules(health_rules, _health_text(project, rendered.config, health_cluster_size))
        if lines:
            sys.stdout.write(rendered.secrets.mask("\n".join(lines)) + "\n")
            sys.stderr.write(f"{out} is stale: run `receivers render` and commit the result\n")
            raise typer.Exit(EXIT_PROBLEMS)
        sys.stdout.write(f"{out} is up to date ({plural(len(rendered.tenants), 'tenant')})\n")
    else:
        # alertmanager.yml holds inline secrets whenever the render resolved any: 0600 in a 0700 folder.
        private = mount is None and bool(rendered.secrets.values)
        with fs_errors():
            publish(
                rendered.files, out, private=private, wait=wait,
                secret_files=rendered.secret_files if secrets_dir is not None else None, secrets_dir=secrets_dir,
                private_files=rendered.private_files,
            )
            if health_rules is not None:
                from receivers_cli.health.output import write_rules

                write_rules(health_rules, _health_text(project, rendered.config, health_cluster_size))
        if secrets_dir is not None:
            audit.secret_files_written(secrets_dir, rendered.secret_files)
        audit.files_written(out, rendered.files)
        sys.stdout.write(
            f"rendered {plural(len(rendered.tenants), 'tenant')} into {out}/ ({plural(len(rendered.files), 'file')})\n"
        )
        if mount is None and rendered.secrets.values:
            held = sorted(rendered.private_files & set(rendered.files))
            where = f"{out}/{held[0]}" if len(held) == 1 else f"{out}/ ({len(held)} files)"
            sys.stderr.write(
                f"note: {where} holds secret values inline: deploy it, never commit it "
                + ("(Mimir takes secrets inline only; see docs/deployment.md)\n" if target == "mimir" else
                   "(commit the secret-free render: --secrets files, see docs/security.md)\n")
            )
        elif mount is not None and secrets_dir is None and rendered.secret_files:
            sys.stdout.write(
                f"{out}/ is secret-free: {plural(len(rendered.secret_files), 'secret')} read from {mount}/ "
                "(written by `receivers render --secrets-dir DIR` where Alertmanager runs)\n"
            )
    raise typer.Exit(EXIT_PARTIAL if rendered.skipped else EXIT_OK)


def _check_secrets_flags(mode: str | None, mount: str | None, secrets_dir: Path | None) -> None:
    import re

    from receivers_cli.model.platform import MOUNT_PATTERN

    if mode == "inline" and mount is not None:
        raise typer.BadParameter("inline secrets are not read from a mount", param_hint="--secrets-mount")
    if mode == "inline" and secrets_dir is not None:
        raise typer.BadParameter("inline secrets are not written to files", param_hint="--secrets-dir")
    if mount is not None and not re.fullmatch(MOUNT_PATTERN, mount):
        raise typer.BadParameter("must be an absolute path (Alertmanager reads *_file paths as written)",
                                 param_hint="--secrets-mount")


def _target_settings(
    target: TargetName, layout: Layout | None, k8s_secret: str | None, k8s_namespace: str | None,
    max_config_size: int | None, max_templates: int | None, max_template_size: int | None,
) -> TargetSettings:
    """The target's own options; one given for another target is a usage error, never ignored."""
    import re

    from receivers_cli.targets.base import TargetSettings

    owned = {
        "--layout": (layout, TargetName.alertmanager), "--k8s-secret": (k8s_secret, TargetName.kubernetes),
        "--k8s-namespace": (k8s_namespace, TargetName.kubernetes),
        "--mimir-max-config-size": (max_config_size, TargetName.mimir),
        "--mimir-max-templates": (max_templates, TargetName.mimir),
        "--mimir-max-template-size": (max_template_size, TargetName.mimir),
    }
    for flag, (value, owner) in owned.items():
        if value is not None and target is not owner:
            raise typer.BadParameter(f"only applies with --target {owner.value}", param_hint=flag)
    if k8s_secret is not None and not re.fullmatch(_K8S_NAME, k8s_secret):
        raise typer.BadParameter("must be a Kubernetes object name (lowercase letters, digits, '-', '.')",
                                 param_hint="--k8s-secret")
    if k8s_namespace is not None and not re.fullmatch(_K8S_NAMESPACE, k8s_namespace):
        raise typer.BadParameter("must be a Kubernetes namespace (lowercase letters, digits, '-')",
                                 param_hint="--k8s-namespace")
    defaults = TargetSettings()
    return TargetSettings(
        layout="flat" if layout is Layout.flat else "nested",
        name=k8s_secret or defaults.name, namespace=k8s_namespace or defaults.namespace,
        max_config_size=max_config_size or 0, max_templates=max_templates or 0,
        max_template_size=max_template_size or 0,
    )


def _check_mimir_flags(
    mode: SecretsMode | None, mount: str | None, secrets_dir: Path | None, health_rules: Path | None
) -> None:
    why = "Mimir refuses *_file fields: --target mimir puts secrets inline"
    if mode is SecretsMode.files:
        raise typer.BadParameter(why, param_hint="--secrets")
    if mount is not None:
        raise typer.BadParameter(why, param_hint="--secrets-mount")
    if secrets_dir is not None:
        raise typer.BadParameter(why, param_hint="--secrets-dir")
    if health_rules is not None:
        raise typer.BadParameter("health rules are rendered from a merged config: use another --target",
                                 param_hint="--health-rules")


def _check_health_flags(rules: Path | None, cluster_size: int | None, out: Path, secrets_dir: Path | None) -> None:
    if rules is None:
        if cluster_size is not None:
            raise typer.BadParameter("only applies with --health-rules", param_hint="--health-cluster-size")
        return
    from receivers_cli.health.output import refusal

    why = refusal(rules, out, secrets_dir)
    if why:
        raise typer.BadParameter(f"{rules} {why}", param_hint="--health-rules")


def _health_text(project: Project, config: dict[str, Any], cluster_size: int | None) -> str:
    from receivers_cli import __version__
    from receivers_cli.health import HealthSettings, health_rules_yaml, tenant_integrations

    platform = project.platform
    settings = HealthSettings(project.version, platform.tenant_label, platform.severity_label,
                              platform.severities[-1], cluster_size)
    return health_rules_yaml(tenant_integrations(config), settings, __version__)


def _mount(output: OutputSettings, mode: str | None, mount: str | None, secrets_dir: Path | None) -> str | None:
    """Where the rendered config says the secret files are, or None for inline secrets."""
    if mode == "inline" or (mode is None and mount is None and secrets_dir is None and output.secrets == "inline"):
        return None
    if mount is not None:
        return mount
    if output.secrets == "files" or "secrets_mount" in output.model_fields_set:
        return output.secrets_mount
    # --secrets-dir alone: the folder itself (this config then only works on this machine).
    return str(secrets_dir) if secrets_dir is not None else output.secrets_mount


def _decryptor(key_files: list[Path]) -> Decrypt:
    """The decrypt hook for ENC[...] values; keys are read only when a value needs them."""
    from receivers_cli.errors import ProblemsError
    from receivers_cli.secrets import Keyring, SecretsError
    from receivers_cli.secrets.fields import RenderDecryptor

    class LazyDecryptor:
        def __init__(self) -> None:
            self.inner: RenderDecryptor | None = None
            self.key_ids: dict[str, set[str]] = {}

        def __call__(self, envelope: str, binding: tuple[str, ...]) -> str:
            if self.inner is None:
                try:
                    self.inner = RenderDecryptor(Keyring.from_sources(key_files))
                except SecretsError as exc:
                    raise ProblemsError([exc.to_problem()]) from None
                self.key_ids = self.inner.key_ids
            return self.inner(envelope, binding)

    return LazyDecryptor()
