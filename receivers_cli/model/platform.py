"""The platform file ``receivers.yaml``: settings the platform team owns. Every field has a default,
so a folder of tenant files alone renders."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from receivers_cli.alertmanager.versions import NEWEST, format_version
from receivers_cli.model.placeholders import GRANT_PATTERN, grant_matches, is_reserved
from receivers_cli.model.tenant import (
    Duration,
    Identifier,
    LabelName,
    NativeRoute,
    Receiver,
    StrictModel,
    TimeInterval,
)


class Timing(StrictModel):
    group_wait: Duration
    group_interval: Duration
    repeat_interval: Duration


TierName = Literal["premium", "standard", "basic"]

DEFAULT_TIERS: dict[TierName, Timing] = {
    "premium": Timing(group_wait="10s", group_interval="1m", repeat_interval="1h"),
    "standard": Timing(group_wait="30s", group_interval="5m", repeat_interval="4h"),
    "basic": Timing(group_wait="1m", group_interval="10m", repeat_interval="12h"),
}


class Observer(StrictModel):
    """A platform receiver that also sees every tenant's alerts from ``min_severity`` up."""

    receiver: Identifier
    min_severity: str | None = None


class Recipient(StrictModel):
    """A public key that tenant secrets are encrypted to."""

    id: str
    public_key: str
    created: str


class SecretsSettings(StrictModel):
    recipients: list[Recipient] = Field(default_factory=list)
    max_age_days: int = Field(30, ge=1, description="Values encrypted longer ago are reported as stale.")


Grant = Annotated[str, StringConstraints(pattern=GRANT_PATTERN)]


class Variables(StrictModel):
    """Which ``${VAR}`` names each tenant may use; a tenant may use no other.

    The environment of a render holds every tenant's values (and our own key): without a grant, a
    tenant file could put any of them into a URL it controls.
    """

    shared: list[Grant] = Field(
        default_factory=list, description="Names (or globs with *) that every tenant may use."
    )
    tenants: dict[Identifier, list[Grant]] = Field(
        default_factory=dict, description="Tenant id -> the names (or globs with *) that tenant may use."
    )

    def granted(self, tenant: str, name: str) -> bool:
        """Whether ``tenant`` may resolve ``name``; ``RECEIVERS_*`` never, whatever was granted."""
        if is_reserved(name):
            return False
        return any(grant_matches(p, name) for p in (*self.shared, *self.tenants.get(tenant, ())))

    def refusal(self, tenant: str | None, name: str) -> tuple[str, str] | None:
        """(message, hint) when the owner (a tenant id; None: the platform file) may not use ``name``.

        The message names the variable, never its value. Validate and render both ask this.
        """
        if is_reserved(name):
            return (
                f"variable {name} is reserved: RECEIVERS_* variables configure receivers itself "
                "(its private key among them) and are never substituted",
                "use another variable name; RECEIVERS_* cannot be granted",
            )
        if tenant is None or self.granted(tenant, name):
            return None
        return (
            f"variable {name} is not granted to tenant {tenant!r}",
            f"if {tenant} owns it, grant it in receivers.yaml: variables: {{tenants: {{{tenant}: [{name}]}}}}",
        )

# Where Alertmanager sees the secrets folder: an absolute path (it reads *_file paths as written).
MOUNT_PATTERN = r"^/[^\x00-\x1f\x7f]*$"


class OutputSettings(StrictModel):
    """How ``receivers render`` writes secrets (the ``--secrets`` / ``--secrets-mount`` defaults)."""

    secrets: Literal["inline", "files"] = Field(
        "inline",
        description="inline: values in alertmanager.yml (never commit it); files: alertmanager.yml references "
        "<secrets_mount>/<file> and holds no value, so it can be committed and checked with no key.",
    )
    secrets_mount: Annotated[str, StringConstraints(pattern=MOUNT_PATTERN)] = Field(
        "/etc/alertmanager/secrets",
        description="Absolute path where Alertmanager sees the secrets folder (render --secrets-dir writes it).",
    )


