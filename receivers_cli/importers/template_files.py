"""The config's own Go template files (``templates:``), carried as the platform's shared templates.

Alertmanager reads every file its ``templates:`` globs match (relative paths from the config's
folder) into one template set. The import reads the same files and carries them as platform
template files (``receivers.yaml`` ``templates.files``, written under ``templates/`` beside it):
the operator's own files are platform text, reviewed with the platform file, never a tenant's.

Platform names live in their own namespace (:mod:`receivers_cli.render.platform_templates`), so
every name the files define, ``X``, becomes ``_platform/X``, and every call of ``X`` (in the files
and in the receivers' fields) is rewritten to match. Only the name literal of a ``define``,
``block`` or ``template`` action changes: the rest of the text is the original, byte for byte.

A file that redefines a built-in (``slack.default.title``) changed, in the original, every field
left to its default that calls it. The carried definition is ``_platform/slack.default.title``,
and each such field is written out on the receiver with the renamed call (Alertmanager's default
text per field, :data:`~receivers_cli.alertmanager.default_texts.DEFAULTS`), so the receiver still
sends the redefined text. Built-ins that call a redefined name internally keep Alertmanager's own
text; a warning says which names that touches.

A glob that matches nothing where it is written, but whose last folder and pattern do beside the
config (``/etc/alertmanager/templates/*.tmpl`` read as ``templates/*.tmpl``: the usual container
mount), is read there, with a warning naming both.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from receivers_cli.alertmanager import gotemplate
from receivers_cli.alertmanager.versions import Version
from receivers_cli.codes import I001, I002, I006
from receivers_cli.errors import Problem, ProblemsError, Severity
from receivers_cli.loading.platform_templates import MAX_TEMPLATE_BYTES, MAX_TEMPLATE_FILES
from receivers_cli.loading.yaml_source import SourceDocument, display_path, read_regular_file
from receivers_cli.render.platform_templates import PREFIX

OUTPUT_DIR = "templates"  # beside the platform file
# ... or this one, when the source's own templates/ is there (the config repository imported in place).
OTHER_OUTPUT_DIR = "platform-templates"
_NAME_KEYWORDS = frozenset({"define", "block", "template"})


@dataclass
class CarriedTemplates:
    """What the import carries of the config's template files."""

    files: dict[str, str] = field(default_factory=dict)  # path relative to receivers.yaml → rewritten text
    origins: dict[str, str] = field(default_factory=dict)  # that path → the source file (display path)
    renamed: dict[str, str] = field(default_factory=dict)  # defined name → platform name
    builtins: set[str] = field(default_factory=set)  # built-in names the files redefine
    notes: list[Problem] = field(default_factory=list)

    sources: set[str] = field(default_factory=set)  # real paths of the files read

    def place(self, config_dir: Path) -> list[str]:
        """Move the copies to OTHER_OUTPUT_DIR when one would land on a file the import read; the
        copies that still would (never written, even with --force)."""
        if not self._overwriting(config_dir):
            return []
        moved = {f"{OTHER_OUTPUT_DIR}/{name.split('/', 1)[1]}": name for name in self.files}
        self.files = {new: self.files[old] for new, old in moved.items()}
        self.origins = {new: self.origins[old] for new, old in moved.items()}
        return self._overwriting(config_dir)

    def _overwriting(self, config_dir: Path) -> list[str]:
        return [name for name in self.files if os.path.realpath(config_dir / name) in self.sources]


def read(doc: SourceDocument, source: Path, version: Version) -> CarriedTemplates:
    """Read and rename the files ``templates:`` names; raises ProblemsError (located) when one
    cannot be read or is no template Alertmanager would load."""
    from receivers_cli.render.templates import BUILTIN_TEMPLATES

    carried = CarriedTemplates()
    patterns = doc.data.get("templates") if isinstance(doc.data, dict) else None
    if patterns is None:
        return carried
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ProblemsError([doc.problem(("templates",), I001, "templates must be a list of file paths or globs")])
    functions = gotemplate.functions_for(version)
    problems: list[Problem] = []
    found: list[tuple[int, Path]] = []
    seen: set[str] = set()
    for index, pattern in enumerate(patterns):
        for path in _matches(doc, source, index, pattern, carried):
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append((index, Path(real)))
    carried.sources = seen
    if len(found) > MAX_TEMPLATE_FILES:
        raise ProblemsError([doc.problem(("templates",), I002, f"the templates match {len(found)} files; a platform "
                                         f"holds at most {MAX_TEMPLATE_FILES}", "merge them into fewer files")])
    texts: list[tuple[int, Path, str, list[gotemplate.Definition]]] = []
    for index, path in found:
        name = display_path(path)
        try:
            raw = read_regular_file(path, name, max_bytes=MAX_TEMPLATE_BYTES)
            text = raw.decode("utf-8")
        except ProblemsError as exc:
            problems.extend(exc.problems)
            continue
        except UnicodeDecodeError:
            problems.append(Problem(name, 1, 1, I002, "the template file is not UTF-8", "save it as UTF-8"))
            continue
        try:
            parsed = gotemplate.parse(text, functions)
        except gotemplate.GoTemplateError as exc:
            line, col = gotemplate.line_col(text, exc.offset)
            problems.append(Problem(name, line, col, I002, f"not a Go template the import can read: {exc.message}",
                                    "fix the {{ }} action; Alertmanager refuses such a file too"))
            continue
        texts.append((index, path, text, parsed.definitions))
    if problems:
        raise ProblemsError(problems)
    for _, _, _, definitions in texts:
        for definition in definitions:
            if definition.name and not definition.name.startswith(PREFIX):
                carried.renamed[definition.name] = PREFIX + definition.name
                if definition.name in BUILTIN_TEMPLATES:
                    carried.builtins.add(definition.name)
    taken: set[str] = set()
    for _, path, text, _ in texts:
        target = _output_name(path, taken)
        carried.files[target] = rename_calls(text, carried.renamed)
        carried.origins[target] = display_path(path)
    if carried.builtins:
        names = ", ".join(sorted(carried.builtins))
        carried.notes.append(_warning(doc.problem(
            ("templates",), I006, f"the template files redefine built-in {names}: carried as "
            f"{PREFIX}<name>; the fields that call them, or leave them to the default, call the carried one; "
            "other built-ins that call them inside keep Alertmanager's text", "", at_key=True)))
    return carried


