"""``receivers diff``: what a change does, per tenant, and which sample alerts now route differently.

Both sides are native configurations, so that a folder and a revision compare like with like:

- a rendered output folder (``alertmanager.yml``, ``templates/``, ``manifest.json``) is read as is;
- a git revision of the config repository is rendered in memory *with* every receiver setting, but
  without the environment or a key: ``${VAR}`` and ``ENC[...]`` stay as written.

Nothing is hidden: every receiver setting, route, inhibit rule (matchers, ``equal``), time interval,
template file and platform setting is compared. A non-secret field is shown ``old → new``. A
secret is never shown, only said to be set, removed or changed: a field an integration declares
secret (by name, in any integration, ``http_config`` or ``global``), or any value holding
``ENC[...]`` or ``${...}`` (a changed ciphertext means a changed secret).

A folder holds plaintext secrets and a revision ciphertext, so across the two a secret can only be
compared through the inputs: ``manifest.json`` records the sha256 of each tenant file the folder
was rendered from. Where that equals the revision's file, its secrets are the same; where not, a
secret is reported as "not compared" (and counts as a change).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from io import BytesIO
from itertools import islice
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.matchers import MatchType, parse_matchers
from receivers_cli.alertmanager.routing import Route, build_route_tree
from receivers_cli.alertmanager.versions import Version
from receivers_cli.codes import D002, D003, R015
from receivers_cli.errors import Problem, ProblemsError, printable
from receivers_cli.importers import NativeConfig, importer_for
from receivers_cli.isolation import naming
from receivers_cli.report.words import plural

PLATFORM = naming.PLATFORM
MAX_SAMPLES_PER_TENANT = 64
MAX_TEMPLATE_DIFF_LINES = 400
# Top-level keys compared item by item; every other one is a platform setting.
_ITEMIZED = frozenset({"route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals"})
_PLACEHOLDER = re.compile(r"ENC\[|\$\{")


# One side of a diff is a native config, read by an importer or built from a revision's inputs.
Side = NativeConfig


@dataclass
class FieldChange:
    """One leaf that differs. ``old``/``new`` are the values, ``None`` when absent or secret."""

    path: str
    old: Any = None
    new: Any = None
    secret: bool = False
    # For a secret (or a value not comparable): set, removed, changed, not compared.
    status: str = ""


@dataclass
class Change:
    kind: str  # + added, - removed, ~ changed
    what: str  # receiver, route, inhibit rule, time interval, template file, setting
    name: str
    fields: list[FieldChange] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)  # template files: unified diff lines

    def summary(self) -> str:
        line = f"{self.kind} {self.what} {self.name}"
        if self.kind == "~" and self.fields:
            line += f" ({', '.join(f.path for f in self.fields)})"
        return line


@dataclass
class TenantDiff:
    tenant: str
    changes: list[Change] = field(default_factory=list)
    routing: list[dict[str, Any]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.changes or self.routing)


@dataclass
class DiffReport:
    old: str
    new: str
    tenants: list[TenantDiff]
    notes: list[str] = field(default_factory=list)

    def changed(self) -> list[TenantDiff]:
        return [t for t in self.tenants if not t.empty()]


# --- loading the two sides ----------------------------------------------------------------------


def load_side(spec: str, *, tenants_dir: str = "tenants", config_file: str | None = None) -> Side:
    """A rendered output folder, or a git revision of the config repository in the working directory.

    ``config_file`` None means ``receivers.yaml`` when the revision has one; a file named
    explicitly must exist in the revision.
    """
    importer = importer_for(spec)
    if importer is not None:
        return importer.load(spec)
    return _load_revision(spec, tenants_dir, config_file)


def _load_revision(rev: str, tenants_dir: str, config_file: str | None) -> Side:
    from receivers_cli.api import load_checked_project, preview_build

    done = subprocess.run(["git", "archive", "--format=tar", rev], capture_output=True, timeout=120)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ProblemsError([Problem(rev, 0, 0, D002, f"{rev!r} is neither an output folder nor a git revision"
                                     + (f" ({message[-1]})" if message else ""),
                                     "give a folder holding alertmanager.yml, or a commit such as HEAD~1")])
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(done.stdout)) as archive:
            members, refused = _plain_members(archive, rev, tenants_dir, config_file or "receivers.yaml")
            if refused:
                raise ProblemsError(refused)
            archive.extractall(tmp, members=members, filter="data")
        root = Path(tmp)
        config = root / (config_file or "receivers.yaml")
        if config_file is not None and not config.is_file():
            raise ProblemsError([Problem(f"{rev}:{config_file}", 0, 0, D003,
                                         f"{config_file} does not exist in {rev}",
                                         "leave --config out to compare without a platform file")])
        try:
            project = load_checked_project([root / tenants_dir], config if config.is_file() else None)
        except ProblemsError as exc:
            raise ProblemsError([Problem(f"{rev}:{p.file.removeprefix(tmp + '/')}", p.line, p.column, p.rule,
                                         p.message.replace(tmp + "/", ""), p.hint) for p in exc.problems]) from None
        result = preview_build(project)
        inputs = {t.id: t.doc.sha256 for t in project.tenants}
        if project.platform_doc is not None:
            inputs[PLATFORM] = project.platform_doc.sha256
        return Side(rev, result.config, result.templates, project.version, "inputs", inputs)


# --- comparing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    value: Any  # the plain value; for a secret, a fingerprint that is never shown
    secret: bool


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
            refused.append(Problem(f"{rev}:{name}", 1, 1, R015,
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
    if old.kind != new.kind:
        report.notes.append(
            "one side is a rendered folder (plaintext secrets) and the other a revision (encrypted): "
            "secrets are taken as unchanged where manifest.json records the same tenant file, "
            "otherwise reported as not compared"
        )
    for tenant in tenants:
        same_inputs = tenant in old.inputs and old.inputs.get(tenant) == new.inputs.get(tenant)
        cmp = _Comparer(old.kind == new.kind, same_inputs)
        entry = TenantDiff(tenant)
        entry.changes += cmp.named("receiver", _receivers(old.config, tenant), _receivers(new.config, tenant), True)
        entry.changes += cmp.named("route", _routes(old_root, tenant), _routes(new_root, tenant))
        entry.changes += cmp.named("inhibit rule", _inhibit(old, tenant_label, tenant),
                                   _inhibit(new, tenant_label, tenant))
        entry.changes += cmp.named("time interval", _intervals(old.config, tenant), _intervals(new.config, tenant))
        if tenant == PLATFORM:
            entry.changes += cmp.named("setting", _settings(old), _settings(new))
        entry.changes += _template_changes(_templates(old.templates, tenant), _templates(new.templates, tenant))
        for labels in islice(_label_sets(tenant_label, tenant, samples), MAX_SAMPLES_PER_TENANT):
            before = [r.receiver for r in old_root.match(labels)]
            after = [r.receiver for r in new_root.match(labels)]
            if before != after:
                entry.routing.append({"labels": labels, "old": before, "new": after})
        report.tenants.append(entry)
    return report


@dataclass
class _Comparer:
    """Compares two items leaf by leaf. Secrets compare by fingerprint when both sides are of the
    same kind, and through the inputs' sha256 across a folder and a revision."""

    same_kind: bool
    same_inputs: bool

    def named(self, what: str, old: Mapping[str, Any], new: Mapping[str, Any], collapse: bool = False
              ) -> list[Change]:
        changes: list[Change] = []
        for name in [*old, *(n for n in new if n not in old)]:
            before = _flatten(old[name], collapse=collapse) if name in old else None
            after = _flatten(new[name], collapse=collapse) if name in new else None
            if before is None and after is not None:
                changes.append(Change("+", what, name, [self._leaf(p, None, leaf) for p, leaf in after.items()]))
            elif after is None and before is not None:
                changes.append(Change("-", what, name, [self._leaf(p, leaf, None) for p, leaf in before.items()]))
            elif before is not None and after is not None:
                fields = [
                    change
                    for path in [*before, *(p for p in after if p not in before)]
                    if (change := self._compare(path, before.get(path), after.get(path))) is not None
                ]
                if fields:
                    changes.append(Change("~", what, name, fields))
        return changes

    def _compare(self, path: str, old: _Leaf | None, new: _Leaf | None) -> FieldChange | None:
        if old is None or new is None:
            return self._leaf(path, old, new)
        if not (old.secret or new.secret):
            return None if old.value == new.value else FieldChange(path, old.value, new.value)
        if not self.same_kind:
            # Plaintext and ciphertext: only the inputs can tell whether the value is the same.
            return None if self.same_inputs else FieldChange(path, secret=True, status="not compared")
        if old.secret != new.secret or old.value != new.value:
            return FieldChange(path, secret=True, status="changed")
        return None

    @staticmethod
    def _leaf(path: str, old: _Leaf | None, new: _Leaf | None) -> FieldChange:
        leaf = new if new is not None else old
        assert leaf is not None
        if leaf.secret:
            return FieldChange(path, secret=True, status="set" if new is not None else "removed")
        return FieldChange(path, old.value if old else None, new.value if new else None)


