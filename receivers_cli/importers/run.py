"""``receivers import``: convert, encrypt, check in memory, then write all files or none.

Order matters: the files are built as text first, validated and rendered from a scratch folder
(never the destination), compared with the original (:mod:`.selfcheck`), and only when every
check agrees written to their places in one journaled transaction (receivers_cli/txn.py).
"""

from __future__ import annotations

import copy
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from receivers_cli.alertmanager.versions import Version, parse_version
from receivers_cli.codes import I001, I003, I004, I005, I006
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.importers import selfcheck, template_files
from receivers_cli.importers.alertmanager_file import DataPath, ImportResult, convert
from receivers_cli.importers.emit import (
    comments_before,
    dump_yaml,
    leading_comments,
    load_roundtrip,
    with_comments,
)
from receivers_cli.isolation import naming
from receivers_cli.loading.yaml_source import (
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    SourceDocument,
    display_path,
    load_file,
)

DEFAULT_VERSION = "0.34"


@dataclass
class ImportReport:
    """What an import did (or would have done): files, the name map, what was checked."""

    result: ImportResult
    files: dict[str, str]  # path → text
    written: list[str] = field(default_factory=list)
    label_sets: int = 0
    amtool_sets: int = 0
    amtool: str | None = None  # the amtool used, with its version
    amtool_skipped: str | None = None
    amtool_routes: int | None = None  # routes (both trees) the amtool read exactly as the simulator
    warnings: list[Problem] = field(default_factory=list)
    encrypted: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "mode": self.result.mode,
            "tenant_label": self.result.label,
            "alertmanager_version": f"{self.result.version[0]}.{self.result.version[1]}",
            "tenants": sorted(self.result.tenants),
            "files": sorted(self.files),
            "written": self.written,
            "receivers": self.result.name_map,
            # A split receiver's further integrations (routed right after its first rendered name).
            "split_parts": sorted(self.result.split_parts),
            "checked": {"label_sets": self.label_sets, "amtool": self.amtool, "amtool_label_sets": self.amtool_sets,
                        "amtool_routes": self.amtool_routes, "amtool_skipped": self.amtool_skipped},
            "secrets": {"encrypted": self.encrypted, "plaintext": self.result.plaintext_secrets},
            "warnings": [{"location": w.location(), "rule": w.rule.id, "message": w.message} for w in self.warnings],
        }


