"""The routing part of a render, for routing questions (``receivers routes``), with a cache.

Building it means loading and checking every tenant file (about 1 s for 1,000 tenants); answering
one label set from it takes milliseconds. So the view is cached, keyed by the tool version, the
target version and the sha256 of every input file's bytes: any change to any input is a miss. The
view holds no secret (receiver integration settings are not part of it), only routes, receiver
names, inhibit rules, time intervals and the file:line each receiver came from. Problems are never
cached: a view built while some tenant has errors is not stored, so they are reported every time.

A tenant with errors fails alone: the view holds the healthy tenants, and ``problems`` / ``broken``
say which tenants are missing and why. Only errors of the platform file raise.

``RECEIVERS_CACHE_DIR`` moves the cache (default ``$XDG_CACHE_HOME/receivers`` or
``~/.cache/receivers``); ``RECEIVERS_NO_CACHE=1`` turns it off.

A question about one label set (``routes test``) needs less: :func:`routing_view` with ``labels``
builds a *focused* view, from the platform file and the files of the one tenant whose route can
match those labels. Why nothing else can change the answer: the root's children are the platform's
observers and ``routes.before``, one route per tenant, ``routes.after`` and the catch-all, in that
order; a tenant's route has exactly the matcher ``<tenant_label>="<id>"`` (the tenant-label
isolation every routing view is built with), and a route is entered only when its own matchers
match. So for an alert whose tenant label is ``a``, every other tenant's route is skipped whatever
it holds (a skipped route ends nothing, ``continue`` or not), and with no tenant label (or a value
no file is named after: the id is the file's stem, R011) every tenant's is. Tenant inhibit rules
carry the tenant matcher on their target side, so another tenant's rules cannot inhibit the alert;
the intervals a route names are its own tenant's or the platform's. The files of that tenant (all
of them, ``a.yaml`` and ``a.yml`` included) go through the full pipeline; every other file gets
the quick check of ``validation/quick.py`` and is checked in full only when it fails it, so its
problems are reported as the full view reports them. The tenant names the hints offer are those
of every sound file. Focused views are cached like full ones (per question); a full view in the
cache answers a focused question too.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from receivers_cli import __version__
from receivers_cli.alertmanager.versions import Version

if TYPE_CHECKING:
    from receivers_cli.analysis.explain import Context
    from receivers_cli.api import Project
    from receivers_cli.errors import Problem

CACHE_FORMAT = 4
KEEP_ENTRIES = 32


@dataclass(frozen=True)
class RoutingView:
    config: dict[str, Any]  # native: route, receivers (names only), inhibit_rules, time_intervals
    version: Version
    sources: dict[str, str]  # rendered receiver name → "file:line" of its definition
    problems: tuple[Problem, ...] = field(default=(), compare=False)  # errors of the tenants left out
    broken: tuple[str, ...] = field(default=(), compare=False)  # the ids of those tenants
    tenant_label: str = "tenant"
    # For ``routes test --explain`` and its hints: file:line of routes, intervals and inhibit rules
    # (keys of analysis/explain.py) and the severity ladder.
    locations: dict[str, str] = field(default_factory=dict)
    severity_label: str = "severity"
    severities: tuple[str, ...] = ()
    # Every sound tenant's id when the config holds only some of them (a focused view); None: the
    # config's tenant routes are every tenant.
    tenants: tuple[str, ...] | None = None

    def explain_context(self) -> Context:
        from receivers_cli.analysis.explain import Context

        names = tuple(str(r.get("name")) for r in self.config.get("receivers") or [])
        return Context(self.locations, self.tenant_label, self.severity_label, self.severities, names,
                       tenants=self.tenants)


def view_of(project: Project, native: dict[str, Any]) -> RoutingView:
    from receivers_cli.alertmanager.routing import routing_part
    from receivers_cli.analysis.explain import locations
    from receivers_cli.api import receiver_source

    part = routing_part(native)
    sources = {r["name"]: receiver_source(project, r["name"]) for r in part["receivers"]}
    platform = project.platform
    return RoutingView(part, project.version, sources, tenant_label=platform.tenant_label,
                       locations=locations(project), severity_label=platform.severity_label,
                       severities=tuple(platform.severities))


def remember(tenants: Path, config: Path | None, alertmanager_version: str | None, view: RoutingView) -> None:
    """Store a view built elsewhere (``render`` has everything at hand) for later questions."""
    key = _cache_key(tenants, config, alertmanager_version)
    if key:
        _write(key, view)


def routing_view(tenants: Path, config: Path | None, alertmanager_version: str | None,
                 labels: Sequence[str] | None = None) -> RoutingView:
    """The routing view of the repository; raises :class:`ProblemsError` for invalid input.

    With ``labels`` (``LABEL=VALUE`` arguments, as ``routes test`` takes them), the view may be
    focused on the tenant those labels name (see the module docstring): it answers that label set
    exactly as the full view does, and nothing else."""
    from receivers_cli.loading.project import discover_tenant_files

    files = discover_tenant_files([tenants])
    contents = _contents(files) if _cache_dir() is not None else None
    key = _key(tenants, files, contents, config, alertmanager_version) if contents is not None else None
    focused = labels is not None and not tenants.is_symlink() and tenants.is_dir()
    focus_key = _focus_key(key, labels) if key and focused and labels is not None else None
    for entry in (focus_key, key):
        cached = _read(entry) if entry else None
        if cached is not None:
            return cached
    if focused and labels is not None:
        view = _build_focused(tenants, config, alertmanager_version, labels, files, contents or {})
    else:
        view = _build(tenants, config, alertmanager_version)
    if key and not view.problems:
        _write(focus_key or key, view)
    return view


def _build(tenants: Path, config: Path | None, alertmanager_version: str | None) -> RoutingView:
    from dataclasses import replace

    from receivers_cli.api import broken_tenants, load_healthy_project, preview_config

    project, errors = load_healthy_project([tenants], config, alertmanager_version=alertmanager_version)
    view = view_of(project, preview_config(project, templates=False))
    return replace(view, problems=tuple(errors), broken=tuple(broken_tenants(project, errors)))


def _build_focused(tenants: Path, config: Path | None, alertmanager_version: str | None,
                   labels: Sequence[str], files: list[Path], contents: Mapping[Path, bytes]) -> RoutingView:
    """The view of the platform and of the tenant ``labels`` name; every other file quick-checked
    (from ``contents`` when the cache key has read it already)."""
    from collections import Counter
    from dataclasses import replace

    from receivers_cli import integrations
    from receivers_cli.api import load_project, preview_config, validated
    from receivers_cli.loading.project import discovery_problems, outside_problem
    from receivers_cli.loading.yaml_source import display_path
    from receivers_cli.validation.levels import ValidationLevel
    from receivers_cli.validation.quick import quick_tenants

    # The platform alone first: its target version reads the labels, its tenant label picks the tenant.
    base = load_project([], config, alertmanager_version=alertmanager_version, schema=False)
    tenant = _tenant_of(labels, base.version, base.platform.tenant_label)
    stems = Counter(path.stem for path in files)
    channel_types = frozenset(integrations.catalog())
    linked: dict[Path, bool] = {}  # per folder: does the way to it go through a link (R015)?
    for path in files:
        if path.parent not in linked:
            linked[path.parent] = outside_problem(path) is not None
    # Two files of one id (a.yaml, a.yml) are R121 in full; the question's tenant always is in full.
    others = [p for p in files if p.stem != tenant and stems[p.stem] == 1 and not linked[p.parent]]
    sound = [path for path, ok in zip(others, quick_tenants(others, channel_types, contents), strict=True) if ok]
    full = sorted(set(files) - set(sound))
    project = load_project(full, config, alertmanager_version=alertmanager_version, schema=False)
    # What loading the folder itself adds: its own problems (R013, R014) and every tenant id in it.
    tenant_files = {path.stem: [display_path(path)] for path in sound}
    tenant_files.update({k: list(v) for k, v in project.tenant_files.items()})
    project = replace(project, problems=(*project.problems, *discovery_problems([tenants])),
                      tenant_files=tenant_files, sees_tenant_folder=True)
    project = validated(project, ValidationLevel.STANDARD)
    errors = project.errors()
    broken = set(project.tenant_errors(errors))  # raises for the platform's errors
    project = replace(project, tenants=tuple(t for t in project.tenants if t.doc.file not in broken))
    view = view_of(project, preview_config(project, templates=False))
    ids = sorted({t.id for t in project.tenants} | {path.stem for path in sound})
    return replace(view, problems=tuple(errors), broken=tuple(project.broken_tenants(errors)), tenants=tuple(ids))


def _tenant_of(labels: Sequence[str], version: Version, tenant_label: str) -> str | None:
    """The tenant label's value in ``labels`` as ``routes test`` reads them (each one a matcher of
    the target version's parser, the last of a name wins); None without one. Arguments that do not
    parse are the command's usage error: then no tenant is needed (nothing is answered)."""
    from receivers_cli.alertmanager.matchers import MatcherError, MatchType, parse_matcher

    value: str | None = None
    for item in labels:
        try:
            matcher = parse_matcher(item, version)
        except MatcherError:
            return None
        if matcher.type is not MatchType.EQUAL:
            return None
        if matcher.name == tenant_label:
            value = matcher.value
    return value


