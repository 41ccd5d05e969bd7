"""An existing ``alertmanager.yml`` → tenant files and a platform file (``receivers import``).

Two ways to cut it:

* ``--tenant ID``: the whole config is one tenant. Its root route becomes the tenant's ``route:``
  (root receiver = the tenant default, root grouping and timings on the tenant route), every
  child route its native tree; ``global`` goes to the platform file. A tenant label the config
  does not use is chosen (``tenant``, else ``receivers_tenant``), so adding it changes nothing.
* ``--by LABEL``: each top-level route that pins LABEL to one value (``LABEL="v"`` or
  ``match: {LABEL: v}``) becomes tenant ``v``. Routes before the first such route are platform
  ``routes.before``; every later route that is not pinned to a tenant is platform
  ``routes.after`` *and* (evaluated for LABEL=v) part of each tenant's tree, because in the render
  an alert of a tenant never leaves its tenant route: for it, Alertmanager's "next sibling" is the
  next route inside its own tree. Matchers on LABEL inside a tenant's tree are decided for that
  tenant (always true: dropped; never true: the route is dropped), so the tree holds none.
  Receivers are copied to every owner whose routes name them (a tenant route can only name its
  own receivers); the name map lists each copy.

Nothing is guessed: a construct that cannot be carried exactly is a located problem (I002) naming
it, at the ``file:line:col`` of the source. Whether the result routes like the original is decided
afterwards by :mod:`receivers_cli.importers.selfcheck`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from receivers_cli.alertmanager.matchers import (
    LEGACY_LABEL_NAME,
    Matcher,
    MatcherError,
    MatchType,
    matchers_from_legacy,
    parse_matcher_list,
)
from receivers_cli.alertmanager.versions import Version
from receivers_cli.codes import I001, I002, I006
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.integrations.inheritance import native_value
from receivers_cli.isolation import naming
from receivers_cli.loading.yaml_source import SourceDocument
from receivers_cli.model.placeholders import REFERENCE

DataPath = tuple[str | int, ...]

# Settings of the Alertmanager process itself (0.30 tracing, 0.33 event_recorder): nothing a
# tenant owns and nothing that routes; left out with a warning.
SERVER_KEYS = ("tracing", "event_recorder")
TOP_LEVEL_KEYS = frozenset(
    {"global", "route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals", "templates",
     *SERVER_KEYS}
)
ROUTE_KEYS = frozenset(
    {"receiver", "group_by", "continue", "matchers", "match", "match_re", "group_wait", "group_interval",
     "repeat_interval", "mute_time_intervals", "active_time_intervals", "routes"}
)  # fmt: skip
INHIBIT_KEYS = frozenset(
    {"name", "source_matchers", "source_match", "source_match_re", "target_matchers", "target_match",
     "target_match_re", "equal"}
)  # fmt: skip
TIMER_KEYS = ("group_wait", "group_interval", "repeat_interval")
# Alertmanager's defaults for the root route (dispatch/route.go): written out, so the tenant route
# and the platform root carry exactly what the original root had.
ROOT_DEFAULTS = {"group_wait": "30s", "group_interval": "5m", "repeat_interval": "4h"}
ID_RE = re.compile(r"^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")
TENANT_LABELS = ("tenant", "receivers_tenant", "receivers_tenant_id")
# An inhibit rule side with no matcher matches every alert; a tenant rule needs one, and this one
# matches every alert too (a missing label is the empty string, which ".*" matches).
MATCH_EVERYTHING = 'alertname=~".*"'
TEMPLATE_CALL = re.compile(r'\{\{-?\s*(?:template|block)\s+"((?:[^"\\]|\\.)*)"')


@dataclass
class Owner:
    """What one output owner (a tenant, or the platform) receives: receivers, intervals, routes."""

    id: str
    receivers: dict[str, str] = field(default_factory=dict)  # original receiver name → local id
    intervals: dict[str, str] = field(default_factory=dict)  # original interval name → local id
    parts: dict[str, list[str]] = field(default_factory=dict)  # original receiver → one local id per integration


@dataclass
class ImportResult:
    """The files an import writes (as plain data), and what the report says about them."""

    mode: str  # "tenant" or "by"
    label: str  # the tenant label of the result
    version: Version
    tenants: dict[str, dict[str, Any]]  # tenant id → tenant body
    platform: dict[str, Any]  # receivers.yaml data
    name_map: dict[str, list[str]]  # original receiver name → rendered native names
    warnings: list[Problem] = field(default_factory=list)
    # (owner, generated data path prefix) → source data path, to locate a problem of the result
    provenance: dict[tuple[str, DataPath], DataPath] = field(default_factory=dict)
    plaintext_secrets: int = 0
    interval_names: dict[str, str] = field(default_factory=dict)  # rendered interval name → original
    # Rendered names of a split receiver's further integrations: routed right after its first one,
    # so the comparison reads the run of them as the one original receiver.
    split_parts: set[str] = field(default_factory=set)

    def native_to_original(self) -> dict[str, str]:
        return {native: original for original, natives in self.name_map.items() for native in natives
                if native not in self.split_parts}


class _Failures:
    """Collects located problems; raising once keeps "nothing is written" simple."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: DataPath, code: Any, message: str, hint: str = "", *, at_key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, code, message, hint, at_key=at_key))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ProblemsError(self.problems)


def local_id(name: str, taken: Iterable[str]) -> str:
    """A valid id for ``name`` (lower case, ``[a-z0-9._-]``, at most 63), unique among ``taken``."""
    used = set(taken)
    base = re.sub(r"[^a-z0-9._-]+", "-", name.lower())
    base = re.sub(r"-{2,}", "-", base).strip("._-")[:63].strip("._-") or "receiver"
    candidate, n = base, 2
    while candidate in used:
        suffix = f"-{n}"
        candidate = base[: 63 - len(suffix)].strip("._-") + suffix
        n += 1
    return candidate


