"""Onboarding: ``receivers init [DIR]`` scaffolds a config repository, ``receivers tenant new ID``
writes a commented tenant file that validates. Neither overwrites a file."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, TenantsOption, fs_errors

tenant_app = typer.Typer(help="Tenant files: create one.", no_args_is_help=True)

ID_RE = re.compile(r"^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")

PLATFORM_FILE = """\
# receivers.yaml: the platform file (trusted; reviewed by the platform team). Every key is optional.
alertmanager_version: "{version}"   # the Alertmanager you run; only what it accepts is emitted
tenant_label: tenant                # the label that says which tenant an alert belongs to
severities: [info, warning, error, critical]
# default_receiver: sink            # a platform receiver for alerts of no known tenant
# receivers: [{{name: sink}}]         # platform receivers (no channel_type: delivers nothing)
# variables:                        # which ${{VAR}} each tenant may use
#   tenants: {{example: [EXAMPLE_WEBHOOK_URL]}}
# secrets: {{recipients: []}}         # `receivers secrets keygen --private-key KEY` adds one
"""

GITIGNORE = """\
# Never in Git: decrypted secret files, inline renders, keys, local variable files, receivers' state.
/secrets/
/deploy/
/rendered-inline/
/.receivers/
*.key
*.env
"""

CI_SNIPPET = """\
# .github/workflows/receivers.yml: check every pull request without a key or a secret.
name: receivers
on: [pull_request, push]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "3.12"}
      - run: pip install "git+https://github.com/YOUR-ORG/receivers@main"   # where you host receivers
      - run: receivers validate --format github
      - run: receivers test
      - run: receivers render --check --secrets files
"""


def tenant_file(tenant_id: str, channel: str) -> str:
    """A commented tenant file for ``channel`` (its catalogue example as config) that validates."""
    from receivers_cli import integrations
    from receivers_cli.render.yaml_emit import dump

    integration = integrations.get(channel)
    assert integration is not None
    receiver: dict[str, Any] = {"name": channel, "channel_type": channel, "config": dict(integration.example)}
    body = dump({"receivers": [receiver]}).splitlines()
    indented = "\n".join("  " + line for line in body)
    return f"""\
# Tenant file of {tenant_id} (format v1). Check it with `receivers validate`; see the README.
{tenant_id}:
  metadata:
    name: "{tenant_id}"              # human name of the service; used by the templates
    tier: standard                   # premium | standard | basic: timing defaults
    # contact_team: team@example.org
  # Receivers: rendered as {tenant_id}/<name>. Every receiver gets the tenant's alerts from
  # min_severity up (default: all); `match` narrows it. Secrets: `receivers secrets encrypt FILE`.
{indented}
  # route:                           # optional native routing: default receiver, matchers, nesting
  #   receiver: {channel}
  tests:                             # `receivers test` runs these
    - name: a critical alert reaches {channel}
      labels: {{alertname: Example, severity: critical}}
      expect: [{channel}]
"""


def init(
    directory: Path = typer.Argument(Path("."), help="Folder of the new config repository."),
    alertmanager_version: str = typer.Option("0.34", "--alertmanager-version", help="Target Alertmanager X.Y."),
) -> None:
    """Scaffold a config repository: receivers.yaml, tenants/example.yaml, a CI snippet, .gitignore."""
    from receivers_cli.alertmanager.versions import parse_version

    try:
        parse_version(alertmanager_version)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(EXIT_USAGE) from None
    files = {
        directory / "receivers.yaml": PLATFORM_FILE.format(version=alertmanager_version),
        directory / "tenants" / "example.yaml": tenant_file("example", "webhook"),
        directory / "ci" / "github-actions.yml": CI_SNIPPET,
        directory / ".gitignore": GITIGNORE,
    }
    _create(files)
    for path in files:
        sys.stdout.write(f"created {path}\n")
    sys.stdout.write(f"next: cd {directory} && receivers validate && receivers test\n")
    raise typer.Exit(EXIT_OK)


@tenant_app.command("new")
def tenant_new(
    tenant_id: str = typer.Argument(..., metavar="ID", help="The tenant id (also the file name)."),
    channel: str = typer.Option("webhook", "--channel", help="The channel type of its first receiver."),
    tenants: Path = TenantsOption,
) -> None:
    """Write tenants/ID.yaml: a commented tenant file with one receiver, that validates."""
    from receivers_cli import integrations

    if not ID_RE.match(tenant_id):
        sys.stderr.write(f"error: {tenant_id!r} is not a tenant id (a-z 0-9 . _ -, at most 63, "
                         "starting and ending with a letter or digit)\n")
        raise typer.Exit(EXIT_USAGE)
    if integrations.get(channel) is None:
        known = ", ".join(integrations.catalog())
        sys.stderr.write(f"error: unknown channel type {channel!r}; known: {known}\n")
        raise typer.Exit(EXIT_USAGE)
    target = tenants / f"{tenant_id}.yaml"
    _create({target: tenant_file(tenant_id, channel)})
    sys.stdout.write(f"created {target}\n")
    raise typer.Exit(EXIT_OK)


def _create(files: dict[Path, str]) -> None:
    """Create every file or none; an existing one is never overwritten."""
    import os

    existing = [str(p) for p in files if os.path.lexists(p)]
    if existing:
        sys.stderr.write(f"error: exists already, nothing written: {', '.join(existing)}\n")
        raise typer.Exit(EXIT_PROBLEMS)
    from receivers_cli.fileops import write_new_file

    with fs_errors():
        for path in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_new_file(path, files[path])