def _secret_names() -> frozenset[str]:
    from receivers_cli.render.output import secret_field_names

    return secret_field_names()


def _flatten(value: Any, *, collapse: bool = False) -> dict[str, _Leaf]:
    """Leaves by dotted path. Lists of scalars are one leaf; lists of mappings are indexed (a
    receiver's single ``*_configs`` entry without its ``[0]``). Secrets become fingerprints."""
    secrets = _secret_names()
    out: dict[str, _Leaf] = {}

    def walk(node: Any, path: str, secret: bool, top: bool) -> None:
        if isinstance(node, dict) and node:
            for key, child in node.items():
                walk(child, f"{path}.{key}" if path else str(key), secret or str(key) in secrets, False)
        elif isinstance(node, list) and any(isinstance(item, (dict, list)) for item in node):
            for i, child in enumerate(node):
                walk(child, path if (collapse and top is False and len(node) == 1 and path.count(".") == 0)
                     else f"{path}[{i}]", secret, False)
        else:
            hidden = secret or _holds_placeholder(node)
            out[path or "value"] = _Leaf(_fingerprint(node) if hidden else node, hidden)

    walk(value, "", False, True)
    return out


def _holds_placeholder(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_PLACEHOLDER.search(value))
    if isinstance(value, (list, dict)):
        return _PLACEHOLDER.search(json.dumps(value, sort_keys=True, default=str)) is not None
    return False


