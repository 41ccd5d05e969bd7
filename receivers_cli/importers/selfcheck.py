"""An import proves itself: the original and the render of the imported files route and inhibit alike.

Label sets are drawn from the original's own matchers (:func:`label_sets`): one per path through
the route tree (a value that satisfies every matcher on the way), the same with one label changed
to a value that fails, random combinations of every value seen, and for each inhibit rule a
source and a target alert that agree (or not) on its ``equal`` labels. For each set the original
and the render must reach the same receivers (through the name map), with the same grouping,
timings and time intervals (:func:`compare_routing`), and the same alerts must inhibit each
other (:func:`compare_inhibition`). With ``amtool`` the receivers are also asked of the real
``amtool config routes test`` on both configs (:func:`compare_with_amtool`, a sample, in parallel).

``extra`` labels are added to every set on the render's side only: ``{tenant: ID}`` for
``--tenant ID``, where equivalence means original(L) == name_map(render(L ∪ {tenant=ID})).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.inhibition import InhibitRule, inhibited, parse_inhibit_rules
from receivers_cli.alertmanager.matchers import Matcher, MatchType
from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.alertmanager.versions import Version

Labels = dict[str, str]
ABSENT = ""  # a missing label reads as the empty string
OTHER = "zz-imported-other"
MAX_RANDOM = 300
MAX_SETS = 4000
MAX_AMTOOL = 48
MAX_INHIBITION_POOL = 80


@dataclass(frozen=True)
class Difference:
    """One label set the two configs answer differently (both answers in original names)."""

    labels: Labels
    what: str  # "routing", "inhibition" or "amtool"
    original: str
    imported: str


def _literals(pattern: str) -> list[str]:
    """Literal alternatives of a simple regex (``a|b|c``, ``(x|y)``, ``db.*``'s ``db``)."""
    body = pattern
    if body.startswith("(") and body.endswith(")") and body.count("(") == 1:
        body = body[1:-1]
    found = []
    for part in body.split("|"):
        cleaned = re.sub(r"\.\*|\.\+|\\.|[\^$]", "", part)
        if re.fullmatch(r"[\w .:/@-]*", cleaned):
            found.append(cleaned)
            found.append(part.replace(".*", "").replace(".+", "x").replace("\\", ""))
    return found


def _candidates(matchers: Sequence[Matcher]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for m in matchers:
        bucket = values.setdefault(m.name, [ABSENT, OTHER])
        options = _literals(m.value) if m.is_regex else [m.value]
        for value in options:
            if value not in bucket:
                bucket.append(value)
    return values


def _all_matchers(tree: Route, rules: Sequence[InhibitRule]) -> list[Matcher]:
    found = [m for node in tree.walk() for m in node.matchers]
    for rule in rules:
        found.extend(rule.source)
        found.extend(rule.target)
    return found


def _satisfy(matchers: Sequence[Matcher], candidates: Mapping[str, list[str]]) -> Labels | None:
    labels: Labels = {}
    for name in dict.fromkeys(m.name for m in matchers):
        own = [m for m in matchers if m.name == name]
        value = next((v for v in candidates.get(name, [ABSENT]) if all(m.matches_value(v) for m in own)), None)
        if value is None:
            return None
        if value != ABSENT:
            labels[name] = value
    return labels


def _chain(node: Route) -> list[Matcher]:
    found: list[Matcher] = []
    current: Route | None = node
    while current is not None:
        found.extend(current.matchers)
        current = current.parent
    return found


def label_sets(tree: Route, rules: Sequence[InhibitRule], seed: int = 13) -> list[Labels]:
    """Label sets to compare on (deterministic for a given config and seed)."""
    matchers = _all_matchers(tree, rules)
    candidates = _candidates(matchers)
    seen: set[tuple[tuple[str, str], ...]] = set()
    result: list[Labels] = []

    def add(labels: Labels | None) -> None:
        if labels is None or len(result) >= MAX_SETS:
            return
        key = tuple(sorted(labels.items()))
        if key not in seen:
            seen.add(key)
            result.append(labels)

    add({})
    for node in tree.walk():
        chain = _chain(node)
        base = _satisfy(chain, candidates)
        add(base)
        if base is None:
            continue
        # Variants on the node's own labels: its ancestors' were varied at their own level.
        for name in dict.fromkeys(m.name for m in node.matchers):
            for value in candidates.get(name, []):
                if value != base.get(name, ABSENT):
                    variant = {k: v for k, v in base.items() if k != name}
                    if value != ABSENT:
                        variant[name] = value
                    add(variant)
                    break
    for rule in rules:
        for side in (rule.source, rule.target, (*rule.source, *rule.target)):
            add(_satisfy(side, candidates))
    rng = random.Random(seed)
    names = sorted(candidates)
    for _ in range(MAX_RANDOM):
        labels = {}
        for name in names:
            if rng.random() < 0.5:
                value = rng.choice(candidates[name])
                if value != ABSENT:
                    labels[name] = value
        add(labels)
    return result


# A route match as compared: receiver, grouping, timings, intervals (all in original names).
Outcome = tuple[str, tuple[str, ...], bool, float, float, float, tuple[str, ...], tuple[str, ...]]


def _outcomes(tree: Route, labels: Mapping[str, str], rename: Callable[[str], str],
              interval: Callable[[str], str]) -> list[Outcome]:
    # A receiver renamed to "" is a split receiver's further integration: it is part of the match before it.
    # Grouping by all labels ('...') makes any names listed beside it meaningless: not compared.
    return [
        (rename(r.receiver), () if r.group_by_all else r.group_by, r.group_by_all, r.group_wait.total_seconds(),
         r.group_interval.total_seconds(), r.repeat_interval.total_seconds(),
         tuple(interval(n) for n in r.mute_time_intervals), tuple(interval(n) for n in r.active_time_intervals))
        for r in tree.match(labels) if rename(r.receiver)
    ]


def _describe(outcomes: Sequence[Outcome]) -> str:
    if not outcomes:
        return "nothing"
    parts = []
    for receiver, group_by, by_all, wait, interval, repeat, mute, active in outcomes:
        text = f"{receiver} (group_by {'...' if by_all else list(group_by)}, {wait:g}s/{interval:g}s/{repeat:g}s"
        if mute:
            text += f", muted in {list(mute)}"
        if active:
            text += f", active in {list(active)}"
        parts.append(text + ")")
    return ", ".join(parts)


def compare_routing(original: Route, imported: Route, sets: Sequence[Labels], extra: Mapping[str, str],
                    name_map: Mapping[str, str], interval_map: Mapping[str, str]) -> list[Difference]:
    def rename(name: str) -> str:
        return name_map.get(name, f"<{name}>")

    def same(name: str) -> str:
        return name

    def interval(name: str) -> str:
        return interval_map.get(name, f"<{name}>")

    found = []
    for labels in sets:
        want = _outcomes(original, labels, same, same)
        got = _outcomes(imported, {**labels, **extra}, rename, interval)
        if want != got:
            found.append(Difference(labels, "routing", _describe(want), _describe(got)))
    return found


def compare_inhibition(original: Sequence[InhibitRule], imported: Sequence[InhibitRule], sets: Sequence[Labels],
                       extra: Mapping[str, str]) -> list[Difference]:
    """For each pair (a, b) of a pool of alerts: does a firing inhibit b, in both configs?"""
    if not original and not imported:
        return []
    pool = _inhibition_pool(original, sets)
    found = []
    for source in pool:
        for target in pool:
            want = 1 in inhibited(original, [source, target])
            got = 1 in inhibited(imported, [{**source, **extra}, {**target, **extra}])
            if want != got:
                found.append(Difference(target, "inhibition", f"inhibited by {source}: {want}",
                                        f"inhibited by {source}: {got}"))
                if len(found) > 20:
                    return found
    return found


def _inhibition_pool(rules: Sequence[InhibitRule], sets: Sequence[Labels]) -> list[Labels]:
    candidates = _candidates([m for r in rules for m in (*r.source, *r.target)])
    pool: list[Labels] = []
    for rule in rules:
        for side in (rule.source, rule.target):
            base = _satisfy(side, candidates)
            if base is None:
                continue
            for equal_value in ("eq-1", "eq-2"):
                pool.append({**base, **{name: equal_value for name in rule.equal if name not in base}})
    pool.extend(sets[: max(0, MAX_INHIBITION_POOL - len(pool))])
    unique: dict[tuple[tuple[str, str], ...], Labels] = {}
    for labels in pool:
        unique.setdefault(tuple(sorted(labels.items())), labels)
    return list(unique.values())[:MAX_INHIBITION_POOL]


def build_trees(config: Mapping[str, Any], version: Version) -> tuple[Route, list[InhibitRule]]:
    return build_route_tree(config, version), parse_inhibit_rules(config, version)


# --------------------------------------------------------------------------- the real amtool


def amtool_version(path: str) -> Version | None:
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"version (\d+)\.(\d+)", result.stdout + result.stderr)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _amtool_answer(amtool: str, config: Path, labels: Mapping[str, str]) -> str | None:
    arguments = [str(Matcher(name, MatchType.EQUAL, value)) for name, value in labels.items()]
    try:
        result = subprocess.run([amtool, "config", "routes", "test", f"--config.file={config}", "--", *arguments],
                                capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    lines = [line for line in result.stdout.strip().splitlines()
             if line and not line.startswith(("level=", "time="))]
    return lines[-1] if lines else ""


def amtool_check(amtool: str, config: Path) -> str | None:
    """None when ``amtool check-config`` accepts the file, else its complaint (last lines)."""
    try:
        result = subprocess.run([amtool, "check-config", str(config)], capture_output=True, text=True, timeout=120,
                                check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if result.returncode == 0:
        return None
    return " ".join((result.stdout + result.stderr).strip().splitlines()[-3:])


def compare_with_amtool(amtool: str, original_text: str, imported: Mapping[str, Any], sets: Sequence[Labels],
                        extra: Mapping[str, str], name_map: Mapping[str, str],
                        workers: int = 4) -> tuple[list[Difference], str | None]:
    """Ask the real amtool about a sample of ``sets`` on both configs; (differences, why it could not run)."""
    sample = list(sets[:MAX_AMTOOL])
    with tempfile.TemporaryDirectory(prefix="receivers-import-") as tmp:
        original_file = Path(tmp) / "original.yml"
        original_file.write_text(original_text, "utf-8")
        imported_file = Path(tmp) / "imported.yml"
        imported_file.write_text(json.dumps(imported, ensure_ascii=False), "utf-8")  # JSON is YAML
        refused = amtool_check(amtool, original_file)
        if refused is not None:
            return [], f"amtool refuses the original config ({refused})"
        refused = amtool_check(amtool, imported_file)
        if refused is not None:
            return [Difference({}, "amtool", "accepted", f"the imported config is refused: {refused}")], None
        jobs = [(original_file, labels) for labels in sample] + [
            (imported_file, {**labels, **extra}) for labels in sample
        ]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            answers = list(pool.map(lambda job: _amtool_answer(amtool, *job), jobs))
    found = []
    for i, labels in enumerate(sample):
        want, got = answers[i], answers[len(sample) + i]
        if want is None or got is None:
            found.append(Difference(labels, "amtool", str(want), "amtool failed" if got is None else got))
            continue
        renamed = [name_map.get(name, f"<{name}>") for name in got.split(",")] if got else []
        mapped = ",".join(name for name in renamed if name)
        if want != mapped:
            found.append(Difference(labels, "amtool", want, mapped))
    return found, None
