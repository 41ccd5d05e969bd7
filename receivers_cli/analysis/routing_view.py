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
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from receivers_cli import __version__
from receivers_cli.alertmanager.versions import Version

if TYPE_CHECKING:
    from receivers_cli.analysis.explain import Context
    from receivers_cli.api import Project
    from receivers_cli.errors import Problem

CACHE_FORMAT = 3
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

    def explain_context(self) -> Context:
        from receivers_cli.analysis.explain import Context

        names = tuple(str(r.get("name")) for r in self.config.get("receivers") or [])
        return Context(self.locations, self.tenant_label, self.severity_label, self.severities, names)


def view_of(project: Project, native: dict[str, Any]) -> RoutingView:
    from receivers_cli.analysis.explain import locations
    from receivers_cli.api import receiver_source
    from receivers_cli.targets.native import routing_part

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


def routing_view(tenants: Path, config: Path | None, alertmanager_version: str | None) -> RoutingView:
    """The routing view of the repository; raises :class:`ProblemsError` for invalid input."""
    key = _cache_key(tenants, config, alertmanager_version)
    cached = _read(key) if key else None
    if cached is not None:
        return cached
    view = _build(tenants, config, alertmanager_version)
    if key and not view.problems:
        _write(key, view)
    return view


def _build(tenants: Path, config: Path | None, alertmanager_version: str | None) -> RoutingView:
    from dataclasses import replace

    from receivers_cli.api import broken_tenants, load_healthy_project, preview_config

    project, errors = load_healthy_project([tenants], config, alertmanager_version=alertmanager_version)
    view = view_of(project, preview_config(project))
    return replace(view, problems=tuple(errors), broken=tuple(broken_tenants(project, errors)))


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
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0{alertmanager_version or ''}\0".encode())
    from receivers_cli.loading.project import discover_tenant_files

    files = discover_tenant_files([tenants])
    if config is not None and config.is_file():
        files.append(config)
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # let the real load report it
        digest.update(str(path.resolve()).encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _read(key: str) -> RoutingView | None:
    directory = _cache_dir()
    if directory is None:
        return None
    try:
        data = json.loads((directory / f"routes-{key}.json").read_text("utf-8"))
        return RoutingView(data["config"], (data["version"][0], data["version"][1]), data["sources"],
                           tenant_label=data["tenant_label"], locations=data["locations"],
                           severity_label=data["severity_label"], severities=tuple(data["severities"]))
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
                              "severity_label": view.severity_label, "severities": list(view.severities)})
        fd, tmp = tempfile.mkstemp(prefix=".routes-", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, directory / f"routes-{key}.json")
        entries = sorted(directory.glob("routes-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is only slower
