"""isolation/: the names and scoping strategies every stage asks instead of spelling them itself."""

from __future__ import annotations

from receivers_cli.api import load_project, preview_build
from receivers_cli.isolation import naming
from receivers_cli.isolation.strategy import NoIsolation, TenantExceptPlatform, TenantLabel, for_label
from receivers_cli.render.build import BuildTenant, build
from tests.helpers import ROOT


def test_names_round_trip() -> None:
    name = naming.scoped("team-a", "pager")
    assert name == "team-a/pager"
    assert naming.split(name) == ("team-a", "pager")
    assert naming.owner_of(name) == "team-a"
    assert naming.owner_of("unscoped") == naming.PLATFORM
    assert naming.owned_by(name, "team-a") and not naming.owned_by(name, "team")
    assert naming.unrouted("team-a") == "team-a/_unrouted"
    assert naming.tenant_owners(["team-a/x", "_platform/y", "plain", "b/z"]) == {"team-a", "b"}
    assert naming.template_file_owner("templates/team-a.tmpl") == "team-a"
    assert naming.is_template_file_of("templates/team-a.tmpl", "team-a")
    assert naming.secret_file("team-a", "pager", "routing_key") == "team-a/pager/routing_key"
    assert naming.global_secret_file("smtp_auth_password") == "_global/smtp_auth_password"


def test_tenant_label_confines_routes_and_inhibit_rules() -> None:
    strategy = TenantLabel("tenant")
    assert strategy.route_matchers('a"b') == ['tenant="a\\"b"']
    scope = strategy.inhibit("a", ['severity="critical"'], ['severity="warning"'], ["alertname", "tenant"])
    assert scope.source_matchers == ['tenant="a"', 'severity="critical"']
    assert scope.target_matchers == ['tenant="a"', 'severity="warning"']
    assert scope.equal == ["tenant", "alertname"]  # the label once, first


def test_tenant_except_platform_and_none() -> None:
    strategy = TenantExceptPlatform("tenant", frozenset({"sre"}))
    assert strategy.route_matchers("sre") == []
    assert strategy.route_matchers("a") == ['tenant="a"']
    assert NoIsolation().route_matchers("a") == []
    assert NoIsolation().inhibit("a", ["x"], ["y"], ["z"]).equal == ["z"]


def test_build_applies_the_strategy_it_is_given() -> None:
    project = load_project([ROOT / "tenants"], ROOT / "receivers.yaml")
    default = preview_build(project).config
    tenants = [BuildTenant(t.id, t.model, {r.name: r.config for r in t.model.receivers if r.enabled})
               for t in project.tenants]
    configs = {r.name: r.config for r in project.platform.receivers}
    assert build(project.platform, project.version, tenants, configs,
                 for_label(project.platform.tenant_label)).config == default
    unscoped = build(project.platform, project.version, tenants, configs, NoIsolation()).config
    tenant_routes = [r for r in unscoped["route"]["routes"] if naming.owner_of(r["receiver"]) != naming.PLATFORM]
    assert tenant_routes and all(r["matchers"] == [] for r in tenant_routes)