def _fingerprint(value: Any) -> str:
    # Only tells 'changed' from 'same' inside this process; never printed or written.
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _tenant_label(root: Route) -> str | None:
    """The label of the matcher by which a top-level route selects the tenant owning its receiver."""
    for route in root.routes:
        for m in route.matchers:
            if m.type is MatchType.EQUAL and naming.owned_by(route.receiver, m.value):
                return m.name
    return None


def _owner(name: str) -> str:
    return naming.owner_of(name)


def _tenants(side: Side) -> set[str]:
    names = {_owner(str(r.get("name", ""))) for r in side.config.get("receivers") or []}
    names |= {_owner(str(t.get("name", ""))) for key in ("time_intervals", "mute_time_intervals")
              for t in side.config.get(key) or []}
    return names | {PLATFORM} | {naming.template_file_owner(name) for name in side.templates}


def _receivers(config: Mapping[str, Any], tenant: str) -> dict[str, Any]:
    return {
        str(r["name"]): {k: v for k, v in r.items() if k != "name"}
        for r in config.get("receivers") or []
        if _owner(str(r.get("name", ""))) == tenant
    }


def _routes(root: Route, tenant: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for node in root.walk():
        if node.is_root:
            if tenant == PLATFORM:
                found["(root)"] = _route_settings(node)
            continue
        if _owner(node.receiver) != tenant:
            continue
        found[f"{node.label()} -> {node.receiver}"] = _route_settings(node)
    return found


def _route_settings(node: Route) -> dict[str, Any]:
    return {
        "receiver": node.receiver, "continue": node.continue_, "group_by": node.group_by,
        "group_wait": str(node.group_wait), "group_interval": str(node.group_interval),
        "repeat_interval": str(node.repeat_interval), "mute_time_intervals": node.mute_time_intervals,
        "active_time_intervals": node.active_time_intervals,
    }


def _inhibit(side: Side, tenant_label: str, tenant: str) -> dict[str, Any]:
    """A tenant's inhibit rules by position (``#1``, ...), so that a changed matcher or ``equal``
    shows as a change of that rule, old → new."""
    found: dict[str, Any] = {}
    for rule in side.config.get("inhibit_rules") or []:
        scope = [
            m.value
            for text in rule.get("source_matchers") or []
            for m in _matchers(text, side.version)
            if m.name == tenant_label and m.type is MatchType.EQUAL
        ]
        if (scope[0] if scope else PLATFORM) == tenant:
            found[f"#{len(found) + 1}"] = dict(rule)
    return found


def _matchers(text: Any, version: Version) -> list[Any]:
    try:
        return list(parse_matchers(str(text), version))
    except ValueError:
        return []


def _intervals(config: Mapping[str, Any], tenant: str) -> dict[str, Any]:
    return {
        str(t["name"]): t.get("time_intervals")
        for key in ("time_intervals", "mute_time_intervals")
        for t in config.get(key) or []
        if _owner(str(t.get("name", ""))) == tenant
    }


def _settings(side: Side) -> dict[str, Any]:
    return {key: value for key, value in side.config.items() if key not in _ITEMIZED}


def _templates(templates: Mapping[str, str], tenant: str) -> dict[str, str]:
    return {name: text for name, text in templates.items() if naming.is_template_file_of(name, tenant)}


def _template_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    changes: list[Change] = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) == new.get(name):
            continue
        kind = "+" if name not in old else "-" if name not in new else "~"
        lines = list(difflib.unified_diff((old.get(name) or "").splitlines(), (new.get(name) or "").splitlines(),
                                          "old", "new", n=1, lineterm=""))[2:]
        # A template holds no secret by design; a line that names one anyway is not shown.
        lines = ["  (a line holding ENC[...] or ${...}: not shown)" if _PLACEHOLDER.search(ln) else ln
                 for ln in lines]
        if len(lines) > MAX_TEMPLATE_DIFF_LINES:
            lines = [*lines[:MAX_TEMPLATE_DIFF_LINES], f"... {len(lines) - MAX_TEMPLATE_DIFF_LINES} more lines"]
        changes.append(Change(kind, "template file", name, diff=lines))
    return changes


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


