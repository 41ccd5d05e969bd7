"""How a tenant is confined inside one Alertmanager: which matchers scope its routes and inhibit rules.

Modeled on an enforcer with three modes: every tenant scoped by a label (today's merged config);
every tenant except the platform's own ids (they see all alerts); none, for outputs where each
tenant gets an Alertmanager of its own (a per-tenant target such as Mimir's) and nothing needs
confining inside the config.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from receivers_cli.alertmanager.matchers import escape_value


def matcher(label: str, op: str, value: str) -> str:
    """A matcher in the form both of Alertmanager's parsers read the same way."""
    return f'{label}{op}"{escape_value(value)}"'


@dataclass(frozen=True)
class InhibitScope:
    source_matchers: list[str]
    target_matchers: list[str]
    equal: list[str]


class Strategy(Protocol):
    """Scoping of one tenant's routing inside the config it is rendered into."""

    def route_matchers(self, tenant: str) -> list[str]:
        """The matchers of the route all of ``tenant``'s routes hang below."""
        ...

    def inhibit(self, tenant: str, source: Sequence[str], target: Sequence[str], equal: Sequence[str]) -> InhibitScope:
        """``tenant``'s inhibit rule confined to its own alerts on both sides."""
        ...


@dataclass(frozen=True)
class TenantLabel:
    """Every tenant's alerts are those whose ``label`` equals its id (the merged config of today)."""

    label: str

    def route_matchers(self, tenant: str) -> list[str]:
        return [matcher(self.label, "=", tenant)]

    def inhibit(self, tenant: str, source: Sequence[str], target: Sequence[str], equal: Sequence[str]) -> InhibitScope:
        scope = matcher(self.label, "=", tenant)
        # The label in ``equal`` too: a source alert of this tenant only inhibits this tenant's alerts.
        return InhibitScope([scope, *source], [scope, *target], [self.label, *(e for e in equal if e != self.label)])


@dataclass(frozen=True)
class TenantExceptPlatform:
    """Like :class:`TenantLabel`, but the ids in ``platform_tenants`` (the platform's own teams) are not
    confined: their routes and inhibit rules see every tenant's alerts. Not selectable yet."""

    label: str
    platform_tenants: frozenset[str] = field(default_factory=frozenset)

    def route_matchers(self, tenant: str) -> list[str]:
        return [] if tenant in self.platform_tenants else TenantLabel(self.label).route_matchers(tenant)

    def inhibit(self, tenant: str, source: Sequence[str], target: Sequence[str], equal: Sequence[str]) -> InhibitScope:
        if tenant in self.platform_tenants:
            return NoIsolation().inhibit(tenant, source, target, equal)
        return TenantLabel(self.label).inhibit(tenant, source, target, equal)


@dataclass(frozen=True)
class NoIsolation:
    """Nothing to confine: each tenant has an Alertmanager of its own (a per-tenant target)."""

    def route_matchers(self, tenant: str) -> list[str]:
        return []

    def inhibit(self, tenant: str, source: Sequence[str], target: Sequence[str], equal: Sequence[str]) -> InhibitScope:
        return InhibitScope(list(source), list(target), list(equal))


def for_label(label: str) -> Strategy:
    """The strategy of today's merged config, scoped by the platform's ``tenant_label``."""
    return TenantLabel(label)
