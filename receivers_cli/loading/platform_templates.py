"""Load the platform's Go template files (``templates: {files: [...]}`` in ``receivers.yaml``).

Paths are relative to the folder of ``receivers.yaml`` and may be globs. They are read with the
same guards as every other input (regular files only, never through a link, bounded size, UTF-8),
and must stay inside that folder: what a render emits depends on the config repository alone, and
the manifest can name every input. Problems are located at the ``templates.files`` entry that
named the file; what is wrong INSIDE a file (Go syntax, names) is checked later, by
:mod:`receivers_cli.render.platform_templates`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from receivers_cli.codes import R002, R153
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.yaml_source import SourceDocument, display_path, read_regular_file

MAX_TEMPLATE_BYTES = 1024 * 1024  # one platform template file, as for a tenant's rendered file
MAX_TEMPLATE_FILES = 256
_GLOB = frozenset("*?[")


@dataclass(frozen=True)
class TemplateFile:
    """One platform template file as read: named as a user would type it, with its entry's index."""

    file: str  # display path (problems and the manifest name it so)
    source: str  # the path relative to receivers.yaml's folder, POSIX separators
    entry: int  # index in templates.files of the first entry that named it
    text: str
    sha256: str


def load_platform_templates(
    patterns: Sequence[str], doc: SourceDocument | None, config: Path | None
) -> tuple[list[TemplateFile], list[Problem]]:
    """Read every file ``patterns`` name, in order (a glob's matches sorted), each once."""
    if not patterns or doc is None or config is None:
        return [], []
    base = config.parent
    real_base = os.path.realpath(base)
    files: list[TemplateFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, pattern in enumerate(patterns):
        where = ("templates", "files", i)
        relative = PurePosixPath(pattern.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts or Path(pattern).is_absolute():
            problems.append(doc.problem(where, R153, f"template path {pattern!r} leaves the folder of receivers.yaml",
                                        "give a path relative to receivers.yaml, without '..'"))
            continue
        if _GLOB.intersection(pattern):
            matches = sorted(p for p in base.glob(str(relative)) if not p.is_dir())
            if not matches:
                problems.append(doc.problem(where, R153, f"template glob {pattern!r} matches no file",
                                            f"the path is relative to {display_path(base) or '.'}"))
                continue
        else:
            path = base / relative
            if not (path.exists() or path.is_symlink()):
                problems.append(doc.problem(where, R153, f"template file {pattern!r} does not exist",
                                            f"the path is relative to {display_path(base) or '.'}"))
                continue
            matches = [path]
        for path in matches:
            source = path.relative_to(base).as_posix()
            if source in seen:
                continue
            seen.add(source)
            if len(files) >= MAX_TEMPLATE_FILES:
                problems.append(doc.problem(where, R153, f"more than {MAX_TEMPLATE_FILES} platform template files",
                                            "merge the files"))
                return files, problems
            real = os.path.realpath(path.parent)
            if real != real_base and not real.startswith(real_base + os.sep):
                problems.append(doc.problem(where, R153, f"template file {source!r} is reached through a link "
                                            "that leaves the folder of receivers.yaml", "commit the file itself"))
                continue
            loaded = _read(path, source, i, doc)
            if isinstance(loaded, Problem):
                problems.append(loaded)
            else:
                files.append(loaded)
    return files, problems


def _read(path: Path, source: str, entry: int, doc: SourceDocument) -> TemplateFile | Problem:
    where = ("templates", "files", entry)
    name = display_path(path)
    try:
        raw = read_regular_file(path, name, max_bytes=MAX_TEMPLATE_BYTES)
    except ProblemsError as exc:
        # Located at the entry that named the file (a message about the file itself has no line).
        first = exc.problems[0]
        message = first.message.replace("tenant and platform files", "platform template files")
        return doc.problem(where, first.rule, f"template file {source!r}: {message}", first.hint)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return doc.problem(where, R002, f"template file {source!r} is not UTF-8 text (byte {exc.start})",
                           "save it as UTF-8")
    return TemplateFile(name, source, entry, text, hashlib.sha256(raw).hexdigest())
