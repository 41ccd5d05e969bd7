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
import os
import random
import re
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.compiled_routing import compile_tree
from receivers_cli.alertmanager.inhibition import InhibitRule, parse_inhibit_rules
from receivers_cli.alertmanager.matchers import Matcher, MatchType, format_matchers, sort_matchers
from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.alertmanager.versions import Version

Labels = dict[str, str]
ABSENT = ""  # a missing label reads as the empty string
OTHER = "zz-imported-other"
MAX_RANDOM = 300
MAX_SETS = 12000  # about 3 per route of a 4,000-route config, plus the random ones
MAX_ALTERNATIVES = 16  # literal alternatives tried per regex matcher
MAX_AMTOOL = 48  # sets asked of `amtool config routes test` when its trees differ from the simulator's
MAX_AMTOOL_AGREED = 16  # ... at least, when amtool reads every route as the simulator does:
AMTOOL_ROUTE_BUDGET = 4800  # then MAX_AMTOOL sets up to 100 routes, fewer for bigger trees (each call reads all)
MAX_INHIBITION_POOL = 80


@dataclass(frozen=True)
class Difference:
    """One label set the two configs answer differently (both answers in original names)."""

    labels: Labels
    what: str  # "routing", "inhibition" or "amtool"
    original: str
    imported: str


def _literals(pattern: str) -> list[str]:
    """Literal alternatives of a simple regex (``a|b|c``, ``(x|y)``, ``db.*``'s ``db``, ``^(a|b)$``)."""
    return list(_literals_of(pattern))


@lru_cache(maxsize=4096)  # a config repeats the same few patterns on many routes
def _literals_of(pattern: str) -> tuple[str, ...]:
    found = _alternatives(pattern)
    # Alertmanager anchors every regex itself, so ``^``/``$`` and one group around the whole
    # pattern (``(?:...)``) change nothing: the alternatives inside are literals too.
    body = pattern[1:] if pattern.startswith("^") else pattern
    if body.endswith("$") and not body.endswith("\\$"):
        body = body[:-1]
    if body.startswith("(?:") and body.endswith(")") and body.count("(") == 1:
        body = "(" + body[3:]
    if body != pattern:
        found.extend(value for value in _alternatives(body) if value not in found)
    return tuple(found)


def _alternatives(pattern: str) -> list[str]:
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
        options = _literals_of(m.value) if m.is_regex else (m.value,)
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


def _satisfy(matchers: Sequence[Matcher], candidates: Mapping[str, list[str]],
             memo: dict[tuple[Matcher, ...], str | None] | None = None) -> Labels | None:
    """The first candidate value of each label that every matcher on it accepts (None: no value does).

    ``memo`` keeps the value chosen for a label's matchers: sibling routes share their ancestors'."""
    labels: Labels = {}
    by_name: dict[str, list[Matcher]] = {}
    for m in matchers:
        by_name.setdefault(m.name, []).append(m)
    for name, matching in by_name.items():
        own = tuple(matching)
        if memo is not None and own in memo:
            value = memo[own]
        else:
            value = next((v for v in candidates.get(name, [ABSENT]) if all(m.matches_value(v) for m in own)), None)
            if memo is not None:
                memo[own] = value
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
    memo: dict[tuple[Matcher, ...], str | None] = {}
    answers: dict[tuple[tuple[Matcher, ...], str], bool] = {}

    def accepts(matchers: tuple[Matcher, ...], value: str) -> bool:
        # Sibling routes repeat the same matchers (and values): each pair is decided once.
        key = (matchers, value)
        found = answers.get(key)
        if found is None:
            found = answers[key] = all(m.matches_value(value) for m in matchers)
        return found

    for node in tree.walk():
        chain = _chain(node)
        base = _satisfy(chain, candidates, memo)
        add(base)
        if base is None:
            continue
        # Variants on the node's own labels: its ancestors' were varied at their own level.
        for name in dict.fromkeys(m.name for m in node.matchers):
            for value in candidates.get(name, []):
                if value != base.get(name, ABSENT):
                    add(_with(base, name, value))
                    break
            own = tuple(m for m in node.matchers if m.name == name)
            on_chain = tuple(m for m in chain if m.name == name)
            # The boundary with the siblings: a value this node's own matchers on the label refuse
            # (the first different value above may still be one they accept, e.g. for ``!=``).
            failing = next((v for v in candidates.get(name, []) if not accepts(own, v)), None)
            if failing is not None:
                add(_with(base, name, failing))
            # Every literal alternative of the node's own regexes that the route accepts, not only
            # the first: ``severity=~"critical|error"`` is also tried with ``error``.
            for m in own:
                if m.type is MatchType.REGEX:
                    for value in dict.fromkeys(_literals_of(m.value)[:2 * MAX_ALTERNATIVES]):
                        if value != base.get(name, ABSENT) and accepts(on_chain, value):
                            add(_with(base, name, value))
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


