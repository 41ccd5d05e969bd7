"""Tenant file format v1: the input side, as Pydantic models.

A tenant file holds one mapping whose single key is the tenant id (equal to the file's stem)::

    spotify-premium:
      metadata: {name: ..., tier: premium, sla_level: "99.99%", contact_team: ...}
      receivers:
        - {name: critical-alerts-premium, channel_type: pagerduty, min_severity: critical, config: {...}}

``config`` holds the integration's native Alertmanager fields; it is checked by the integration
catalog, not here, because its shape depends on ``channel_type`` and the target version.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from receivers_cli.alertmanager.durations import PROMETHEUS_DURATION_PATTERN
from receivers_cli.isolation import naming

ID_PATTERN = r"^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$"
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
# A Prometheus duration: ASCII digits only (``\d`` would take any Unicode digit, which Go refuses),
# never empty; the range (at most ~292 years) and "not zero" for intervals are rule R163's.
DURATION_PATTERN = PROMETHEUS_DURATION_PATTERN
Duration = Annotated[str, StringConstraints(min_length=1, pattern=DURATION_PATTERN)]
LabelName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_][a-zA-Z0-9_]*$")]
Tier = Literal["premium", "standard", "basic"]


class StrictModel(BaseModel):
    """Unknown fields are errors; values are never coerced between types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Metadata(StrictModel):
    """Who the tenant is; also the context its notification templates are rendered with."""

    name: str = Field(description="Human name of the tenant's service.")
    tier: Tier = Field("standard", description="Sets timing defaults and what strict validation demands.")
    sla_level: str | None = Field(None, description='Promised availability, e.g. "99.99%".')
    contact_team: str | None = Field(None, description="Team or address that owns these alerts.")
    description: str | None = None
    runbook_url: str | None = Field(None, description="Default runbook link used by templates.")
    dashboard_url: str | None = Field(None, description="Default dashboard link used by templates.")
    pii_labels: list[LabelName] = Field(
        default_factory=list, description="Labels that carry personal data; templates must not use them."
    )


class Receiver(StrictModel):
    """One notification target of the tenant."""

    name: Identifier = Field(description="Unique within the tenant; rendered as <tenant>/<name>.")
    channel_type: str | None = Field(
        None,
        description="The integration: slack, pagerduty, email, webhook, ... Omitted (with no config): "
        "a null receiver that delivers nothing.",
    )
    enabled: bool = Field(True, description="A disabled receiver receives nothing.")
    min_severity: str | None = Field(
        None, description="Lowest severity delivered (default: the lowest rung, i.e. every alert)."
    )
    match: dict[LabelName, str] = Field(
        default_factory=dict, description="Extra equality matchers on other labels (never the tenant label)."
    )
    active_during: list[Identifier] = Field(
        default_factory=list, description="Names of the tenant's time_intervals when this receiver is active."
    )
    muted_during: list[Identifier] = Field(
        default_factory=list, description="Names of the tenant's time_intervals when this receiver is muted."
    )
    config: dict[str, Any] = Field(
        default_factory=dict, description="Native Alertmanager fields of the integration (plus aliases)."
    )


class Routing(StrictModel):
    """Overrides of the tier's grouping and timings for the tenant's route."""

    group_by: list[str] | None = None
    group_wait: Duration | None = None
    group_interval: Duration | None = None
    repeat_interval: Duration | None = None


# A time interval reference in a native route: the owner's own interval, or a platform one as
# ``_platform/<name>``. Tenant names cannot start with ``_`` or hold ``/``, so the spellings never collide.
PLATFORM_INTERVAL_PREFIX = naming.prefix(naming.PLATFORM)  # shared intervals: _platform/<name>
IntervalRef = Annotated[
    str, StringConstraints(pattern=r"^(_platform/)?[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")
]