class _Converter:
    def __init__(self, doc: SourceDocument, version: Version, carried: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.version = version
        self.carried = carried  # the names the carried template files define (``template_files``)
        self.fail = _Failures(doc)
        data = doc.data
        if not isinstance(data, dict):
            raise ProblemsError([doc.problem((), I001, "not an Alertmanager configuration: the file holds no mapping",
                                             "give an alertmanager.yml")])
        self.data: dict[str, Any] = data
        # Routes, inhibit rules and time intervals hold only text (and route ``continue``): a scalar
        # YAML reads as a number or bool is, to Alertmanager, the text written. Done in place, so
        # the self-check's reading of the original is Alertmanager's too.
        for key in ("route", "inhibit_rules", "time_intervals", "mute_time_intervals"):
            if key in data:
                data[key] = _as_text(data[key], (key,), doc.texts)
        if isinstance(data.get("receivers"), list):
            for index, raw in enumerate(data["receivers"]):
                if isinstance(raw, dict) and "name" in raw and raw["name"] is not None:
                    raw["name"] = _as_text(raw["name"], ("receivers", index, "name"), doc.texts)
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.fail.add((key,), I001, f"unknown top-level key {key!r} in an Alertmanager configuration",
                              f"Alertmanager reads {', '.join(sorted(TOP_LEVEL_KEYS))}", at_key=True)
        self.global_: dict[str, Any] = self._mapping(("global",), data.get("global"), "global")
        self.receivers: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, raw in enumerate(self._list(("receivers",), data.get("receivers"), "receivers")):
            if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
                self.fail.add(("receivers", index), I001, "a receiver is a mapping with a non-empty name")
                continue
            if raw["name"] in self.receivers:
                self.fail.add(("receivers", index, "name"), I001, f"receiver {raw['name']!r} is defined twice")
                continue
            self.receivers[raw["name"]] = (index, raw)
        self.intervals: dict[str, tuple[DataPath, list[Any]]] = {}
        for key in ("mute_time_intervals", "time_intervals"):
            for index, raw in enumerate(self._list((key,), data.get(key), key)):
                if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
                    self.fail.add((key, index), I001, "a time interval is a mapping with a name")
                    continue
                specs = raw.get("time_intervals")
                if not isinstance(specs, list):
                    self.fail.add((key, index), I001, f"time interval {raw['name']!r} has no time_intervals list")
                    continue
                self.intervals[raw["name"]] = ((key, index), specs)
        self.notes: list[Problem] = []
        self._configs: dict[str, list[tuple[str, int, Any]]] = {}
        self._dollar_note()
        if doc.later_documents:
            self.notes.append(Problem(doc.file, doc.later_documents, 1, I006, "a further YAML document starts "
                                      "here: left out, as Alertmanager reads only the first",
                                      "delete it, or move what it should hold into the first document",
                                      Severity.WARNING))
        for key in SERVER_KEYS:
            if key in data:
                note = doc.problem((key,), I006, f"{key}: left out: it configures the Alertmanager process, not "
                                   "routing or receivers, and the rendered config does not carry it",
                                   f"set {key} on the Alertmanager that runs the render by hand", at_key=True)
                self.notes.append(replace(note, severity=Severity.WARNING))
        templates = data.get("templates")
        if templates:
            self._templates()
        route = data.get("route")
        if not isinstance(route, dict):
            self.fail.add(("route",) if "route" in data else (), I001, "the config has no route mapping",
                          "Alertmanager needs route: {receiver: ...}")
            route = {}
        self.root: dict[str, Any] = route
        self.fail.raise_if_any()

    def _dollar_note(self) -> None:
        """``${NAME}`` in the source is text to Alertmanager; it is imported as that text
        (:func:`_literal`), which may not be what a deploy that runs envsubst first meant: say so."""
        names: list[str] = []
        first: DataPath | None = None
        sources: list[tuple[Any, DataPath]] = [(raw, ("receivers", index)) for index, raw in self.receivers.values()]
        sources.append((self.global_, ("global",)))
        for raw, base in sources:
            for path, text in _strings(raw, base):
                for name in REFERENCE.findall(text):
                    first = first or path
                    if name not in names:
                        names.append(name)
        if first is None:
            return
        shown = ", ".join("${" + n + "}" for n in names[:5]) + (" ..." if len(names) > 5 else "")
        note = self.doc.problem(first, I006, f"{shown} kept as literal text (written $${{...}}): Alertmanager "
                                "does not expand variables", "if a tool such as envsubst fills them before "
                                "Alertmanager starts, write ${NAME} in the tenant file and grant NAME in "
                                "receivers.yaml variables.tenants")
        self.notes.append(replace(note, severity=Severity.WARNING))

    def _templates(self) -> None:
        """``templates:`` names Go template files on the Alertmanager host. Those the import found
        are carried as platform templates (:mod:`~receivers_cli.importers.template_files`, which
        renamed the calls before this runs); a call to a name neither they nor Alertmanager define
        is refused at the receiver that makes it. Without files found and without such a call, the
        key is left out with a warning."""
        from receivers_cli.render.templates import BUILTIN_TEMPLATES

        custom: list[tuple[str, DataPath]] = []
        for index, raw in self.receivers.values():
            for path, text in _strings(raw, ("receivers", index)):
                custom.extend((called, path) for called in TEMPLATE_CALL.findall(text)
                              if called not in BUILTIN_TEMPLATES and called not in self.carried)
        if custom:
            found = "the template files found do not define it" if self.carried else (
                "no file the templates: globs name was found, here or beside the config")
            for called, path in custom:
                self.fail.add(path, I002, f"the receiver calls template {called!r}, which {found}",
                              "copy the config's template files beside it (as the Alertmanager host has them), "
                              "write the text inline, or use a built-in template such as slack.default.title")
            return
        if self.carried:
            return
        note = self.doc.problem(
            ("templates",), I006, "templates: left out: no file its globs name was found, and no receiver calls "
            "a name such a file would define (only built-in names)",
            "receivers generates each tenant's templates (README, \"The output\")", at_key=True)
        self.notes.append(replace(note, severity=Severity.WARNING))

    # -- shapes ----------------------------------------------------------------------------------
    def _mapping(self, path: DataPath, value: Any, what: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail.add(path, I001, f"{what} must be a mapping")
            return {}
        return value

    def _list(self, path: DataPath, value: Any, what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail.add(path, I001, f"{what} must be a list")
            return []
        return value

    # -- matchers --------------------------------------------------------------------------------
    def matchers(self, raw: Mapping[str, Any], path: DataPath, prefix: str = "") -> list[tuple[str, Matcher]]:
        """(form, matcher) for every matcher of a route (prefix "") or inhibit side (source_/target_)."""
        found: list[tuple[str, Matcher]] = []
        for form in ("match", "match_re"):
            value = raw.get(prefix + form)
            if value is None:
                continue
            if not isinstance(value, dict):
                self.fail.add((*path, prefix + form), I001, f"{prefix + form} must be a mapping")
                continue
            try:
                legacy = matchers_from_legacy(value if form == "match" else None, value if form == "match_re" else None)
            except MatcherError as exc:
                self.fail.add((*path, prefix + form), I001, f"{prefix + form}: {exc.message}")
                continue
            found.extend((form, m) for m in legacy)
        entries = raw.get(prefix + "matchers")
        if entries is not None:
            if not isinstance(entries, list):
                self.fail.add((*path, prefix + "matchers"), I001, f"{prefix}matchers must be a list of strings")
            else:
                for i, entry in enumerate(entries):
                    try:
                        found.extend(("matchers", m) for m in parse_matcher_list([entry], self.version))
                    except MatcherError as exc:
                        self.fail.add((*path, prefix + "matchers", i), I001, f"matcher does not parse: {exc.message}")
        return found

    # -- receivers -------------------------------------------------------------------------------
    def configs(self, original: str) -> list[tuple[str, int, Any]]:
        """(native key, index, config) of every integration of an original receiver, in file order."""
        from receivers_cli import integrations

        if original in self._configs:
            return self._configs[original]
        index, raw = self.receivers[original]
        path: DataPath = ("receivers", index)
        found: list[tuple[str, int, Any]] = []
        for key, value in raw.items():
            if key == "name":
                continue
            if not key.endswith("_configs") or integrations.native(key) is None:
                self.fail.add((*path, key), I002, f"receiver {original!r}: {key} is not an integration receivers knows",
                              "see `receivers integrations list`", at_key=True)
                continue
            if value is None:
                continue
            if not isinstance(value, list):
                self.fail.add((*path, key), I001, f"{key} must be a list")
                continue
            found.extend((key, i, item) for i, item in enumerate(value))
        self._configs[original] = found
        return found

    def receiver_entries(self, original: str, locals_: list[str]) -> list[dict[str, Any]]:
        """The ``receivers`` entries for one original receiver: one per integration (``locals_`` names
        them; the routes reach them all, see :meth:`_Builder.split`), or one null receiver."""
        from receivers_cli import integrations

        index, _ = self.receivers[original]
        configs = self.configs(original)
        if not configs:
            return [{"name": locals_[0]}]  # a null receiver: delivers nothing
        entries = []
        for local, (key, i, config) in zip(locals_, configs, strict=True):
            integration = integrations.native(key)
            assert integration is not None
            entry: dict[str, Any] = {"name": local}
            if not isinstance(config, dict):
                self.fail.add(("receivers", index, key, i), I001, f"{key}[{i}] must be a mapping")
                continue
            reads = list(_file_reads(config, ("receivers", index, key, i)))
            for where in reads:
                self.fail.add(where, I002,
                              f"receiver {original!r}: {where[-1]} makes Alertmanager read a file on its host; a "
                              "tenant may never read files (R207), so this cannot be carried",
                              "give the value itself instead (the import encrypts it when receivers.yaml names a "
                              "recipient), then import again", at_key=True)
            if reads:
                continue
            config = _as_read(copy.deepcopy(config), integration.all_fields(),
                              {inherit.path for inherit in integration.all_inherits()},
                              source=(("receivers", index, key, i), self.doc.texts))
            self._inherit(integration, config, ("receivers", index, key, i), original)
            entry["channel_type"] = integration.channel_type
            entry["config"] = config
            entries.append(entry)
        return entries

    def _inherit(self, integration: Any, config: dict[str, Any], path: DataPath, original: str) -> None:
        """Make explicit what Alertmanager would fill in from ``global`` (the ``Inherit`` facts)."""
        for inherit in integration.all_inherits():
            if inherit.since > self.version or not inherit.globals:
                continue
            if native_value(config, inherit.path) is not None or any(native_value(config, p) is not None
                                                                  for p in inherit.unless):
                continue
            present = [name for name in inherit.globals if self.global_.get(name) is not None]
            if not present:
                continue
            name = present[0]
            if name.endswith("_file"):
                self.fail.add(("global", name), I002,
                              f"receiver {original!r} inherits global {name}: a tenant receiver cannot read a file "
                              f"on the Alertmanager host",
                              f"put the value itself in global.{name.removesuffix('_file')} (encrypted), "
                              "then import again", at_key=True)
                continue
            if inherit.path == ("http_config",) and _has_file_key(self.global_[name]):
                self.fail.add(("global", name), I002,
                              f"receiver {original!r} inherits global.http_config, which reads files on the "
                              "Alertmanager host (a *_file key); a tenant receiver cannot",
                              "give the values inline (encrypted), then import again", at_key=True)
                continue
            _set(config, inherit.path, _literal(copy.deepcopy(self.global_[name])))

    # -- time intervals --------------------------------------------------------------------------
    def interval_entry(self, original: str, local: str) -> dict[str, Any]:
        _, specs = self.intervals[original]
        return {"name": local, "time_intervals": copy.deepcopy(specs)}


# What Go's YAML parser gives a field written as ``key:`` (null): the zero value of its type. For
# a pointer, slice or map (URLs, objects, lists, mappings) that is "not set", so the key is left
# out; a string becomes "" (not its default template), a bool false, a number 0.
_NULL_ZERO: dict[str, Any] = {"string": "", "template": "", "bool": False, "int": 0, "float": 0}


def _as_read(config: dict[str, Any], fields: Iterable[Any], inherited: set[tuple[str, ...]],
             prefix: tuple[str, ...] = (), source: tuple[DataPath, Mapping[DataPath, str]] = ((), {})
             ) -> dict[str, Any]:
    """A receiver config as Alertmanager reads it, in the text of a tenant file.

    * ``${`` is plain text to Alertmanager (it expands no variables), while a tenant file reads
      ``${NAME}`` as a variable: every ``${`` is written ``$${`` (the literal form), so the
      rendered text is the original's.
    * null values: see ``_NULL_ZERO``; a field filled from ``global`` when empty is left out (the
      inheritance then writes the global value, as Alertmanager does for "").
    * a number or bool where Alertmanager reads text is the text written (``source``: the path of
      ``config`` in the document and the document's scalar texts)."""
    by_name = {f.name: f for f in fields}
    out: dict[str, Any] = {}
    base, texts = source
    for key, value in config.items():
        declared = by_name.get(key) if isinstance(key, str) else None
        if declared is not None and value is not None:
            value = _declared_text(value, declared, (*base, key), texts)
        if value is None:
            if declared is not None and (*prefix, key) not in inherited and declared.kind in _NULL_ZERO:
                out[key] = _NULL_ZERO[declared.kind]
            continue
        if isinstance(value, dict):
            sub = declared.fields if declared is not None else ()
            out[key] = _as_read(value, sub, inherited, (*prefix, str(key)), ((*base, key), texts))
        elif isinstance(value, list) and declared is not None and declared.fields:
            # A list of objects (slack fields/actions, pagerduty links ...): each item as its own config.
            out[key] = [_as_read(item, declared.fields, set(), (), ((*base, key, i), texts))
                        if isinstance(item, dict) else _literal(item) for i, item in enumerate(value)]
        else:
            out[key] = _literal(value)
    return out


_YAML11_BOOLS = {**{w: True for w in ("y", "Y", "yes", "Yes", "YES", "on", "On", "ON")},
                 **{w: False for w in ("n", "N", "no", "No", "NO", "off", "Off", "OFF")}}
# Field kinds Alertmanager reads as Go strings (or types parsed from a string).
_TEXT_KINDS = frozenset({"string", "template", "url", "duration", "go_duration", "hostport"})


def _declared_text(value: Any, declared: Any, path: DataPath, texts: Mapping[DataPath, str]) -> Any:
    """A declared field's value with the written text for a number or bool where the kind (or, for a
    list or a mapping, the kind of its items) is text."""
    if declared.kind in _TEXT_KINDS:
        return _as_text(value, path, texts, frozenset())
    if declared.kind == "bool" and isinstance(value, str) and value in _YAML11_BOOLS:
        return _YAML11_BOOLS[value]  # Go's YAML 1.1 parser reads yes/no/on/off as booleans
    if declared.kind in ("list", "map") and declared.items in _TEXT_KINDS and not declared.fields:
        return _as_text(value, path, texts, frozenset())
    return value


def _as_text(value: Any, path: DataPath, texts: Mapping[DataPath, str], keep: frozenset[str] = frozenset({"continue"})
             ) -> Any:
    """``value`` with every number or bool replaced by the text the source wrote (``keep``: keys
    Alertmanager reads as a bool). A null stays null (it is "not set")."""
    if isinstance(value, dict):
        return {k: child if k in keep else _as_text(child, (*path, k), texts, keep) for k, child in value.items()}
    if isinstance(value, list):
        return [_as_text(child, (*path, i), texts, keep) for i, child in enumerate(value)]
    if value is None or isinstance(value, str):
        return value
    return texts.get(path, str(value))


def _literal(value: Any) -> Any:
    """``value`` with every ``${`` in its text escaped as ``$${`` (see :func:`_as_read`)."""
    if isinstance(value, str):
        return value.replace("${", "$${")
    if isinstance(value, list):
        return [_as_read(item, (), set()) if isinstance(item, dict) else _literal(item) for item in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


def _set(config: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = config
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def _strings(value: Any, path: DataPath) -> Iterable[tuple[DataPath, str]]:
    """Every text value below ``value``, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, child in value.items():
            yield from _strings(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, (*path, i))


def _file_reads(value: Any, path: DataPath) -> Iterable[DataPath]:
    """The path of every key below ``value`` that names a file Alertmanager reads (``*_file``,
    ``http_headers.<name>.files``): the same keys R207 refuses in a tenant file."""
    if isinstance(value, Mapping):
        for key, child in value.items():
            if isinstance(key, str) and (key.endswith("_file") or key == "files") and child not in (None, "", []):
                yield (*path, key)
            else:
                yield from _file_reads(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _file_reads(child, (*path, i))


def _has_file_key(value: Any) -> bool:
    if isinstance(value, Mapping):
        return any((isinstance(k, str) and (k.endswith("_file") or k == "files")) or _has_file_key(v)
                   for k, v in value.items())
    if isinstance(value, list):
        return any(_has_file_key(v) for v in value)
    return False


class _Builder:
    """Turns the converter's checked source into owners' route trees."""

    def __init__(self, conv: _Converter, label: str) -> None:
        self.conv = conv
        self.label = label
        self.owners: dict[str, Owner] = {}
        self.provenance: dict[tuple[str, DataPath], DataPath] = {}
        self.receiver_order: dict[str, list[str]] = {}  # owner → original receiver names, in first-use order
        self.interval_order: dict[str, list[str]] = {}

    def owner(self, owner_id: str) -> Owner:
        if owner_id not in self.owners:
            self.owners[owner_id] = Owner(owner_id)
            self.receiver_order[owner_id] = []
            self.interval_order[owner_id] = []
        return self.owners[owner_id]

    def use_receiver(self, owner_id: str, name: Any, path: DataPath) -> str | None:
        if not isinstance(name, str) or name not in self.conv.receivers:
            self.conv.fail.add(path, I001, f"route names receiver {name!r}, which is not defined",
                               "define it under receivers:")
            return None
        owner = self.owner(owner_id)
        if name not in owner.receivers:
            owner.receivers[name] = local_id(name, owner.receivers.values())
            self.receiver_order[owner_id].append(name)
        return owner.receivers[name]

    def parts(self, owner_id: str, name: str) -> list[str]:
        """Local ids of every integration of receiver ``name`` for the owner: its own id first."""
        owner = self.owner(owner_id)
        base = owner.receivers[name]
        if name not in owner.parts:
            count = max(1, len(self.conv.configs(name)))
            taken = set(owner.receivers.values()) | {p for ps in owner.parts.values() for p in ps}
            found = [base]
            for k in range(2, count + 1):
                found.append(local_id(f"{base}-{k}", taken | set(found)))
            owner.parts[name] = found
        return owner.parts[name]

    def split(self, owner_id: str, effective: str | None, node: dict[str, Any], children: list[dict[str, Any]],
              path: DataPath) -> None:
        """Make a route whose receiver has several integrations reach every one of them.

        A receivers receiver holds one integration, so the original receiver becomes one per
        integration, and the node gets one last child per part (no matchers, all but the last with
        ``continue``, the node's own time intervals, since those are not inherited): whenever the node
        itself would have been the match, they are, in order. A child of the node with ``continue``
        would let them fire beside it, which the original does not: that is refused."""
        if effective is None or len(self.conv.configs(effective)) < 2:
            return
        if any(child.get("continue") for child in children):
            self.conv.fail.add(path, I002, f"receiver {effective!r} has {len(self.conv.configs(effective))} "
                               "integrations and this route has a child with continue: true; a receivers "
                               "receiver holds one integration, and the split cannot keep this routing",
                               "split the receiver by hand (one per integration), then import again")
            return
        parts = self.parts(owner_id, effective)
        for k, part in enumerate(parts):
            leaf: dict[str, Any] = {"receiver": part}
            if k < len(parts) - 1:
                leaf["continue"] = True
            for key in ("mute_time_intervals", "active_time_intervals"):
                if node.get(key):
                    leaf[key] = list(node[key])
            children.append(leaf)
        node["routes"] = children

    def use_interval(self, owner_id: str, name: Any, path: DataPath) -> str | None:
        if not isinstance(name, str) or name not in self.conv.intervals:
            self.conv.fail.add(path, I001, f"route names time interval {name!r}, which is not defined",
                               "define it under time_intervals:")
            return None
        owner = self.owner(owner_id)
        if name not in owner.intervals:
            owner.intervals[name] = local_id(name, owner.intervals.values())
            self.interval_order[owner_id].append(name)
        return owner.intervals[name]

    def route(self, raw: Any, path: DataPath, owner_id: str, value: str | None, out: DataPath,
              inherited: str | None = None) -> dict[str, Any] | None:
        """The native route node for ``owner_id``; with ``value``, matchers on the label are decided for
        LABEL=value (None: the route can never match there). ``out`` is its generated path."""
        conv = self.conv
        if not isinstance(raw, dict):
            conv.fail.add(path, I001, "a route must be a mapping")
            return None
        for key in raw:
            if key not in ROUTE_KEYS:
                conv.fail.add((*path, key), I001, f"unknown route key {key!r}", at_key=True)
        node: dict[str, Any] = {}
        kept: dict[str, list[Matcher]] = {"match": [], "match_re": [], "matchers": []}
        for form, matcher in conv.matchers(raw, path):
            if value is not None and matcher.name == self.label:
                if not matcher.matches_value(value):
                    return None  # this route never sees an alert of the tenant
                continue  # always true below the tenant route
            kept[form].append(matcher)
        # Named only once the route is kept: a tenant receiver its tree does not name would get
        # a v1 shorthand route (every alert of the tenant).
        if raw.get("receiver") is not None:
            local = self.use_receiver(owner_id, raw["receiver"], (*path, "receiver"))
            if local is not None:
                node["receiver"] = local
        if kept["match"]:
            node["match"] = {m.name: m.value for m in kept["match"]}
        if kept["match_re"]:
            node["match_re"] = {m.name: m.value for m in kept["match_re"]}
        if kept["matchers"]:
            node["matchers"] = [str(m) for m in kept["matchers"]]
        if raw.get("continue"):
            node["continue"] = True
        if raw.get("group_by") is not None:
            node["group_by"] = list(raw["group_by"]) if isinstance(raw["group_by"], list) else raw["group_by"]
        for key in TIMER_KEYS:
            if raw.get(key) is not None:
                node[key] = str(raw[key])
        for key in ("active_time_intervals", "mute_time_intervals"):
            names = raw.get(key)
            if names:
                if not isinstance(names, list):
                    conv.fail.add((*path, key), I001, f"{key} must be a list of names")
                    continue
                locals_ = [self.use_interval(owner_id, n, (*path, key, i)) for i, n in enumerate(names)]
                node[key] = [n for n in locals_ if n is not None]
        own = raw.get("receiver")
        effective = own if isinstance(own, str) and own in conv.receivers else inherited
        children = raw.get("routes")
        if children is not None and not isinstance(children, list):
            conv.fail.add((*path, "routes"), I001, "routes must be a list")
            children = []
        built: list[dict[str, Any]] = []
        for index, child in enumerate(children or []):
            child_out = (*out, "routes", len(built))
            rendered = self.route(child, (*path, "routes", index), owner_id, value, child_out, effective)
            if rendered is not None:
                built.append(rendered)
        if built:
            node["routes"] = built
        self.split(owner_id, effective, node, built, path)
        self.provenance[(owner_id, out)] = path
        return node


def pinned_value(conv: _Converter, raw: Any, label: str) -> str | None:
    """The value a route pins ``label`` to by equality (``label="v"`` / ``match: {label: v}``), or None."""
    if not isinstance(raw, dict):
        return None
    values = {m.value for _, m in conv.matchers(raw, ()) if m.name == label and m.type is MatchType.EQUAL}
    return values.pop() if len(values) == 1 else None


def convert(
    doc: SourceDocument,
    version: Version,
    *,
    tenant: str | None = None,
    by: str | None = None,
    tenant_label: str | None = None,
    carried: frozenset[str] = frozenset(),
) -> ImportResult:
    """Convert an Alertmanager config document (``--tenant`` or ``--by``); raises ProblemsError.
    ``carried``: the template names the carried template files define (already renamed)."""
    conv = _Converter(doc, version, carried)
    root = conv.root
    for key in ("match", "match_re", "matchers", "continue", "active_time_intervals", "mute_time_intervals"):
        if root.get(key):
            conv.fail.add(("route", key), I001, f"the root route must not have {key}", at_key=True)
    if not isinstance(root.get("receiver"), str):
        conv.fail.add(("route",), I001, "the root route names no receiver", "set route.receiver")
    conv.fail.raise_if_any()
    used_labels = _labels_used(conv)
    if by is not None:
        label = by
        if tenant_label is not None and tenant_label != by:
            raise ProblemsError([Problem(doc.file, 0, 0, I001,
                                         f"--by {by}, but the platform file's tenant_label is {tenant_label!r}",
                                         f"set tenant_label: {by} in the platform file, or import with --tenant")])
    else:
        assert tenant is not None
        if tenant_label is not None:
            label = tenant_label
            if label in used_labels:
                path = used_labels[label]
                conv.fail.add(path, I002, f"the config matches on label {label!r}, the platform's tenant label: "
                              "an import as one tenant would change what those matchers see",
                              "import into a platform file with another tenant_label (or none yet)")
                conv.fail.raise_if_any()
        else:
            label = next((n for n in TENANT_LABELS if n not in used_labels), "")
            if not label:
                raise ProblemsError([Problem(doc.file, 0, 0, I002, "every tenant label candidate is used by the config",
                                             "set tenant_label in a platform file and pass --config")])
    builder = _Builder(conv, label)
    children = root.get("routes") or []
    if not isinstance(children, list):
        conv.fail.add(("route", "routes"), I001, "routes must be a list")
        children = []
    root_receiver = root["receiver"]
    tenants: dict[str, dict[str, Any]] = {}
    platform: dict[str, Any] = {"alertmanager_version": f"{version[0]}.{version[1]}"}
    if label != "tenant":
        platform["tenant_label"] = label
    root_group_by = root.get("group_by")
    platform["group_by"] = list(root_group_by) if isinstance(root_group_by, list) else []
    timings = {key: str(root.get(key) or ROOT_DEFAULTS[key]) for key in TIMER_KEYS}
    if conv.global_:
        # null keys are Go's zero value, which for a global is "not set" (defaults then apply).
        platform["global"] = {k: _literal(copy.deepcopy(v)) for k, v in conv.global_.items() if v is not None}
    tenant_routes: dict[str, dict[str, Any]] = {}
    if tenant is not None:
        if not ID_RE.match(tenant):
            raise ProblemsError([Problem("--tenant", 0, 0, I001, f"{tenant!r} is not a tenant id",
                                         "lower case letters, digits, . _ -; at most 63")])
        tenant_routes[tenant] = _tenant_tree(builder, tenant, None, [(i, c) for i, c in enumerate(children)])
    else:
        assert by is not None
        pins = [pinned_value(conv, child, by) for child in children]
        tenant_ids = sorted({v for v in pins if v is not None and ID_RE.match(v)})
        if not tenant_ids:
            others = sorted({v for v in pins if v is not None})
            found = (f"; the values it is pinned to are not tenant ids: {', '.join(map(repr, others[:5]))}"
                     if others else "")
            conv.fail.add(("route", "routes"), I002, f"no top-level route pins label {by!r} to a value that is a "
                          f"tenant id{found}", f"route children with {by}=\"<tenant>\" become tenants (a tenant id "
                          "is lower case letters, digits, . _ -); check the label name, or import with --tenant")
            conv.fail.raise_if_any()
        first = next(i for i, v in enumerate(pins) if v in tenant_ids)
        before = [(i, c) for i, c in enumerate(children) if i < first]
        later = [(i, c) for i, c in enumerate(children) if i >= first]
        after = [(i, c) for i, c in later if pins[i] not in tenant_ids]
        for tenant_id in tenant_ids:
            tenant_routes[tenant_id] = _tenant_tree(builder, tenant_id, tenant_id, later)
            _before_continue_check(conv, by, tenant_id, before, tenant_routes[tenant_id])
        routes: dict[str, list[dict[str, Any]]] = {}
        for section, chosen in (("before", before), ("after", after)):
            built: list[dict[str, Any]] = []
            for i, child in chosen:
                node = builder.route(child, ("route", "routes", i), naming.PLATFORM, None,
                                     ("routes", section, len(built)), root_receiver)
                if node is not None:
                    built.append(node)
            if built:
                routes[section] = built
        default = builder.use_receiver(naming.PLATFORM, root_receiver, ("route", "receiver"))
        platform["default_receiver"] = default
        if len(conv.configs(root_receiver)) > 1:
            conv.fail.add(("route", "receiver"), I002,
                          f"the root receiver {root_receiver!r} has several integrations; split by a label, it is "
                          "the platform's default_receiver, which is one receiver with one integration",
                          "split the receiver by hand (keep one integration on the root receiver)")
        if routes:
            platform["routes"] = routes
    conv.fail.raise_if_any()
    platform["tiers"] = {"standard": dict(timings)}
    name_map: dict[str, list[str]] = {name: [] for name in conv.receivers}
    dropped: set[str] = set()  # rendered names of a split receiver's 2nd, 3rd ... integration
    # Platform receivers, then each tenant's.
    if naming.PLATFORM in builder.owners:
        owner = builder.owners[naming.PLATFORM]
        platform["receivers"] = _entries(builder, naming.PLATFORM, builder.receiver_order[naming.PLATFORM], name_map,
                                         dropped)
        if builder.interval_order[naming.PLATFORM]:
            platform["time_intervals"] = [
                conv.interval_entry(name, owner.intervals[name]) for name in builder.interval_order[naming.PLATFORM]
            ]
            for i, name in enumerate(builder.interval_order[naming.PLATFORM]):
                builder.provenance[(naming.PLATFORM, ("time_intervals", i))] = conv.intervals[name][0]
    warnings: list[Problem] = list(conv.notes)
    for tenant_id, route in tenant_routes.items():
        owner = builder.owner(tenant_id)
        body: dict[str, Any] = {"metadata": {"name": tenant_id}}
        body["receivers"] = _entries(builder, tenant_id, builder.receiver_order[tenant_id], name_map, dropped)
        if builder.interval_order[tenant_id]:
            body["time_intervals"] = [conv.interval_entry(name, owner.intervals[name])
                                      for name in builder.interval_order[tenant_id]]
        for i, name in enumerate(builder.interval_order[tenant_id]):
            builder.provenance[(tenant_id, ("time_intervals", i))] = conv.intervals[name][0]
        body["route"] = {key: value for key, value in (
            ("receiver", route.get("receiver")), ("group_by", list(platform["group_by"])), *timings.items(),
            ("routes", route.get("routes"))) if value is not None}
        tenants[tenant_id] = body
    # Receivers no route names: kept in the result, disabled (a v1 receiver that the tree does not
    # name would otherwise get every alert of the tenant), and reported.
    unused = [name for name, natives in name_map.items() if not natives]
    if unused:
        holder = tenants[tenant] if tenant is not None else platform
        owner_id = tenant if tenant is not None else naming.PLATFORM
        owner = builder.owner(owner_id)
        entries = holder.setdefault("receivers", [])
        for name in unused:
            owner.receivers[name] = local_id(name, owner.receivers.values())
            for entry in conv.receiver_entries(name, builder.parts(owner_id, name)):
                if tenant is not None:
                    entry["enabled"] = False
                builder.provenance[(owner_id, ("receivers", len(entries)))] = ("receivers", conv.receivers[name][0])
                entries.append(entry)
            name_map[name].extend(naming.scoped(owner_id, part) for part in builder.parts(owner_id, name))
            index = conv.receivers[name][0]
            warnings.append(Problem(doc.file, *_pos(doc, ("receivers", index)), I006,
                                    f"receiver {name!r} is not used by any route: imported "
                                    + ("disabled" if tenant is not None else "as an unrouted platform receiver"),
                                    "delete it if nobody needs it", Severity.WARNING))
    _inhibit_rules(conv, builder, tenant, tenants, platform)
    conv.fail.raise_if_any()
    provenance = {
        (owner_id, _file_path(owner_id, path)): source for (owner_id, path), source in builder.provenance.items()
    }
    intervals = {naming.scoped(owner.id, local): original
                 for owner in builder.owners.values() for original, local in owner.intervals.items()}
    return ImportResult("tenant" if tenant is not None else "by", label, version, tenants, platform, name_map,
                        warnings, provenance, interval_names=intervals, split_parts=dropped)


def _entries(builder: _Builder, owner_id: str, names: list[str], name_map: dict[str, list[str]],
             dropped: set[str]) -> list[dict[str, Any]]:
    """The owner's ``receivers`` entries (one per integration), recorded in the name map."""
    entries: list[dict[str, Any]] = []
    for name in names:
        parts = builder.parts(owner_id, name)
        index = builder.conv.receivers[name][0]
        for k, entry in enumerate(builder.conv.receiver_entries(name, parts)):
            builder.provenance[(owner_id, ("receivers", len(entries)))] = ("receivers", index)
            configs = builder.conv.configs(name)
            if k < len(configs):
                key, i, _ = configs[k]
                builder.provenance[(owner_id, ("receivers", len(entries), "config"))] = ("receivers", index, key, i)
            entries.append(entry)
        natives = [naming.scoped(owner_id, part) for part in parts]
        name_map[name].extend(natives)
        dropped.update(natives[1:])
    return entries


def _file_path(owner_id: str, path: DataPath) -> DataPath:
    """A generated path as it stands in its file: below the tenant id in a tenant file."""
    if owner_id == naming.PLATFORM:
        return path
    if path and path[0] == "route-tree":
        return (owner_id, "route", *path[1:])
    return (owner_id, *path)


def _pos(doc: SourceDocument, path: DataPath) -> tuple[int, int]:
    position = doc.locate(path)
    return position.line, position.column


def _before_continue_check(conv: _Converter, label: str, tenant_id: str, before: list[tuple[int, Any]],
                           tree: dict[str, Any]) -> None:
    """Refuse what ``--by`` cannot carry: a route before the tenants, with ``continue: true``, that
    can match the tenant's alerts, when the tenant's tree has no catch-all route.

    In the original, an alert that matched such a route and none of the later ones goes nowhere
    else (the root receiver takes only alerts no route matched). In the render the tenant route
    takes every alert of its tenant, so the tenant's default (the root receiver's copy) would
    get it too."""
    if any(not _route_matchers(node) for node in tree.get("routes") or []):
        return  # a later route takes every alert of the tenant: nothing falls to its default
    for index, raw in before:
        if not isinstance(raw, dict) or raw.get("continue") is not True:
            continue
        decided = [m for _, m in conv.matchers(raw, ()) if m.name == label]
        if all(m.matches_value(tenant_id) for m in decided):
            conv.fail.add(("route", "routes", index), I002,
                          f"this route has continue: true and can match alerts of tenant {tenant_id!r}, whose routes "
                          f"do not take all of its alerts: split by {label}, the tenant's default receiver would "
                          "also get the alerts this route and no later one matches (the original's root receiver "
                          "does not)", f"add a last route {label}=\"{tenant_id}\" (receiver: the root's) if "
                          "that is meant, give this route no continue, or import with --tenant")
            return


def _route_matchers(node: dict[str, Any]) -> bool:
    return any(node.get(key) for key in ("matchers", "match", "match_re"))


def _tenant_tree(builder: _Builder, tenant_id: str, value: str | None,
                 children: list[tuple[int, Any]]) -> dict[str, Any]:
    conv = builder.conv
    route: dict[str, Any] = {}
    default = builder.use_receiver(tenant_id, conv.root["receiver"], ("route", "receiver"))
    if default is not None:
        route["receiver"] = default
    built: list[dict[str, Any]] = []
    for index, child in children:
        node = builder.route(child, ("route", "routes", index), tenant_id, value,
                             ("route-tree", "routes", len(built)), conv.root["receiver"])
        if node is not None:
            built.append(node)
    if built:
        route["routes"] = built
    builder.split(tenant_id, conv.root["receiver"], route, built, ("route",))
    return route


def _inhibit_rules(conv: _Converter, builder: _Builder, tenant: str | None, tenants: dict[str, dict[str, Any]],
                   platform: dict[str, Any]) -> None:
    rules = conv.data.get("inhibit_rules")
    if rules is None:
        return
    if not isinstance(rules, list):
        conv.fail.add(("inhibit_rules",), I001, "inhibit_rules must be a list")
        return
    out: list[dict[str, Any]] = []
    for index, raw in enumerate(rules):
        path: DataPath = ("inhibit_rules", index)
        if not isinstance(raw, dict):
            conv.fail.add(path, I001, "an inhibit rule must be a mapping")
            continue
        for key in raw:
            if key not in INHIBIT_KEYS:
                conv.fail.add((*path, key), I001, f"unknown inhibit rule key {key!r}", at_key=True)
        equal = raw.get("equal") or []
        if not isinstance(equal, list) or not all(isinstance(n, str) and LEGACY_LABEL_NAME.match(n) for n in equal):
            conv.fail.add((*path, "equal"), I002, "equal must list label names [a-zA-Z_][a-zA-Z0-9_]*")
            continue
        rule: dict[str, Any] = {}
        if isinstance(raw.get("name"), str) and raw["name"]:
            rule["name"] = local_id(raw["name"], ())
        if tenant is not None:
            # One tenant: confined to it (the render adds the tenant label on both sides and to equal).
            for side in ("source", "target"):
                found = [str(m) for _, m in conv.matchers(raw, path, f"{side}_")]
                rule[f"{side}_matchers"] = found or [MATCH_EVERYTHING]
        else:
            # Split: the platform's own rule, which may cross tenants as the original did.
            for key in ("source_matchers", "source_match", "source_match_re", "target_matchers", "target_match",
                        "target_match_re"):
                if raw.get(key):
                    rule[key] = copy.deepcopy(raw[key])
            conv.matchers(raw, path, "source_")
            conv.matchers(raw, path, "target_")
        if equal:
            rule["equal"] = list(equal)
        owner_id = tenant if tenant is not None else naming.PLATFORM
        builder.provenance[(owner_id, ("inhibit" if tenant is not None else "inhibit_rules", len(out)))] = path
        out.append(rule)
    if not out:
        return
    if tenant is not None:
        tenants[tenant]["inhibit"] = out
    else:
        platform["inhibit_rules"] = out


def _labels_used(conv: _Converter) -> dict[str, DataPath]:
    """Every label name the config's matchers (routes and inhibit rules) and groupings name, with a path."""
    found: dict[str, DataPath] = {}

    def visit(raw: Any, path: DataPath) -> None:
        if not isinstance(raw, dict):
            return
        for _, m in conv.matchers(raw, path):
            found.setdefault(m.name, path)
        group_by = raw.get("group_by")
        if isinstance(group_by, list):
            for name in group_by:
                if isinstance(name, str):
                    found.setdefault(name, (*path, "group_by"))
        for i, child in enumerate(raw.get("routes") or [] if isinstance(raw.get("routes"), list) else []):
            visit(child, (*path, "routes", i))

    visit(conv.root, ("route",))
    rules = conv.data.get("inhibit_rules")
    for i, rule in enumerate(rules if isinstance(rules, list) else []):
        if isinstance(rule, dict):
            for side in ("source_", "target_"):
                for _, m in conv.matchers(rule, ("inhibit_rules", i), side):
                    found.setdefault(m.name, ("inhibit_rules", i))
            for name in rule.get("equal") or [] if isinstance(rule.get("equal"), list) else []:
                if isinstance(name, str):
                    found.setdefault(name, ("inhibit_rules", i, "equal"))
    conv.fail.raise_if_any()
    return found
