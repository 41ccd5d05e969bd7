"""``receivers diff``: what a change does, per tenant, and which sample alerts now route differently.

Both sides are native configurations: a rendered output folder, or a git revision of the config
repository (rendered in memory without secrets, like ``receivers routes``). Secret values never
appear: a changed secret is reported by field name only.
"""

from __future__ import annotations

import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from itertools import islice
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.matchers import MatchType, parse_matchers
from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.alertmanager.versions import Version, parse_version
from receivers_cli.errors import Problem, ProblemsError

PLATFORM = "_platform"
MAX_SAMPLES_PER_TENANT = 64


@dataclass
class Side:
    """One side of a diff: a native config, its templates, and the version to read it as."""

    name: str
    config: dict[str, Any]
    templates: dict[str, str]
    version: Version


@dataclass
class TenantDiff:
    tenant: str
    receivers: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    inhibit_rules: list[str] = field(default_factory=list)
    time_intervals: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    routing: list[dict[str, Any]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.receivers or self.routes or self.inhibit_rules or self.time_intervals or self.templates
                    or self.routing)


@dataclass
class DiffReport:
    old: str
    new: str
    tenants: list[TenantDiff]

    def changed(self) -> list[TenantDiff]:
        return [t for t in self.tenants if not t.empty()]


def load_side(spec: str, *, tenants_dir: str = "tenants", config_file: str = "receivers.yaml") -> Side:
    """A rendered output folder, or a git revision of the config repository in the working directory."""
    path = Path(spec)
    if path.is_dir() and (path / "alertmanager.yml").is_file():
        return _load_folder(path)
    return _load_revision(spec, tenants_dir, config_file)


def _load_folder(path: Path) -> Side:
    from receivers_cli.loading.yaml_source import load_file

    doc = load_file(path / "alertmanager.yml")
    if not isinstance(doc.data, dict):
        raise ProblemsError([doc.problem((), "D001", "not an Alertmanager configuration")])
    templates = {
        p.relative_to(path).as_posix(): p.read_text("utf-8", errors="replace")
        for p in sorted((path / "templates").glob("*.tmpl"))
    }
    version = _version_from_header(doc.text)
    return Side(str(path), doc.data, templates, version)


def _version_from_header(text: str) -> Version:
    match = re.search(r"for Alertmanager (\d+\.\d+)", text[:400])
    return parse_version(match.group(1)) if match else (0, 25)


def _load_revision(rev: str, tenants_dir: str, config_file: str) -> Side:
    from receivers_cli.api import load_checked_project, preview_build

    done = subprocess.run(["git", "archive", "--format=tar", rev], capture_output=True, timeout=120)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ProblemsError([Problem(rev, 0, 0, "D002", f"{rev!r} is neither an output folder nor a git revision"
                                     + (f" ({message[-1]})" if message else ""),
                                     "give a folder holding alertmanager.yml, or a commit such as HEAD~1")])
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(done.stdout)) as archive:
            members, refused = _plain_members(archive, rev, tenants_dir, config_file)
            if refused:
                raise ProblemsError(refused)
            archive.extractall(tmp, members=members, filter="data")
        root = Path(tmp)
        config = root / config_file
        try:
            project = load_checked_project([root / tenants_dir], config if config.exists() else None)
        except ProblemsError as exc:
            raise ProblemsError([Problem(f"{rev}:{p.file.removeprefix(tmp + '/')}", p.line, p.column, p.rule,
                                         p.message, p.hint) for p in exc.problems]) from None
        result = preview_build(project)
        return Side(rev, result.config, result.templates, project.version)


def _plain_members(
    archive: tarfile.TarFile, rev: str, tenants_dir: str, config_file: str
) -> tuple[list[tarfile.TarInfo], list[Problem]]:
    """The archive's folders and regular files; a link or special file where input is read is refused.

    A committed symlink (git mode 120000) is never followed or extracted: one under the tenants
    folder, or the platform file, or the tenants folder itself, is a problem (R015) naming the
    revision and path; links elsewhere in the repository are not input and are left out.
    """
    tenants = tenants_dir.strip("/")
    config = config_file.strip("/")
    members: list[tarfile.TarInfo] = []
    refused: list[Problem] = []
    for member in archive.getmembers():
        if member.isfile() or member.isdir():
            members.append(member)
            continue
        name = member.name.strip("/")
        if name in (tenants, config) or name.startswith(tenants + "/"):
            what = "a symbolic link" if member.issym() else "a hard link" if member.islnk() else "not a regular file"
            refused.append(Problem(f"{rev}:{name}", 1, 1, "R015",
                                   f"the file is {what} in {rev}; tenant and platform files must be regular files",
                                   "commit the YAML itself, not a link"))
    return members, refused