def _warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.WARNING)


def _matches(doc: SourceDocument, source: Path, index: int, pattern: str, carried: CarriedTemplates) -> list[Path]:
    """The files ``pattern`` names, as Alertmanager resolves it; else beside the config (warned)."""
    base = source.parent
    written = Path(pattern) if os.path.isabs(pattern) else base / pattern
    hits = _glob(written)
    if hits or not os.path.isabs(pattern):
        return hits
    parts = PurePosixPath(pattern).parts[1:]  # without the root
    for tail in dict.fromkeys((tuple(parts[-2:]), tuple(parts[-1:]))):
        near = _glob(base.joinpath(*tail))
        if near:
            shown = "/".join(tail)
            carried.notes.append(_warning(doc.problem(
                ("templates", index), I006, f"{pattern!r} matches no file here: read as {shown!r} beside "
                "the config instead", "check that these are the files the Alertmanager host loads")))
            return near
    return []


def _glob(path: Path) -> list[Path]:
    return sorted(Path(p) for p in glob.glob(str(path)) if not os.path.isdir(p))


def _output_name(path: Path, taken: set[str]) -> str:
    stem, suffix = path.stem, path.suffix or ".tmpl"
    candidate, n = f"{stem}{suffix}", 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(candidate)
    return f"{OUTPUT_DIR}/{candidate}"


def rename_calls(text: str, renamed: dict[str, str]) -> str:
    """``text`` with the name literal of each ``define``/``block``/``template`` action that names a
    key of ``renamed`` replaced by its value; text that does not lex as a template is returned as is
    (the validation reports it where it stands)."""
    if "{{" not in text or not renamed:
        return text
    try:
        items = gotemplate.lex(text)
    except gotemplate.GoTemplateError:
        return text
    edits: list[tuple[int, int, str]] = []
    keyword = False
    for item in items:
        if item.kind == gotemplate.SPACE:
            continue
        if keyword and item.kind in (gotemplate.STRING, gotemplate.RAW):
            try:
                name = gotemplate.unquote(item.value, item.offset)
            except gotemplate.GoTemplateError:
                name = ""
            if name in renamed:
                edits.append((item.offset, item.offset + len(item.value), go_quote(renamed[name])))
        keyword = item.kind == gotemplate.KEYWORD and item.value in _NAME_KEYWORDS
    for start, end, literal in reversed(edits):
        text = text[:start] + literal + text[end:]
    return text


def go_quote(name: str) -> str:
    """A Go interpreted string literal for ``name``."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def rewrite_receivers(data: Any, carried: CarriedTemplates) -> None:
    """Rename the calls in every receiver string, and write out the defaults that call a redefined
    built-in (in place, on the source data, before the conversion copies the receivers)."""
    from receivers_cli.alertmanager.default_texts import DEFAULTS

    receivers = data.get("receivers") if isinstance(data, dict) else None
    if not carried.renamed or not isinstance(receivers, list):
        return
    for receiver in receivers:
        if not isinstance(receiver, dict):
            continue
        for key, configs in receiver.items():
            if not key.endswith("_configs") or not isinstance(configs, list):
                continue
            for config in configs:
                if not isinstance(config, dict):
                    continue
                _rename_strings(config, carried.renamed)
                for dotted, default in DEFAULTS.get(key, {}).items():
                    if any(f'"{name}"' in default for name in carried.builtins):
                        _set_default(config, dotted.split("."), rename_calls(default, carried.renamed))


def _rename_strings(value: Any, renamed: dict[str, str]) -> Any:
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _rename_strings(item, renamed)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = _rename_strings(item, renamed)
    elif isinstance(value, str):
        return rename_calls(value, renamed)
    return value


def _set_default(config: dict[str, Any], path: list[str], text: str) -> None:
    holder = config
    for key in path[:-1]:
        nested = holder.get(key)
        if nested is None:
            nested = holder[key] = {}
        if not isinstance(nested, dict):
            return
        holder = nested
    # Email headers are one map whatever their case (Alertmanager canonicalises them). A key with
    # no value is set too: Go's zero value, "" (docs/import.md), not the default.
    if not any(str(k).lower() == path[-1].lower() for k in holder):
        holder[path[-1]] = text