class NativeRoute(StrictModel):
    """One node of a native Alertmanager route tree (hung below the tenant's own route)."""

    receiver: Identifier | None = Field(None, description="One of the owner's receivers (default: the parent's).")
    matchers: list[str] = Field(
        default_factory=list, description='Alertmanager matchers: label="v", label!="v", label=~"re", label!~"re".'
    )
    match: dict[LabelName, str] = Field(default_factory=dict, description="Equality matchers (old form).")
    match_re: dict[LabelName, str] = Field(default_factory=dict, description="Regex matchers (old form).")
    min_severity: str | None = Field(None, description="Shorthand for the severity matcher: this rung and up.")
    continue_: bool = Field(False, alias="continue", description="Keep looking at the next sibling after a match.")
    group_by: list[str] | None = None
    group_wait: Duration | None = None
    group_interval: Duration | None = None
    repeat_interval: Duration | None = None
    active_time_intervals: list[IntervalRef] = Field(
        default_factory=list, description="The owner's time intervals (or _platform/<name>) when this route is active."
    )
    mute_time_intervals: list[IntervalRef] = Field(
        default_factory=list, description="The owner's time intervals (or _platform/<name>) when this route is muted."
    )
    routes: list[NativeRoute] = Field(default_factory=list, description="Child routes, tried in order.")


class TenantRoute(StrictModel):
    """The tenant's own route: its default receiver, grouping and the native tree below it."""

    receiver: Identifier | None = Field(
        None, description="The tenant's default receiver: alerts no child route takes (default: nobody)."
    )
    group_by: list[str] | None = None
    group_wait: Duration | None = None
    group_interval: Duration | None = None
    repeat_interval: Duration | None = None
    routes: list[NativeRoute] = Field(default_factory=list, description="Native routes, after the v1 shorthand ones.")


class InhibitRule(StrictModel):
    """Mute target alerts while a source alert fires; confined to the tenant's own alerts."""

    name: str | None = None
    source_matchers: list[str] = Field(min_length=1)
    target_matchers: list[str] = Field(min_length=1)
    equal: list[LabelName] = Field(default_factory=list)


class TimeRange(StrictModel):
    start_time: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
    end_time: Annotated[str, StringConstraints(pattern=r"^(([01]\d|2[0-3]):[0-5]\d|24:00)$")]


def _int_as_text(value: Any) -> Any:
    # Alertmanager reads a YAML integer in these lists as its decimal text (days_of_month: [1]);
    # true/false stay what they are and are refused.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# A day, month or year: text ("1:5", "march") or a whole number.
NumberText = Annotated[str, BeforeValidator(_int_as_text), WithJsonSchema({"type": ["string", "integer"]})]


class TimeIntervalSpec(StrictModel):
    """One Alertmanager time interval specification; omitted fields match any time."""

    times: list[TimeRange] | None = None
    weekdays: list[str] | None = None
    days_of_month: list[NumberText] | None = None
    months: list[NumberText] | None = None
    years: list[NumberText] | None = None
    location: str | None = None


class TimeInterval(StrictModel):
    name: Identifier
    time_intervals: list[TimeIntervalSpec] = Field(min_length=1)


class RoutingTest(StrictModel):
    """A routing expectation in tenant terms (run by ``receivers test``)."""

    name: str | None = None
    labels: dict[str, str]
    expect: list[str] = Field(description="Receiver names of this tenant, in order; [] = nobody.")
    firing: list[dict[str, str]] = Field(default_factory=list, description="Alerts firing at the same time.")
    at: str | None = Field(None, description="RFC 3339 time, for time intervals.")


class Tenant(StrictModel):
    """The body of a tenant file (under its id)."""

    metadata: Metadata
    receivers: list[Receiver] = Field(default_factory=list)
    routing: Routing = Field(default_factory=Routing)
    route: TenantRoute = Field(default_factory=TenantRoute, description="Native routing below the tenant's route.")
    inhibit: list[InhibitRule] = Field(default_factory=list)
    time_intervals: list[TimeInterval] = Field(default_factory=list)
    templates: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Per channel_type overrides of template parts (Jinja2)."
    )
    tests: list[RoutingTest] = Field(default_factory=list)
