from __future__ import annotations

from typing import Any

import pytest

from receivers_cli.alertmanager.inhibition import InhibitionError, InhibitRule, inhibited, parse_inhibit_rules

CRITICAL_MUTES_WARNING: dict[str, Any] = {
    "inhibit_rules": [
        {
            "source_matchers": ['severity="critical"'],
            "target_matchers": ['severity="warning"'],
            "equal": ["tenant", "alertname"],
        }
    ]
}


def test_equal_labels_must_match() -> None:
    rules = parse_inhibit_rules(CRITICAL_MUTES_WARNING)
    alerts = [
        {"tenant": "acme", "alertname": "Disk", "severity": "critical"},
        {"tenant": "acme", "alertname": "Disk", "severity": "warning"},
        {"tenant": "globex", "alertname": "Disk", "severity": "warning"},
        {"tenant": "acme", "alertname": "Cpu", "severity": "warning"},
    ]
    result = inhibited(rules, alerts)
    assert set(result) == {1}
    assert result[1].source_alert == 0 and result[1].rule is rules[0]


def test_missing_equal_label_counts_as_empty() -> None:
    rules = parse_inhibit_rules(CRITICAL_MUTES_WARNING)
    alerts = [{"severity": "critical", "tenant": ""}, {"severity": "warning"}]
    assert set(inhibited(rules, alerts)) == {1}
    alerts = [{"severity": "critical"}, {"severity": "warning", "alertname": "x"}]
    assert inhibited(rules, alerts) == {}


def test_alerts_matching_both_sides_do_not_inhibit_each_other() -> None:
    rule = InhibitRule.from_config({"source_matchers": ["team=db"], "target_matchers": ['severity=~".+"']})
    both_a = {"team": "db", "severity": "critical"}
    both_b = {"team": "db", "severity": "warning", "instance": "2"}
    assert inhibited([rule], [both_a, both_b]) == {}
    assert inhibited([rule], [both_a]) == {}  # never by itself
    # A source-only alert inhibits both of them.
    assert set(inhibited([rule], [both_a, both_b, {"team": "db"}])) == {0, 1}
    # A target-only alert is inhibited by a both-sides alert.
    assert set(inhibited([rule], [both_a, {"severity": "info"}])) == {1}


def test_legacy_fields_and_no_equal() -> None:
    rules = parse_inhibit_rules(
        {
            "inhibit_rules": [
                {"source_match": {"alertname": "NodeDown"}, "target_match_re": {"alertname": "Disk.*|Cpu"}},
            ]
        }
    )
    alerts = [{"alertname": "NodeDown"}, {"alertname": "DiskFull"}, {"alertname": "Cpu"}, {"alertname": "Memory"}]
    assert set(inhibited(rules, alerts)) == {1, 2}
    assert inhibited(rules, alerts[1:]) == {}


def test_first_applicable_rule_is_reported() -> None:
    config = {
        "inhibit_rules": [
            {"name": "first", "source_matchers": ["a=1"], "target_matchers": ["b=1"]},
            {"name": "second", "source_matchers": ["c=1"], "target_matchers": ["b=1"]},
        ]
    }
    rules = parse_inhibit_rules(config)
    result = inhibited(rules, [{"b": "1"}, {"c": "1"}])
    assert result[0].rule.name == "second" and result[0].rule.index == 1


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"source_matchers": ["a"]}, "bad matcher format"),
        ({"source_match_re": {"a": None}}, "invalid regexp value"),
        ({"equal": ["foo.bar"]}, "invalid label name"),
        ({"equal": "tenant"}, "must be a list"),
        ({"sources": []}, "field sources not found"),
    ],
)
def test_invalid_rules(rule: dict[str, Any], message: str) -> None:
    with pytest.raises(InhibitionError, match=message):
        parse_inhibit_rules({"inhibit_rules": [rule]})


def test_utf8_equal_names_from_028() -> None:
    (rule,) = parse_inhibit_rules({"inhibit_rules": [{"equal": ["foo.bar"]}]}, (0, 28))
    assert rule.equal == ("foo.bar",)