def diff_sides(old: Side, new: Side) -> DiffReport:
    tenants = sorted(_tenants(old) | _tenants(new))
    old_root, new_root = build_route_tree(old.config, old.version), build_route_tree(new.config, new.version)
    samples = _sample_values(old_root)
    for label, values in _sample_values(new_root).items():
        samples.setdefault(label, set()).update(values)
    tenant_label = _tenant_label(new_root) or _tenant_label(old_root) or "tenant"
    report = DiffReport(old.name, new.name, [])
    for tenant in tenants:
        entry = TenantDiff(tenant)
        entry.receivers = _diff_named(_receivers(old.config, tenant), _receivers(new.config, tenant), "receiver")
        entry.routes = _diff_named(_routes(old_root, tenant), _routes(new_root, tenant), "route")
        entry.inhibit_rules = _diff_named(_inhibit(old, tenant_label, tenant), _inhibit(new, tenant_label, tenant),
                                          "inhibit rule")
        entry.time_intervals = _diff_named(_intervals(old.config, tenant), _intervals(new.config, tenant),
                                           "time interval")
        entry.templates = _diff_named(_templates(old.templates, tenant), _templates(new.templates, tenant),
                                      "template file")
        for labels in islice(_label_sets(tenant_label, tenant, samples), MAX_SAMPLES_PER_TENANT):
            before = [r.receiver for r in old_root.match(labels)]
            after = [r.receiver for r in new_root.match(labels)]
            if before != after:
                entry.routing.append({"labels": labels, "old": before, "new": after})
        report.tenants.append(entry)
    return report


def _tenant_label(root: Route) -> str | None:
    """The label of the matcher by which a top-level route selects the tenant owning its receiver."""
    for route in root.routes:
        for m in route.matchers:
            if m.type is MatchType.EQUAL and route.receiver.startswith(m.value + "/"):
                return m.name
    return None


def _owner(name: str) -> str:
    return name.split("/", 1)[0] if "/" in name else PLATFORM


def _tenants(side: Side) -> set[str]:
    names = {_owner(str(r.get("name", ""))) for r in side.config.get("receivers") or []}
    return names | {name.removesuffix(".tmpl").split("/")[-1] for name in side.templates}


def _receivers(config: Mapping[str, Any], tenant: str) -> dict[str, Any]:
    from receivers_cli.render.output import secret_field_names

    secrets = secret_field_names()
    return {
        r["name"]: _mask(r, secrets)
        for r in config.get("receivers") or []
        if _owner(str(r.get("name", ""))) == tenant
    }


def _mask(value: Any, secrets: frozenset[str]) -> Any:
    """Secret values become a stable marker so that a change shows as 'changed' without the value."""
    if isinstance(value, dict):
        return {k: (("<secret:" + _fingerprint(v) + ">") if k in secrets and isinstance(v, str) else _mask(v, secrets))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v, secrets) for v in value]
    return value


def _fingerprint(value: str) -> str:
    import hashlib

    # Only used to tell 'changed' from 'same' inside this process; never printed.
    return hashlib.sha256(value.encode()).hexdigest()


