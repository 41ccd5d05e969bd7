"""Prometheus alerting rules that watch the rendered Alertmanager deliver (``render --health-rules``)."""

from receivers_cli.health.rules import HealthSettings, health_rules, health_rules_yaml, tenant_integrations

__all__ = ["HealthSettings", "health_rules", "health_rules_yaml", "tenant_integrations"]
