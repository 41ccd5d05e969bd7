"""Every leaf field of every integration, at every target, against the nearest real checker (issue 12).

For each target version from 0.25 to the newest, each probe (an integration's example plus one leaf
field set to a sample value made from its declaration, see ``probes.py``) must be accepted by
``receivers validate`` exactly when the newest real ``amtool`` at or below the target accepts its
native equivalent; what ``receivers`` accepts must also render into a config that real amtool
accepts. A field newer than the integration must be refused one release before its ``since``.

Between two real releases (0.26 judged by 0.25, ...) a probe is only compared where ``receivers``
answers the same at the target and at the judge's version: a field, value or rule the declarations
date between the two cannot be proven with the binaries at hand, and is left out rather than guessed.

All probes of a target are judged in one ``validate`` run and one ``amtool check-config`` run over
many files; renders are checked together and bisected only when the real checker refuses one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from receivers_cli.alertmanager.versions import KNOWN_VERSIONS, Version, format_version
from receivers_cli.integrations import catalog
from tests.conformance.probes import Probe, judge_natives, probes, receivers_verdicts, refused_renders
from tests.judges import Judge, judge_for

PROBES = probes()
TARGETS = [v for v in KNOWN_VERSIONS if v >= (0, 25)]  # no real 0.24 exists on Debian
TYPES = sorted(catalog())

# Refusals that are the tool's security policy, not Alertmanager's rules (docs/security.md): the
# rule id receivers must give instead of agreeing with amtool.
SECURITY_REFUSALS: dict[tuple[str, str], str] = {
    # An endpoint of the tenant's own while the host's AWS credential chain signs the request.
    ("sns", "api_url"): "R230",
}  # (fields that read a host file, R207, are not probed at all)


def debian_lacks(judge: Judge, probe: Probe) -> bool:
    """Debian's 0.28.1 build patches jira out (upstream 0.28 has it): that judge cannot speak for it."""
    return judge.version == (0, 28) and probe.integration.channel_type == "jira"


class Verdicts:
    """Per-version answers, computed once for the whole module."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._receivers: dict[Version, dict[str, list[str]]] = {}
        self._amtool: dict[Version, dict[str, str | None]] = {}

    def receivers(self, version: Version) -> dict[str, list[str]]:
        if version not in self._receivers:
            self._receivers[version] = receivers_verdicts(PROBES, version, self.root / f"r{format_version(version)}")
        return self._receivers[version]

    def amtool(self, judge: Judge) -> dict[str, str | None]:
        if judge.version not in self._amtool:
            self._amtool[judge.version] = judge_natives(judge.amtool_cmd(), PROBES,
                                                        self.root / f"a{judge.label}")
        return self._amtool[judge.version]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return Verdicts(tmp_path_factory.mktemp("probes"))


def test_probes_cover_every_integration_and_field_kind() -> None:
    assert {p.integration.channel_type for p in PROBES} == set(TYPES)
    assert len(PROBES) > 300
    kinds = {type(p.value).__name__ for p in PROBES if p.path}
    assert {"str", "bool", "int", "list", "dict"} <= kinds


@pytest.mark.amtool
@pytest.mark.parametrize("target", TARGETS, ids=format_version)
@pytest.mark.parametrize("channel_type", TYPES)
def test_receivers_accepts_what_the_real_checker_accepts(
    channel_type: str, target: Version, verdicts: Verdicts
) -> None:
    judge = judge_for(target)
    ours, theirs = verdicts.receivers(target), verdicts.amtool(judge)
    at_judge = verdicts.receivers(judge.version)
    disagree: list[str] = []
    compared = 0
    for probe in (p for p in PROBES if p.integration.channel_type == channel_type):
        refused, why = probe.name in ours, theirs[probe.name]
        if (probe.name in at_judge) != refused:
            continue  # declared to change between the judge's release and the target: unprovable here
        rule = SECURITY_REFUSALS.get((channel_type, probe.field))
        if rule is not None:
            found = ours.get(probe.name, [])
            assert any(p.startswith(rule + " ") for p in found), (probe.field, found)
            continue
        if debian_lacks(judge, probe):
            assert why is not None and "jira_configs" in why, why
            continue
        compared += 1
        if probe.zero and refused:
            continue  # emptied required fields: only "receivers accepts, amtool refuses" is a finding
        if refused != (why is not None):
            disagree.append(f"{probe.field}={probe.value!r}: receivers "
                            f"{'refuses (' + '; '.join(ours[probe.name]) + ')' if refused else 'accepts'}, "
                            f"amtool {judge.label} {'refuses (' + why + ')' if why else 'accepts'}")
    assert not disagree, f"{channel_type} at {format_version(target)}:\n  " + "\n  ".join(disagree)
    integration = catalog()[channel_type]
    if integration.since <= judge.version and not (judge.version == (0, 28) and channel_type == "jira"):
        assert compared, "nothing was compared"


@pytest.mark.amtool
@pytest.mark.parametrize("target", TARGETS, ids=format_version)
def test_what_receivers_accepts_renders_into_a_config_the_real_checker_accepts(
    target: Version, verdicts: Verdicts, tmp_path: Path
) -> None:
    judge = judge_for(target)
    ours = verdicts.receivers(target)
    accepted = [p for p in PROBES if p.name not in ours and not debian_lacks(judge, p)
                and p.since <= judge.version and p.integration.since <= judge.version]
    assert accepted
    refused = refused_renders(judge.amtool_cmd(), accepted, target, tmp_path)
    by_name = {p.name: p for p in accepted}
    assert not refused, "\n".join(f"{by_name[n].integration.channel_type}.{by_name[n].field}: {why}"
                                  for n, why in refused.items())


def below(version: Version) -> Version:
    return (version[0], version[1] - 1)


NEWER_FIELDS = [p for p in PROBES if p.path and p.since > p.integration.since and below(p.since) in KNOWN_VERSIONS]


@pytest.mark.parametrize("version", sorted({below(p.since) for p in NEWER_FIELDS}), ids=format_version)
def test_a_field_is_refused_one_release_before_its_since(version: Version, tmp_path: Path) -> None:
    chosen = [p for p in NEWER_FIELDS if below(p.since) == version]
    refused = receivers_verdicts(chosen, version, tmp_path)
    missed = [f"{p.integration.channel_type}.{p.field} (since {format_version(p.since)})"
              for p in chosen if not any(m.startswith("R201 ") for m in refused.get(p.name, []))]
    assert not missed, f"accepted at {format_version(version)}: " + ", ".join(missed)