def _with(base: Labels, name: str, value: str) -> Labels:
    """``base`` with label ``name`` set to ``value`` (removed for the empty value)."""
    variant = {k: v for k, v in base.items() if k != name}
    if value != ABSENT:
        variant[name] = value
    return variant


# A route match as compared: receiver, grouping, timings, intervals (all in original names).
Outcome = tuple[str, tuple[str, ...], bool, float, float, float, tuple[str, ...], tuple[str, ...]]


def _outcome(r: Route, rename: Callable[[str], str], interval: Callable[[str], str]) -> Outcome:
    # Grouping by all labels ('...') makes any names listed beside it meaningless: not compared.
    return (rename(r.receiver), () if r.group_by_all else r.group_by, r.group_by_all, r.group_wait.total_seconds(),
            r.group_interval.total_seconds(), r.repeat_interval.total_seconds(),
            tuple(interval(n) for n in r.mute_time_intervals), tuple(interval(n) for n in r.active_time_intervals))


class _Answers:
    """One tree's outcomes for label sets: matched once per set (compiled), each route's outcome once."""

    def __init__(self, tree: Route, rename: Callable[[str], str], interval: Callable[[str], str]) -> None:
        self.tree = compile_tree(tree)
        self.rename, self.interval = rename, interval
        self.outcomes: dict[Route, Outcome] = {}

    def __call__(self, labels: Mapping[str, str]) -> list[Outcome]:
        found = []
        for route in self.tree.match(labels):
            outcome = self.outcomes.get(route)
            if outcome is None:
                outcome = self.outcomes[route] = _outcome(route, self.rename, self.interval)
            # A receiver renamed to "" is a split receiver's further integration: part of the match before it.
            if outcome[0]:
                found.append(outcome)
        return found


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

    want_of = _Answers(original, same, same)
    got_of = _Answers(imported, rename, interval)
    found = []
    for labels in sets:
        want = want_of(labels)
        got = got_of({**labels, **extra} if extra else labels)
        if want != got:
            found.append(Difference(labels, "routing", _describe(want), _describe(got)))
    return found


def compare_inhibition(original: Sequence[InhibitRule], imported: Sequence[InhibitRule], sets: Sequence[Labels],
                       extra: Mapping[str, str]) -> list[Difference]:
    """For each pair (a, b) of a pool of alerts: does a firing inhibit b, in both configs?"""
    if not original and not imported:
        return []
    pool = _inhibition_pool(original, sets)
    want_of = _PairInhibition(original, pool)
    got_of = _PairInhibition(imported, [{**labels, **extra} for labels in pool])
    found = []
    for a, source in enumerate(pool):
        for b, target in enumerate(pool):
            want = want_of(a, b)
            got = got_of(a, b)
            if want != got:
                found.append(Difference(target, "inhibition", f"inhibited by {source}: {want}",
                                        f"inhibited by {source}: {got}"))
                if len(found) > 20:
                    return found
    return found


class _PairInhibition:
    """``1 in inhibited(rules, [alerts[a], alerts[b]])`` for every pair, each side matched once.

    With only ``a`` and ``b`` firing, ``b`` is inhibited when some rule's target side matches
    ``b``, its source side matches ``a``, both agree on its ``equal`` labels, and not both ``b``
    matches the source side and ``a`` the target side (alerts matching both sides cannot inhibit
    each other). ``b`` never inhibits itself: matching both sides, it is disregarded as a source.
    ``tests/importers/test_selfcheck.py`` checks this against :func:`inhibited` itself."""

    def __init__(self, rules: Sequence[InhibitRule], alerts: Sequence[Labels]) -> None:
        self.rules = [(tuple(r.matches_source(x) for x in alerts), tuple(r.matches_target(x) for x in alerts),
                       tuple(tuple(x.get(n, "") for n in r.equal) for x in alerts)) for r in rules]

    def __call__(self, a: int, b: int) -> bool:
        return any(target[b] and source[a] and equal[a] == equal[b] and not (source[b] and target[a])
                   for source, target, equal in self.rules)


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


SHARED_MEMORY = "/dev/shm"
SCRATCH_MIN_FREE = 256 * 1024 * 1024


def scratch_parent() -> str | None:
    """Where the self-check's throwaway files go: RAM (``/dev/shm``) when it is there, writable and
    roomy, else the usual temporary folder; an explicit ``TMPDIR`` is always honoured.

    The scratch copies are read back at once and deleted; nothing needs them on a disk, and on a
    busy disk writing and reading back 50 files cost more wall time than the whole check."""
    if "TMPDIR" in os.environ:
        return None
    try:
        info = os.statvfs(SHARED_MEMORY)
    except OSError:
        return None
    roomy = info.f_bavail * info.f_frsize >= SCRATCH_MIN_FREE
    return SHARED_MEMORY if roomy and os.path.isdir(SHARED_MEMORY) and os.access(SHARED_MEMORY, os.W_OK | os.X_OK) \
        else None


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