class PlatformRoutes(StrictModel):
    """Native routes the platform owns, around the tenants' routes (receivers: platform receivers)."""

    before: list[NativeRoute] = Field(default_factory=list, description="Evaluated before every tenant.")
    after: list[NativeRoute] = Field(default_factory=list, description="Evaluated after every tenant.")


class PlatformInhibitRule(StrictModel):
    """A native inhibit rule; the platform's may cross tenants."""

    name: str | None = None
    source_matchers: list[str] = Field(default_factory=list)
    target_matchers: list[str] = Field(default_factory=list)
    source_match: dict[LabelName, str] = Field(default_factory=dict)
    source_match_re: dict[LabelName, str] = Field(default_factory=dict)
    target_match: dict[LabelName, str] = Field(default_factory=dict)
    target_match_re: dict[LabelName, str] = Field(default_factory=dict)
    equal: list[str] = Field(default_factory=list)


class PlatformTemplates(StrictModel):
    """Go template files the platform owns: ``{{ define "_platform/<name>" }}`` blocks tenants may call."""

    files: list[Annotated[str, StringConstraints(min_length=1)]] = Field(
        default_factory=list,
        description="Paths relative to receivers.yaml (globs with * ? [...] allowed), in order. Every define "
        "is named _platform/<name>; tenants call them ({{ template \"_platform/<name>\" . }}) and never "
        "define them. Emitted as templates/_platform.tmpl.",
    )


class LintSettings(StrictModel):
    """Findings the platform team chose not to see (warnings and strict policy rules only)."""

    ignore: list[str] = Field(default_factory=list, description="Rule ids (or names) ignored in every file.")
    tenants: dict[Identifier, list[str]] = Field(
        default_factory=dict, description="Tenant id -> rule ids (or names) ignored in that tenant's files."
    )


class Platform(StrictModel):
    """Contents of ``receivers.yaml``."""

    alertmanager_version: str = Field(format_version(NEWEST), description="Target Alertmanager version, X.Y.")
    tenant_label: LabelName = Field("tenant", description="The label that says which tenant an alert is of.")
    severity_label: LabelName = "severity"
    severities: list[str] = Field(
        default_factory=lambda: ["info", "warning", "error", "critical"],
        min_length=1,
        description="The severity ladder, lowest first.",
    )
    group_by: list[str] = Field(default_factory=lambda: ["alertname"], description="Default grouping.")
    tiers: dict[TierName, Timing] = Field(default_factory=lambda: dict(DEFAULT_TIERS))
    global_: dict[str, Any] = Field(default_factory=dict, alias="global", description="Alertmanager's global section.")
    receivers: list[Receiver] = Field(
        default_factory=list, description="Platform-owned receivers, rendered as _platform/<name>."
    )
    default_receiver: Identifier | None = Field(
        None, description="Platform receiver for alerts that carry no known tenant (default: nobody)."
    )
    observers: list[Observer] = Field(default_factory=list)
    validation_level: Literal["basic", "standard", "strict"] = "standard"
    tls_min_version: Literal["TLS10", "TLS11", "TLS12", "TLS13"] | None = Field(
        None, description="Minimum TLS version for every receiver that speaks HTTP."
    )
    secrets: SecretsSettings = Field(default_factory=SecretsSettings)
    variables: Variables = Field(default_factory=Variables)
    output: OutputSettings = Field(default_factory=OutputSettings)
    routes: PlatformRoutes = Field(default_factory=PlatformRoutes)
    inhibit_rules: list[PlatformInhibitRule] = Field(default_factory=list)
    time_intervals: list[TimeInterval] = Field(
        default_factory=list, description="Shared intervals, rendered (and referenced by tenants) as _platform/<name>."
    )
    templates: PlatformTemplates = Field(default_factory=PlatformTemplates)
    lint: LintSettings = Field(default_factory=LintSettings, description="Ignored rules (reported as ignored).")

    def timing(self, tier: TierName) -> Timing:
        return self.tiers.get(tier) or DEFAULT_TIERS[tier]