def run_import(
    source: Path,
    *,
    tenant: str | None,
    by: str | None,
    tenants_dir: Path,
    config: Path,
    force: bool = False,
    amtool: str | None = None,
    alertmanager_version: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import ``source``; raises :class:`ProblemsError` (nothing written) when anything disagrees."""
    # Read as Alertmanager's parser (Go yaml.v2) does: <<: merge keys, and the first document only.
    # An alertmanager.yml may be larger than a tenant file (long comments, many teams): the bound is
    # the loader's expansion limit; the files written are checked against their own limits.
    doc = load_file(source, merge_keys=True, first_document=True, max_bytes=MAX_EXPANDED_BYTES)
    existing = _existing_platform(config)
    version = _version(existing, alertmanager_version, amtool, source)
    tenant_label = existing.get("tenant_label") if existing else None
    if existing and tenant_label is None and _other_tenants(tenants_dir, tenant):
        # Tenants already render with the default label: the import must not change it. A platform
        # file no tenant uses yet (one `secrets keygen` made) gets the label the import picks.
        tenant_label = "tenant"
    carried = template_files.read(doc, source, version)
    template_files.rewrite_receivers(doc.data, carried)
    result = convert(doc, version, tenant=tenant, by=by,
                     tenant_label=tenant_label if isinstance(tenant_label, str) else None,
                     carried=frozenset(carried.renamed.values()))
    result.warnings.extend(carried.notes)
    if carried.files:
        clash = carried.place(config.parent)
        if clash:
            # The source's templates are where the platform's would go (templates/ beside both).
            raise ProblemsError([Problem(
                doc.file, 0, 0, I005, f"{display_path(config.parent / name)} is a template file this import reads; "
                "writing the platform's copy there would replace it", "import into another folder (--config "
                "DIR/receivers.yaml --tenants DIR/tenants), then move the files") for name in clash])
        result.platform["templates"] = {"files": list(carried.files)}
    platform, _ = _merge_platform(existing, result, config)
    plaintexts: dict[str, str] = {}  # envelope → the source's own value, for the amtool comparison only
    encrypted = _secrets(result, platform, config, plaintexts)
    header = leading_comments(doc.text)
    files = {
        display_path(tenants_dir / f"{tid}.yaml"):
            with_comments(dump_yaml({tid: body}, header), _comments(doc, result, tid))
        for tid, body in result.tenants.items()
    }
    if existing is None or platform != existing:  # an existing file the import needs nothing from is left alone
        files[display_path(config)] = with_comments(dump_yaml(platform, header if existing is None else None),
                                                    _comments(doc, result, naming.PLATFORM))
    report = ImportReport(result, files, encrypted=encrypted)
    report.warnings.extend(result.warnings)
    plain = {display_path(tenants_dir / f"{tid}.yaml"): dump_yaml({tid: body}) for tid, body in result.tenants.items()}
    plain[display_path(config)] = dump_yaml(platform)
    _within_limits(doc, files, plain, report)
    # The carried template files, beside the platform file (its templates.files entries).
    files.update({display_path(config.parent / name): text for name, text in carried.files.items()})
    plain_tenants = [display_path(tenants_dir / f"{tid}.yaml") for tid in result.tenants]
    if result.plaintext_secrets:
        report.warnings.append(Problem(
            doc.file, 0, 0, I006,
            f"{result.plaintext_secrets} secret value(s) kept as plaintext: {display_path(config)} names no "
            "recipient", "encrypt them before committing: receivers secrets keygen, then "
            f"receivers secrets encrypt {' '.join(sorted(plain_tenants))}",
            Severity.WARNING))
    _check(doc, result, report, platform, amtool, plaintexts, carried)
    if dry_run:
        return report
    _refuse_existing(files, force, doc.file)
    report.written = _write(files, config, force)
    return report


def _other_tenants(tenants_dir: Path, tenant: str | None) -> bool:
    """Whether ``tenants_dir`` holds a tenant file the import does not write (any, with ``--by``)."""
    if not tenants_dir.is_dir():
        return False
    return any(path.suffix in (".yaml", ".yml") and (tenant is None or path.stem != tenant)
               for path in tenants_dir.iterdir())


def _within_limits(doc: SourceDocument, files: dict[str, str], plain: dict[str, str], report: ImportReport) -> None:
    """Every file as written must load again (at most MAX_FILE_BYTES): the source's comments are
    left out of one they would push over (``plain``: each file without them; a warning says so);
    a file still too large is refused."""
    too_large: list[Problem] = []
    for path, text in list(files.items()):
        size = len(text.encode("utf-8"))
        if size <= MAX_FILE_BYTES:
            continue
        bare = plain[path]
        if len(bare.encode("utf-8")) <= MAX_FILE_BYTES:
            files[path] = bare
            report.warnings.append(Problem(
                doc.file, 0, 0, I006, f"the source's comments left out of {path}: with them it would be {size} "
                f"bytes, over the {MAX_FILE_BYTES} a file of receivers may hold", "copy the comments that matter "
                "by hand", Severity.WARNING))
            continue
        too_large.append(Problem(doc.file, 0, 0, I003, f"{path} would be {len(bare.encode('utf-8'))} bytes, over "
                                 f"the {MAX_FILE_BYTES} a file of receivers may hold",
                                 "import the config in parts (--by LABEL makes one file per tenant)"))
    if too_large:
        raise ProblemsError(too_large)


def _comments(doc: SourceDocument, result: ImportResult, owner: str) -> dict[DataPath, list[str]]:
    """The source's comment blocks above each receiver, route and inhibit rule, by generated path.

    The path that holds a whole entry is the entry's first key (what a comment above it describes)."""
    found: dict[DataPath, list[str]] = {}
    if "#" not in doc.text:
        return found
    lines = doc.text.splitlines()
    for (who, generated), source in result.provenance.items():
        if who != owner or not source:
            continue
        block = comments_before(lines, doc.locate(source).line)
        if block:
            found[generated] = block
    return found


def _existing_platform(config: Path) -> dict[str, Any] | None:
    if not (config.exists() or config.is_symlink()):
        return None
    doc = load_file(config)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise ProblemsError([doc.problem((), I001, "the platform file holds no mapping")])
    data: dict[str, Any] = load_roundtrip(doc.text)
    return data


def _version(existing: dict[str, Any] | None, override: str | None, amtool: str | None,
             source: Path | None = None) -> Version:
    text = override or (existing or {}).get("alertmanager_version")
    if isinstance(text, str):
        try:
            return parse_version(text)
        except ValueError as exc:
            raise ProblemsError([Problem("--alertmanager-version", 0, 0, I001, str(exc), "e.g. 0.25")]) from None
    if amtool and source is not None:
        # A new platform file targets the Alertmanager whose amtool judges the import, when that
        # release reads the config (one written for a newer release gets the default target).
        found = selfcheck.amtool_version(amtool)
        if found is not None and selfcheck.amtool_check(amtool, source) is None:
            return found
    return parse_version(DEFAULT_VERSION)


# Platform keys an import sets; an existing platform file keeps every other key as it is.
IMPORT_KEYS = ("alertmanager_version", "tenant_label", "group_by", "tiers", "global", "receivers", "default_receiver",
               "routes", "inhibit_rules", "time_intervals", "templates")


def _merge_platform(existing: dict[str, Any] | None, result: ImportResult, config: Path) -> tuple[dict[str, Any], bool]:
    """The platform file to write, and whether it differs from the one there.

    An existing platform file serves other tenants too: the import only adds the keys it needs
    that are missing. A key it needs with another value there is a conflict, never overwritten
    (other tenants would change with it). With ``--tenant`` the root's grouping and timings are
    the tenant route's own, so the platform's are left as they are (the self-check decides)."""
    if existing is None:
        return copy.deepcopy(result.platform), True
    merged = copy.deepcopy(existing)
    changed = False
    conflicts: list[Problem] = []
    keys = [k for k in IMPORT_KEYS if k != "alertmanager_version"]
    if result.mode == "tenant":
        # Before 0.31 an empty group_by on the tenant route means "the parent's": grouping by
        # nothing then needs the platform root to group by nothing too.
        needs_root_grouping = not result.platform.get("group_by") and result.version < (0, 31)
        keys = [k for k in keys if k != "tiers" and (k != "group_by" or needs_root_grouping)]
    for key in keys:
        if key not in result.platform:
            continue
        ours = result.platform[key]
        if key == "tiers":
            found = merged.get("tiers")
            tiers: dict[str, Any] = found if isinstance(found, dict) else {}
            if "standard" not in tiers:
                merged["tiers"] = {**tiers, "standard": copy.deepcopy(ours["standard"])}
                changed = True
            elif tiers["standard"] != ours["standard"]:
                conflicts.append(_conflict(config, ("tiers", "standard")))
            continue
        if key not in merged:
            merged[key] = copy.deepcopy(ours)
            changed = True
        elif merged[key] != ours:
            conflicts.append(_conflict(config, (key,)))
    if conflicts:
        raise ProblemsError(conflicts)
    return merged, changed


def _conflict(config: Path, path: DataPath) -> Problem:
    doc = load_file(config)
    key = ".".join(str(p) for p in path)
    return doc.problem(path, I005, f"the platform file sets {key} differently from what the import needs; changing "
                       "it would change every tenant's rendering", f"make {key} agree by hand (or import into a new "
                       "platform file with --config), then import again", at_key=True)


def _secrets(result: ImportResult, platform: dict[str, Any], config: Path, plaintexts: dict[str, str]) -> int:
    """Encrypt every plaintext secret value to the platform's recipient; without one, count them."""
    from receivers_cli import integrations
    from receivers_cli.alertmanager.global_fields import GLOBAL
    from receivers_cli.integrations.vocabulary import secret_paths
    from receivers_cli.secrets.envelope import Binding, encrypt
    from receivers_cli.secrets.fields import classify

    recipient = None
    if config.exists():
        from receivers_cli.secrets.recipients import read_recipients

        try:
            found = read_recipients(config)
        except Exception as exc:  # a RecipientError: reported at the platform file
            raise ProblemsError([Problem(display_path(config), 0, 0, I001, str(exc))]) from None
        recipient = found[-1] if found else None

    count = 0
    plaintext = 0

    def visit(holder: dict[str, Any], paths: Any, owner: str, receiver: str) -> None:
        nonlocal count, plaintext
        for path in paths:
            node: Any = holder
            for part in path[:-1]:
                node = node.get(part) if isinstance(node, dict) else None
            if not isinstance(node, dict) or classify(node.get(path[-1])) != "plaintext":
                continue
            if recipient is None:
                plaintext += 1
                continue
            # The import writes a literal ``${`` as ``$${`` (alertmanager_file._literal); an envelope
            # is never scanned for references, so it holds the original text itself.
            value = node[path[-1]].replace("$${", "${")
            node[path[-1]] = encrypt(value, recipient.public_key, recipient.id, Binding(owner, receiver, tuple(path)))
            plaintexts[node[path[-1]]] = value
            count += 1

    def receivers_of(owner: str, entries: Any) -> None:
        for entry in entries or []:
            integration = integrations.get(entry.get("channel_type"))
            if integration is not None and isinstance(entry.get("config"), dict):
                visit(entry["config"], integration.secret_paths(), owner, entry["name"])

    for tenant_id, body in result.tenants.items():
        receivers_of(tenant_id, body.get("receivers"))
    receivers_of(naming.PLATFORM, platform.get("receivers"))
    if isinstance(platform.get("global"), dict):
        visit(platform["global"], secret_paths(GLOBAL.fields), naming.PLATFORM, naming.GLOBAL)
    result.plaintext_secrets = plaintext
    return count


def _check(doc: SourceDocument, result: ImportResult, report: ImportReport, platform: dict[str, Any],
           amtool: str | None, plaintexts: dict[str, str], carried: template_files.CarriedTemplates) -> None:
    """Validate and render the files from a scratch folder, then compare with the original."""
    from receivers_cli.api import load_project, preview_config, validated
    from receivers_cli.validation.levels import ValidationLevel

    with tempfile.TemporaryDirectory(prefix="receivers-import-", dir=selfcheck.scratch_parent()) as tmp:
        root = Path(tmp)
        (root / "tenants").mkdir()
        for tid, body in result.tenants.items():
            (root / "tenants" / f"{tid}.yaml").write_text(dump_yaml({tid: body}), "utf-8")
        (root / "receivers.yaml").write_text(dump_yaml(platform), "utf-8")
        for name, text in carried.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, "utf-8")
        project = load_project([root / "tenants"], root / "receivers.yaml",
                               alertmanager_version=f"{result.version[0]}.{result.version[1]}")
        project = validated(project, ValidationLevel.STANDARD)
        errors = project.errors()
        if errors:
            raise ProblemsError([_relocate(doc, result, problem, root, carried) for problem in errors])
        rendered = preview_config(project)
    original_tree, original_rules = selfcheck.build_trees(doc.data, result.version)
    imported_tree, imported_rules = selfcheck.build_trees(rendered, result.version)
    sets = selfcheck.label_sets(original_tree, original_rules)
    extra = {result.label: next(iter(result.tenants))} if result.mode == "tenant" else {}
    names = {**result.native_to_original(), **{part: "" for part in result.split_parts}}
    names[rendered["route"]["receiver"]] = names.get(rendered["route"]["receiver"], rendered["route"]["receiver"])
    differences = selfcheck.compare_routing(original_tree, imported_tree, sets, extra, names,
                                            _interval_map(result, rendered))
    differences += selfcheck.compare_inhibition(original_rules, imported_rules, sets, extra)
    report.label_sets = len(sets)
    if not differences and amtool:
        version = selfcheck.amtool_version(amtool)
        report.amtool = f"{amtool} ({version[0]}.{version[1]})" if version else amtool
        if version is not None and version < result.version:
            report.amtool_skipped = (f"amtool is {version[0]}.{version[1]}, older than the target "
                                     f"{result.version[0]}.{result.version[1]}")
        else:
            # amtool reads the settings too: an envelope (the preview keeps it as written) is given
            # back the source's value, which the original file next to it holds in plaintext anyway.
            judged = selfcheck.compare_with_amtool(amtool, doc.text, _decrypted(rendered, plaintexts), sets, extra,
                                                   names, trees=(original_tree, imported_tree))
            differences += judged.differences
            report.amtool_skipped = judged.skipped
            report.amtool_sets = judged.label_sets
            report.amtool_routes = judged.routes
    if report.amtool_skipped:
        report.warnings.append(Problem(doc.file, 0, 0, I006, f"not compared with the real amtool: "
                                       f"{report.amtool_skipped}", "", Severity.WARNING))
    if differences:
        raise ProblemsError([_difference_problem(doc, d) for d in differences[:20]])