# --- output -----------------------------------------------------------------------------------


def _show(value: Any) -> str:
    """A value on one line, control characters escaped (tenant text must not drive a terminal)."""
    return json.dumps(value, ensure_ascii=True, default=str)


def _field_line(change: FieldChange) -> str:
    if change.secret:
        return f"{change.path}: {change.status} (secret, not shown)"
    if change.old is None:
        return f"{change.path}: {_show(change.new)}"
    if change.new is None:
        return f"{change.path}: {_show(change.old)} → (removed)"
    return f"{change.path}: {_show(change.old)} → {_show(change.new)}"


def _change_lines(change: Change) -> list[str]:
    lines = [printable(change.summary())]
    lines += [f"    {printable(_field_line(f))}" for f in change.fields]
    lines += [f"    {printable(line)}" for line in change.diff]
    return lines


def format_report(report: DiffReport, fmt: str) -> str:
    changed = report.changed()
    if fmt == "json":
        return json.dumps({"old": report.old, "new": report.new, "changed": bool(changed), "notes": report.notes,
                           "tenants": [asdict(t) for t in changed]}, indent=2, default=str)
    markdown = fmt == "markdown"
    out: list[str] = []
    title = f"receivers diff {report.old} → {report.new}: {plural(len(changed), 'tenant')} changed"
    out.append(f"### {title}" if markdown else title)
    out += [f"> note: {n}" if markdown else f"note: {n}" for n in report.notes]
    for entry in changed:
        out.append("")
        out.append(f"#### `{entry.tenant}`" if markdown else f"{entry.tenant}:")
        lines = [line for change in entry.changes for line in _change_lines(change)]
        if lines and markdown:
            # A fence longer than any backtick run in the content: tenant text cannot end it.
            longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
            fence = "`" * max(3, longest + 1)
            out += [f"{fence}diff", *lines, fence]
        else:
            out += [f"  {line}" for line in lines]
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
