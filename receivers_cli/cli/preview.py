"""``receivers preview``: a tenant receiver's messages as the integration would send them (amtool renders)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ConfigOption, TenantsOption, VersionOption

if TYPE_CHECKING:
    from receivers_cli.analysis.message_preview import ReceiverPreview
    from receivers_cli.api import Project
    from receivers_cli.model.tenant import RoutingTest


class PreviewFormat(str, Enum):
    text = "text"
    json = "json"


class Status(str, Enum):
    firing = "firing"
    resolved = "resolved"


def preview(
    tenant: str = typer.Argument(..., help="Tenant id."),
    receiver: str | None = typer.Argument(None, help="One receiver of the tenant (default: all enabled ones)."),
    labels: list[str] = typer.Option([], "--labels", help="Alert labels, LABEL=VALUE (repeatable, or a,b)."),
    annotations: list[str] = typer.Option([], "--annotations", help="Alert annotations, NAME=VALUE (repeatable)."),
    test_name: str | None = typer.Option(None, "--test", help="Take the alert from this entry of the tenant's tests:."),
    status: Status = typer.Option(Status.firing, "--status", help="firing or resolved."),
    output: PreviewFormat = typer.Option(PreviewFormat.text, "--format", help="text or json."),
    amtool: str | None = typer.Option(None, "--amtool", help="amtool to render with (default: $RECEIVERS_AMTOOL, "
                                      "else amtool on PATH)."),
    external_url: str = typer.Option("http://localhost:9093", "--external-url", help="Alertmanager's external URL."),
    tenants: Path = TenantsOption,
    config: Path = ConfigOption,
    alertmanager_version: str | None = VersionOption,
) -> None:
    """Print each templated field of a receiver (title, text, subject, html, description, details, ...)
    as the integration would send it, rendered by Alertmanager's own engine (amtool template render).
    No secret is resolved: ${VAR} stays a name, ENC[...] is masked."""
    from receivers_cli.analysis.message_preview import (
        PreviewError,
        alert_data,
        find_amtool,
        preview_receivers,
        tenant_templates,
    )
    from receivers_cli.api import load_healthy_project, preview_build
    from receivers_cli.errors import ProblemsError
    from receivers_cli.isolation import naming
    from receivers_cli.report import print_problems

    try:
        binary = find_amtool(amtool)
    except PreviewError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(EXIT_PROBLEMS) from None
    try:
        project, errors = load_healthy_project([tenants], config, alertmanager_version=alertmanager_version)
    except ProblemsError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    found = next((t for t in project.tenants if t.id == tenant), None)
    if found is None:
        broken = [p for p in errors if p.file and Path(p.file).stem == tenant]
        if broken or any(tenant in str(p.message) for p in errors):
            print_problems(errors)
            sys.stderr.write(f"tenant {tenant!r} has errors (above): fix them to preview it\n")
            raise typer.Exit(EXIT_PROBLEMS)
        sys.stderr.write(f"error: no tenant {tenant!r}{_guess(tenant, [t.id for t in project.tenants])}\n")
        raise typer.Exit(EXIT_USAGE)
    enabled = [r for r in found.model.receivers if r.enabled and r.channel_type]
    if receiver is not None:
        enabled = [r for r in enabled if r.name == receiver]
        if not enabled:
            names = [r.name for r in found.model.receivers if r.channel_type]
            state = " (disabled, or a null receiver)" if receiver in [r.name for r in found.model.receivers] else ""
            sys.stderr.write(f"error: tenant {tenant!r} has no enabled receiver {receiver!r}{state}"
                             f"{_guess(receiver, names) if not state else ''}\n")
            raise typer.Exit(EXIT_USAGE)
    from receivers_cli.analysis.message_preview import amtool_version

    judge = amtool_version(binary)
    if judge is not None and judge < project.version:
        # Older default templates lack names later releases added (msteams.*, jira.*, ...).
        sys.stderr.write(f"note: amtool {judge[0]}.{judge[1]} is older than the target "
                         f"{project.version[0]}.{project.version[1]}; pass a matching one with --amtool\n")
    alert_labels, alert_annotations, starts_at = _alert(project, tenant, labels, annotations, test_name, found.model)
    built = preview_build(project)
    by_name = {r["name"]: r for r in built.config["receivers"]}
    group_by = _group_by(built.config, project, tenant)
    chosen = [(by_name[naming.scoped(tenant, r.name)], str(r.channel_type)) for r in enabled]
    data = {
        str(native["name"]): alert_data(str(native["name"]), alert_labels, alert_annotations, status=status.value,
                                        group_by=group_by, starts_at=starts_at, external_url=external_url)
        for native, _ in chosen
    }
    try:
        results = preview_receivers(binary, chosen, tenant_templates(built.templates, tenant), data)
    except PreviewError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(EXIT_PROBLEMS) from None
    if output is PreviewFormat.json:
        document = {"tenant": tenant, "amtool": binary, "labels": alert_labels, "annotations": alert_annotations,
                    "status": status.value, "receivers": [r.as_dict() for r in results]}
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_text(results, alert_labels, status.value))
    failed = [f for r in results for f in r.fields if f.error and not f.default]
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _alert(
    project: Project, tenant: str, labels: list[str], annotations: list[str], test_name: str | None, model: Any
) -> tuple[dict[str, str], dict[str, str], Any]:
    """The alert's labels, annotations and start: from a tests: case, or the options, or an example."""
    from receivers_cli.analysis.explain import parse_time

    platform = project.platform
    given = _pairs(labels, "--labels")
    notes = _pairs(annotations, "--annotations")
    starts_at = None
    if test_name is not None:
        case: RoutingTest | None = next((t for t in model.tests if t.name == test_name), None)
        if case is None:
            names = [t.name for t in model.tests if t.name]
            sys.stderr.write(f"error: tenant {tenant!r} has no test named {test_name!r}{_guess(test_name, names)}\n")
            raise typer.Exit(EXIT_USAGE)
        given = {**case.labels, **given}
        starts_at = parse_time(case.at) if case.at else None
    result = {"alertname": "ExampleAlert", platform.severity_label: platform.severities[-1]} if not given else {}
    result.update(given)
    result[platform.tenant_label] = tenant  # the tenant route only ever passes its own alerts
    return result, notes, starts_at