def _focus_key(key: str, labels: Sequence[str]) -> str:
    """The cache entry of a focused view: the inputs' key and the question's arguments."""
    return hashlib.sha256(("\0".join([key, "focus", *labels])).encode()).hexdigest()


def _cache_dir() -> Path | None:
    if os.environ.get("RECEIVERS_NO_CACHE"):
        return None
    if os.environ.get("RECEIVERS_CACHE_DIR"):
        return Path(os.environ["RECEIVERS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "receivers"


def _cache_key(tenants: Path, config: Path | None, alertmanager_version: str | None) -> str | None:
    if _cache_dir() is None:
        return None
    from receivers_cli.loading.project import discover_tenant_files

    files = discover_tenant_files([tenants])
    contents = _contents(files)
    return _key(tenants, files, contents, config, alertmanager_version) if contents is not None else None


def _contents(files: list[Path]) -> dict[Path, bytes] | None:
    """The bytes of every tenant file, read as the load reads them (a regular file, never through a
    link, bounded); None when one cannot be read so: the load reports it, and nothing is cached."""
    from receivers_cli.errors import ProblemsError
    from receivers_cli.loading.yaml_source import read_regular_file

    try:
        return {path: read_regular_file(path, str(path)) for path in files}
    except ProblemsError:
        return None


def _key(tenants: Path, files: list[Path], contents: Mapping[Path, bytes], config: Path | None,
         alertmanager_version: str | None) -> str | None:
    """The cache key: the formats, the target version, and every input's absolute path and sha256."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0{alertmanager_version or ''}\0".encode())
    # The folder is resolved once and its files named below it, in plain strings (a path object
    # per file cost more than the hashing); a file that is a link is an error, never cached.
    folder, named = str(tenants.resolve()), str(tenants)
    for path in files:
        head, name = os.path.split(str(path))
        absolute = os.path.join(folder, name) if head == named else str(path.resolve())
        digest.update(absolute.encode() + b"\0" + hashlib.sha256(contents[path]).digest())
    if config is not None and config.is_file():
        try:
            data = config.read_bytes()
        except OSError:
            return None  # let the real load report it
        digest.update(str(config.resolve()).encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _read(key: str) -> RoutingView | None:
    directory = _cache_dir()
    if directory is None:
        return None
    try:
        data = json.loads((directory / f"routes-{key}.json").read_text("utf-8"))
        return RoutingView(data["config"], (data["version"][0], data["version"][1]), data["sources"],
                           tenant_label=data["tenant_label"], locations=data["locations"],
                           severity_label=data["severity_label"], severities=tuple(data["severities"]),
                           tenants=None if data["tenants"] is None else tuple(data["tenants"]))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None


def _write(key: str, view: RoutingView) -> None:
    directory = _cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = json.dumps({"config": view.config, "version": list(view.version), "sources": view.sources,
                              "tenant_label": view.tenant_label, "locations": view.locations,
                              "severity_label": view.severity_label, "severities": list(view.severities),
                              "tenants": None if view.tenants is None else list(view.tenants)})
        fd, tmp = tempfile.mkstemp(prefix=".routes-", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, directory / f"routes-{key}.json")
        entries = sorted(directory.glob("routes-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is only slower