def _routes(root: Route, tenant: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for node in root.walk():
        if node.is_root or _owner(node.receiver) != tenant:
            continue
        key = f"{node.label()} -> {node.receiver}"
        found[key] = {
            "continue": node.continue_, "group_by": node.group_by, "group_wait": str(node.group_wait),
            "group_interval": str(node.group_interval), "repeat_interval": str(node.repeat_interval),
            "mute": node.mute_time_intervals, "active": node.active_time_intervals,
        }
    return found


def _inhibit(side: Side, tenant_label: str, tenant: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for rule in side.config.get("inhibit_rules") or []:
        scope = [
            m.value
            for text in rule.get("source_matchers") or []
            for m in parse_matchers(text, side.version)
            if m.name == tenant_label and m.type is MatchType.EQUAL
        ]
        owner = scope[0] if scope else PLATFORM
        if owner == tenant:
            key = " / ".join([*rule.get("source_matchers", []), "->", *rule.get("target_matchers", [])])
            found[key] = rule.get("equal")
    return found


def _intervals(config: Mapping[str, Any], tenant: str) -> dict[str, Any]:
    return {
        t["name"]: t.get("time_intervals")
        for key in ("time_intervals", "mute_time_intervals")
        for t in config.get(key) or []
        if _owner(str(t.get("name", ""))) == tenant
    }


def _templates(templates: Mapping[str, str], tenant: str) -> dict[str, str]:
    return {name: text for name, text in templates.items() if name.split("/")[-1] == f"{tenant}.tmpl"}


def _diff_named(old: Mapping[str, Any], new: Mapping[str, Any], what: str) -> list[str]:
    lines = [f"+ {what} {name}" for name in new if name not in old]
    lines += [f"- {what} {name}" for name in old if name not in new]
    for name in old:
        if name in new and old[name] != new[name]:
            fields = _changed_fields(old[name], new[name])
            lines.append(f"~ {what} {name}" + (f" ({', '.join(fields)})" if fields else ""))
    return lines


def _changed_fields(old: Any, new: Any, prefix: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            if old.get(key) != new.get(key):
                nested = _changed_fields(old.get(key), new.get(key), f"{prefix}{key}.")
                out.extend(nested or [f"{prefix}{key}"])
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new) == 1:
        return _changed_fields(old[0], new[0], prefix)
    return [prefix.rstrip(".")] if prefix else []


def _sample_values(root: Route) -> dict[str, set[str]]:
    """Label values that the routes' matchers mention (regex alternations split)."""
    values: dict[str, set[str]] = {}
    for route in root.walk():
        for m in route.matchers:
            if m.type not in (MatchType.EQUAL, MatchType.REGEX):
                continue
            for part in m.value.split("|") if m.type is MatchType.REGEX else [m.value]:
                if re.fullmatch(r"[A-Za-z0-9_. -]*", part):
                    values.setdefault(m.name, set()).add(part)
    return values


def _label_sets(tenant_label: str, tenant: str, samples: Mapping[str, Iterable[str]]) -> Iterable[dict[str, str]]:
    others = {k: sorted(v) for k, v in samples.items() if k != tenant_label}
    severity_like = max(others, key=lambda k: len(others[k]), default=None)
    base = {tenant_label: tenant}
    yield dict(base)
    primary = others.get(severity_like, []) if severity_like else []
    for value in primary:
        yield {**base, severity_like: value}  # type: ignore[dict-item]
    for label, label_values in sorted(others.items()):
        if label == severity_like:
            continue
        for value in label_values:
            yield {**base, label: value}
            for first in primary:
                yield {**base, severity_like: first, label: value}  # type: ignore[dict-item]


def format_report(report: DiffReport, fmt: str) -> str:
    changed = report.changed()
    if fmt == "json":
        import json
        from dataclasses import asdict

        return json.dumps({"old": report.old, "new": report.new, "tenants": [asdict(t) for t in changed]}, indent=2)
    markdown = fmt == "markdown"
    out: list[str] = []
    title = f"receivers diff {report.old} → {report.new}: {len(changed)} tenants changed"
    out.append(f"### {title}" if markdown else title)
    for entry in changed:
        out.append("")
        out.append(f"#### `{entry.tenant}`" if markdown else f"{entry.tenant}:")
        for line in [*entry.receivers, *entry.routes, *entry.inhibit_rules, *entry.time_intervals, *entry.templates]:
            out.append(f"- `{line}`" if markdown else f"  {line}")
        if entry.routing:
            out.append("" if markdown else "  routing changes:")
            if markdown:
                out.append("| labels | before | after |")
                out.append("|---|---|---|")
            for change in entry.routing:
                labels = ",".join(f"{k}={v}" for k, v in change["labels"].items())
                before, after = ",".join(change["old"]), ",".join(change["new"])
                row = f"| `{labels}` | {before} | {after} |"
                out.append(row if markdown else f"    {{{labels}}}: {before} -> {after}")
    return "\n".join(out)