def amtool_tree(tree: Route) -> list[tuple[int, str]]:
    """Each node as ``amtool config routes`` prints it: (depth, ``{matchers}  continue: true  receiver: X``).

    amtool prints a legacy ``match_re`` value the way it stores it, anchored (``^(?:prod|dev)$``),
    and any route without matchers (the root, a catch-all child) as ``default-route``."""
    lines = []
    for node in tree.walk():
        found = node.raw.get("match_re")
        legacy: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        shown = [Matcher(m.name, m.type, f"^(?:{m.value})$")
                 if m.type is MatchType.REGEX and legacy.get(m.name) is not None and str(legacy[m.name]) == m.value
                 else m for m in node.matchers]
        text = format_matchers(sort_matchers(shown)) if shown else "default-route"  # also a child without any
        if node.continue_:
            text += "  continue: true"
        lines.append((len(node.path), f"{text}  receiver: {node.receiver}"))
    return lines


def _amtool_printed_tree(amtool: str, config: Path) -> list[tuple[int, str]] | None:
    """The tree ``amtool config routes`` prints for ``config`` as (depth, text), None if it fails."""
    try:
        result = subprocess.run([amtool, "config", "routes", f"--config.file={config}"], capture_output=True,
                                text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    lines = []
    for line in result.stdout.splitlines():
        at = line.find("\u2500\u2500 ")  # "── " after "├" or "└"; each level above is 4 characters wide
        if at >= 1:
            lines.append(((at - 1) // 4, line[at + 3:]))
    return lines


@dataclass
class AmtoolCheck:
    """What the real amtool was asked and how it answered."""

    differences: list[Difference]
    skipped: str | None = None  # why it could not judge (then nothing else holds)
    label_sets: int = 0  # asked of ``amtool config routes test`` on both configs
    routes: int | None = None  # routes amtool read exactly as the simulator does (both trees), else None


def compare_with_amtool(amtool: str, original_text: str, imported: Mapping[str, Any], sets: Sequence[Labels],
                        extra: Mapping[str, str], name_map: Mapping[str, str], workers: int = 4,
                        trees: tuple[Route, Route] | None = None) -> AmtoolCheck:
    """Ask the real amtool about both configs: does it accept them, does it read every route as the
    simulator does (``trees``: the simulator's original and imported trees), and does it route a
    sample of ``sets`` alike.

    ``amtool config routes test`` takes one label set per process and re-reads the whole config
    each time (about 80 ms for 1,000 routes), so the sample is what costs. When amtool prints both
    trees exactly as the simulator reads them (every route's matchers, ``continue`` and receiver,
    in order), the simulator's comparison on every label set holds for amtool too, and a small
    sample spread over the whole tree confirms the matching end to end (:data:`MAX_AMTOOL` sets up
    to 100 routes, down to :data:`MAX_AMTOOL_AGREED` for 300 routes and more); otherwise the
    larger sample of the first :data:`MAX_AMTOOL` sets decides, as before."""
    with tempfile.TemporaryDirectory(prefix="receivers-import-", dir=scratch_parent()) as tmp:
        original_file = Path(tmp) / "original.yml"
        original_file.write_text(original_text, "utf-8")
        imported_file = Path(tmp) / "imported.yml"
        imported_file.write_text(json.dumps(imported, ensure_ascii=False), "utf-8")  # JSON is YAML
        with ThreadPoolExecutor(max_workers=workers) as pool:
            checks = pool.map(lambda path: amtool_check(amtool, path), (original_file, imported_file))
            printed = list(pool.map(lambda path: _amtool_printed_tree(amtool, path), (original_file, imported_file)))
            refused_original, refused_imported = checks
            if refused_original is not None:
                return AmtoolCheck([], f"amtool refuses the original config ({refused_original})")
            if refused_imported is not None:
                return AmtoolCheck([Difference({}, "amtool", "accepted",
                                               f"the imported config is refused: {refused_imported}")])
            agreed = trees is not None and all(
                shown is not None and shown == amtool_tree(tree) for shown, tree in zip(printed, trees, strict=True))
            if agreed and trees is not None:
                size = max(sum(1 for _ in tree.walk()) for tree in trees)
                sample = _spread(sets, max(MAX_AMTOOL_AGREED, min(MAX_AMTOOL, AMTOOL_ROUTE_BUDGET // size)))
            else:
                sample = list(sets[:MAX_AMTOOL])
            jobs = [(original_file, labels) for labels in sample] + [
                (imported_file, {**labels, **extra}) for labels in sample
            ]
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
    routes = sum(1 for _ in trees[0].walk()) + sum(1 for _ in trees[1].walk()) if agreed and trees else None
    return AmtoolCheck(found, None, len(sample), routes)


def _spread(sets: Sequence[Labels], count: int) -> list[Labels]:
    """``count`` of ``sets`` evenly spaced: the sets follow the tree, so the sample spans all of it."""
    if len(sets) <= count:
        return list(sets)
    step = len(sets) / count
    return [sets[int(i * step)] for i in range(count)]