def _decrypted(value: Any, plaintexts: dict[str, str]) -> Any:
    """``value`` with each envelope the import made replaced by the value it encrypted."""
    if isinstance(value, str):
        return plaintexts.get(value, value)
    if isinstance(value, dict):
        return {k: _decrypted(v, plaintexts) for k, v in value.items()}
    if isinstance(value, list):
        return [_decrypted(v, plaintexts) for v in value]
    return value


def _interval_map(result: ImportResult, rendered: dict[str, Any]) -> dict[str, str]:
    """Rendered interval name → original name."""
    return dict(result.interval_names)


def _difference_problem(doc: SourceDocument, difference: selfcheck.Difference) -> Problem:
    labels = "{" + ", ".join(f'{k}="{v}"' for k, v in difference.labels.items()) + "}"
    return Problem(doc.file, 1, 1, I004,
                   f"the import {'inhibits' if difference.what == 'inhibition' else 'routes'} {labels} differently"
                   f" ({difference.what}): the original gives {difference.original}, the import {difference.imported}",
                   "please report this config: the import refused it rather than change what it does")


def _relocate(doc: SourceDocument, result: ImportResult, problem: Problem, root: Path,
              carried: template_files.CarriedTemplates) -> Problem:
    """A problem of a generated file, at the line of the source it came from."""
    message = problem.message.replace(str(root) + os.sep, "")
    for name, template_source in carried.origins.items():
        if problem.file.endswith(name):  # a carried template file: only names changed, lines are the same
            return Problem(template_source, problem.line, problem.column, I003, "carried as a platform template file, "
                           f"this would not validate: {problem.rule.id} {message}", problem.hint)
    owner = naming.PLATFORM if problem.file.endswith("receivers.yaml") else Path(problem.file).stem
    path: DataPath = tuple(problem.path)
    source: DataPath = ()
    best = -1
    for (who, prefix), origin in result.provenance.items():
        if who == owner and path[: len(prefix)] == prefix and len(prefix) > best:
            # Below an entry the generated keys are the source's own (native field and route keys),
            # so the rest of the path is looked up there too (or its nearest ancestor is used).
            best, source = len(prefix), (*origin, *path[len(prefix):])
    where = "the platform file" if owner == naming.PLATFORM else f"tenant {owner}"
    position = doc.locate(source)
    return Problem(doc.file, position.line, position.column, I003,
                   f"imported into {where}, this would not validate: {problem.rule.id} {message}",
                   problem.hint, secret=problem.secret)


def _refuse_existing(files: dict[str, str], force: bool, source: str) -> None:
    if force:
        return
    existing = [path for path in files if os.path.lexists(path)]
    if existing:
        raise ProblemsError([Problem(path, 0, 0, I005, f"{path} exists; the import would overwrite it",
                                     "pass --force to replace it (a platform file keeps the settings the import "
                                     "does not set), or choose --tenants / --config elsewhere")
                             for path in existing])


def _write(files: dict[str, str], config: Path, force: bool) -> list[str]:
    from receivers_cli.fileops import state_dir
    from receivers_cli.txn import Transaction, repo_state, sha256_of

    for path in files:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    state = state_dir(repo_state(config))
    transaction = Transaction(state, "import")
    for path, text in files.items():
        target = Path(path)
        if os.path.lexists(target) and force:
            transaction.replace(target, text, sha256_of(target) or "")
        else:
            transaction.create(target, text)
    transaction.commit()
    return sorted(files)


__all__ = ["ImportReport", "run_import"]
