"""Prometheus alerting rules that say when receivers fail to deliver, for each tenant and the platform.

A pure function of the rendered config: which integrations (``slack``, ``webhook``, ...) each
tenant's receivers use, the target version, and the platform's label names. Nothing of a receiver's
settings is read, so the rules never hold a secret.

What the metrics can tell, read from ``/metrics`` of the real servers (0.25.0, 0.28.1, 0.33.1):

- ``alertmanager_notifications_failed_total`` and ``alertmanager_notifications_total`` carry
  ``integration`` only; from 0.28 (absent in 0.25) the failure counter also carries ``reason``
  (``clientError``, ``serverError``, ``contextCanceled``, ``contextDeadlineExceeded``, ``other``).
  No release carries the receiver name (upstream declined it for cardinality), so a tenant's rule
  watches the integrations its receivers use: it is coarser than one receiver, and another tenant's
  failing receiver of the same integration also fires it. The docs say so.
- ``alertmanager_config_last_reload_successful`` (0/1) and, with clustering,
  ``alertmanager_cluster_enabled`` and ``alertmanager_cluster_members`` exist in every release.

Tenant ids only ever appear as label values (never inside PromQL); they are checked against the
tenant id pattern here again, because Prometheus expands label values and annotations as Go
templates. Integration names come from our own ``*_configs`` keys and are checked as well.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.isolation import naming
from receivers_cli.model.tenant import ID_PATTERN
from receivers_cli.render.yaml_emit import dump

# From this release the failure counter carries `reason` (verified absent in 0.25.0, present in
# 0.28.1 and 0.33.1; 0.26 and 0.27 were not available to check, so they are treated as without it:
# a `by (reason)` over a missing label would only yield an empty reason, never a wrong alert).
REASON_LABEL_SINCE: Version = (0, 28)

FAILED = "alertmanager_notifications_failed_total"
WINDOW = "10m"  # failures counted over this window
FOR = "5m"  # and the condition must hold this long, so one retried blip does not page
HEALTH_LABEL = "receivers_health"  # "tenant" or "platform": lets a platform route or silence them as a class

_INTEGRATION = re.compile(r"^[a-z0-9]+$")
_TENANT = re.compile(ID_PATTERN)
_LABEL_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")


@dataclass(frozen=True)
class HealthSettings:
    """What the rules need from the platform file, besides the config."""

    version: Version
    tenant_label: str = "tenant"
    severity_label: str = "severity"
    severity: str = "critical"  # the top of the ladder: the one severity strict validation makes every tenant receive
    cluster_size: int | None = None  # expected HA peers; None compares members with the peers Prometheus scrapes


def tenant_integrations(config: Mapping[str, Any]) -> dict[str, list[str]]:
    """Tenant id → the sorted integrations its receivers use, from the rendered config's receivers.

    Receivers are named ``<tenant>/<name>``; platform receivers (``_platform/...``) are not a tenant's.
    A tenant whose receivers are all disabled maps to an empty list.
    """
    found: dict[str, set[str]] = {}
    for receiver in config.get("receivers") or []:
        name = str(receiver.get("name", ""))
        owner = naming.owner_of(name)
        if not naming.is_tenant(owner):
            continue
        used = found.setdefault(owner, set())
        for key, value in receiver.items():
            if key.endswith("_configs") and value:
                used.add(key[: -len("_configs")])
    return {tenant: sorted(used) for tenant, used in sorted(found.items())}


def health_rules(integrations: Mapping[str, Sequence[str]], settings: HealthSettings) -> dict[str, Any]:
    """The Prometheus rule file (as data): one platform group, and one rule per tenant that has a receiver."""
    for name in (settings.tenant_label, settings.severity_label):
        if not _LABEL_NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a Prometheus label name")
    if settings.cluster_size is not None and settings.cluster_size < 2:
        raise ValueError("an HA cluster has at least 2 peers")
    severity = go_literal(settings.severity)
    by_reason = settings.version >= REASON_LABEL_SINCE
    platform_by = "instance, integration, reason" if by_reason else "instance, integration"
    platform_labels = {settings.severity_label: severity, HEALTH_LABEL: "platform"}
    reason_text = " ({{ $labels.reason }})" if by_reason else ""
    platform = [
        {
            "alert": "AlertmanagerNotificationsFailing",
            "expr": f"sum by ({platform_by}) (increase({FAILED}[{WINDOW}])) > 0",
            "for": FOR,
            "labels": platform_labels,
            "annotations": {
                "summary": "Alertmanager {{ $labels.instance }} fails to deliver {{ $labels.integration }} "
                           "notifications" + reason_text,
                "description": f"{{{{ $value }}}} {{{{ $labels.integration }}}} notifications failed in {WINDOW} "
                               "after every retry: those alerts did not reach their receivers.",
            },
        },
        {
            "alert": "AlertmanagerConfigReloadFailed",
            "expr": "max_over_time(alertmanager_config_last_reload_successful[5m]) == 0",
            "for": FOR,
            "labels": platform_labels,
            "annotations": {
                "summary": "Alertmanager {{ $labels.instance }} did not load its configuration",
                "description": "The last configuration reload failed: the peer runs its previous configuration, "
                               "so the latest tenant changes are not live. Check its log and `amtool check-config`.",
            },
        },
        {
            "alert": "AlertmanagerClusterMembersMissing",
            "expr": _cluster_expr(settings.cluster_size),
            "for": FOR,
            "labels": platform_labels,
            "annotations": {
                "summary": "Alertmanager {{ $labels.instance }} sees {{ $value }} cluster members"
                           + (f", expected {settings.cluster_size}" if settings.cluster_size else ""),
                "description": "Peers that do not gossip do not share the notification log: each may notify "
                               "on its own (duplicates), and a lost peer reduces redundancy.",
            },
        },
    ]
    tenants = []
    for tenant, used in sorted(integrations.items()):
        if not _TENANT.fullmatch(tenant):
            raise ValueError(f"{tenant!r} is not a tenant id")
        names = sorted(set(used))
        if not names:
            continue  # no receiver delivers anything: nothing can fail
        for name in names:
            if not _INTEGRATION.fullmatch(name):
                raise ValueError(f"{name!r} is not an integration name")
        tenants.append({
            "alert": "TenantNotificationsFailing",
            "expr": f'sum by (integration) (increase({FAILED}{{integration=~"{"|".join(names)}"}}[{WINDOW}])) > 0',
            "for": FOR,
            "labels": {settings.tenant_label: tenant, settings.severity_label: severity, HEALTH_LABEL: "tenant"},
            "annotations": {
                "summary": "Alertmanager fails to deliver {{ $labels.integration }} notifications, "
                           f"which receivers of {tenant} use",
                "description": f"{{{{ $value }}}} {{{{ $labels.integration }}}} notifications failed in {WINDOW}. "
                               "Alertmanager counts failures per integration, not per receiver: check your "
                               f"{{{{ $labels.integration }}}} receivers (URL, credentials, channel); the failure may "
                               "also be another team's receiver of the same integration.",
            },
        })
    groups: list[dict[str, Any]] = [{"name": "receivers-platform", "rules": platform}]
    if tenants:
        groups.append({"name": "receivers-tenants", "rules": tenants})
    return {"groups": groups}


def _cluster_expr(size: int | None) -> str:
    clustered = "on (instance, job) (alertmanager_cluster_enabled == 1)"
    if size is not None:
        return f"(alertmanager_cluster_members < {size}) and {clustered}"
    # Without an expected size: a peer that sees fewer members than Prometheus scrapes peers of the
    # same job has lost touch with some (a split; a peer that is down is caught by `up`).
    return (
        "(max_over_time(alertmanager_cluster_members[5m]) < on (job) group_left () "
        "count by (job) (alertmanager_cluster_enabled == 1)) and " + clustered
    )


def health_rules_yaml(integrations: Mapping[str, Sequence[str]], settings: HealthSettings, tool_version: str) -> str:
    """The rule file's text: deterministic for the same input."""
    header = (
        f"Generated by receivers {tool_version} for Alertmanager {format_version(settings.version)}: "
        "receiver health rules.\nLoad into Prometheus (rule_files) and check with `promtool check rules`. Do not edit."
    )
    return dump(health_rules(integrations, settings), header=header)


def go_literal(text: str) -> str:
    """``text`` as Go template text that prints itself: Prometheus expands label values and
    annotations as templates, and only ``{{`` opens an action."""
    return text.replace("{{", '{{ "{{" }}')
