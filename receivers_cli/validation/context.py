"""What semantic rules see: the validated tenants and the platform settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from receivers_cli.alertmanager.versions import Version
from receivers_cli.loading.project import TenantSource
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant


@dataclass(frozen=True)
class CheckedTenant:
    """A tenant whose structure and types are valid."""

    source: TenantSource
    model: Tenant

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def doc(self) -> SourceDocument:
        return self.source.doc


@dataclass
class RuleContext:
    platform: Platform
    version: Version
    tenants: list[CheckedTenant]
    # Every tenant id in the repository, even those not being checked (cross-file rules).
    all_tenant_files: dict[str, list[str]] = field(default_factory=dict)
    # The platform's shared templates a tenant may call: define name → (expanded size, range depth).
    shared_templates: Mapping[str, tuple[int, int]] = field(default_factory=dict)