def _pairs(items: list[str], option: str) -> dict[str, str]:
    from receivers_cli.analysis.explain import split_labels

    found: dict[str, str] = {}
    for item in items:
        for part in split_labels(item):
            name, sep, value = part.partition("=")
            if not sep or not name.strip():
                sys.stderr.write(f"error: {option} {part!r}: give NAME=VALUE\n")
                raise typer.Exit(EXIT_USAGE)
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            found[name.strip()] = value
    return found


def _group_by(config: dict[str, Any], project: Project, tenant: str) -> tuple[str, ...]:
    from receivers_cli.isolation import naming

    route = config["route"]
    for child in route.get("routes") or []:
        if str(child.get("receiver", "")).startswith(naming.prefix(tenant)) and child.get("group_by") is not None:
            return tuple(child["group_by"])
    return tuple(route.get("group_by") or project.platform.group_by)


def _guess(name: str, known: list[str]) -> str:
    from receivers_cli.wording import closest

    close = closest(name, known)
    if close is not None:
        return f"; did you mean {close!r}?"
    return f" (known: {', '.join(sorted(known)[:10]) or 'none'})"


def _text(results: list[ReceiverPreview], labels: dict[str, str], status: str) -> str:
    shown = ",".join(f'{k}="{v}"' for k, v in labels.items())
    out = [f"alert ({status}): {{{shown}}}", ""]
    for result in results:
        out.append(f"{result.receiver} ({result.channel_type})")
        if not result.fields:
            out.append("  (no templated field: the integration sends the alert data as it is)")
        for item in result.fields:
            mark = " (default)" if item.default else ""
            if item.error:
                if item.default:
                    out.append(f"  {item.path}{mark}: not in this amtool's default templates ({item.error})")
                else:
                    out.append(f"  {item.path}: ERROR {item.error}")
                continue
            body = item.text.splitlines() or [""]
            if len(body) == 1:
                out.append(f"  {item.path}{mark}: {body[0]}")
            else:
                out.append(f"  {item.path}{mark}:")
                out.extend(f"    {line}".rstrip() for line in body)
        out.append("")
    return "\n".join(out)
