"""Load one YAML file into plain data plus a source map (path → line and column).

libyaml (through ``ruamel.yaml.clib``) composes the node graph, which keeps every node's position;
a small walker then builds plain Python values and records where each came from. Composing this
way costs about 50 µs for a small tenant file, a hundred times less than ruamel's round-trip
loader, and it lets this module refuse what a tenant file must never contain: duplicate keys,
alias-expansion bombs, custom tags, merge keys, absurd nesting, non-UTF-8 or binary content.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from receivers_cli.codes import R001, R002, R003, R004, R005, R006, R007, R008, R009, R015, Code
from receivers_cli.errors import Issue, Problem, ProblemsError

MAX_FILE_BYTES = 1024 * 1024  # a tenant file is a few KiB; 1 MiB is a clear, generous limit
MAX_NODES = 200_000  # after alias expansion; stops "billion laughs" documents
# Scalar bytes after alias expansion: a file of at most MAX_FILE_BYTES written out has at most that
# much, so only aliases can go past it; a few MiB bounds what one tenant can make render emit.
MAX_EXPANDED_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
EXCERPT_WIDTH = 160  # characters of a source line shown around the column in an excerpt

DataPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_KINDS = frozenset({"str", "int", "float", "bool", "null", "timestamp"})


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class SourceDocument:
    """A loaded YAML file: its data and where each value (and mapping key) stands in the text."""

    file: str
    data: Any
    text: str
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    sha256: str = ""  # of the file's bytes, for the render manifest
    # The text of every scalar read as a number, bool or null: Go's YAML parser gives a string
    # field that text (``code: 0500`` is "0500"), which import needs to carry exactly.
    texts: dict[DataPath, str] = field(default_factory=dict)
    later_documents: int = 0  # line of a further YAML document left unread (``first_document``)

    def locate(self, path: DataPath, *, at_key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor the source map knows."""
        probe = tuple(path)
        while True:
            if at_key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if probe in self.keys:
                return self.keys[probe]
            if not probe:
                return Position(1, 1)
            probe = probe[:-1]

    def problem(self, path: DataPath, rule: Code, message: str, hint: str = "", *, at_key: bool = False) -> Problem:
        pos = self.locate(path, at_key=at_key)
        return Problem(self.file, pos.line, pos.column, rule, message, hint, path=tuple(path))

    def problem_at(self, issue: Issue, base: DataPath = ()) -> Problem:
        """``issue``, whose path is relative to the mapping at ``base``, located in this document."""
        return self.problem((*base, *issue.path), issue.rule, issue.message, issue.hint, at_key=issue.at_key)


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when below it.

    Lexical on purpose (no ``resolve()``): a symlink must be named as itself, never as its target,
    or an excerpt of the target could be printed under the link's name.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(name: str, what: str) -> ProblemsError:
    return _fail(
        name, 1, 1, R015, f"the file is {what}; tenant and platform files must be regular files",
        "commit the YAML itself, not a link or special file",
    )


def read_regular_file(path: Path, name: str, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file (never a symlink, FIFO or device) of bounded size.

    The checks run on what is opened, not only on the name: ``O_NOFOLLOW`` refuses a symlink at
    open time and ``fstat`` on the descriptor (same inode as the ``lstat``) closes the window in
    which the name could be swapped for a link between the check and the read. ``O_NONBLOCK``
    keeps a FIFO swapped in at the last moment from blocking the open.
    """
    try:
        before = os.lstat(path)
    except OSError as exc:
        raise _fail(name, 0, 0, R001, f"cannot read the file: {exc.strerror or exc}", "check the path") from None
    if not stat.S_ISREG(before.st_mode):
        raise _not_regular(name, _kind(before.st_mode))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (getattr(os, "ELOOP", -1), getattr(os, "EMLINK", -1)):
            raise _not_regular(name, "a symbolic link") from None
        raise _fail(name, 0, 0, R001, f"cannot read the file: {exc.strerror or exc}", "check the path") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(name, _kind(opened.st_mode))
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise _fail(name, 0, 0, R001, "the file changed while it was being opened", "run the command again")
        if opened.st_size > max_bytes:
            raise _too_large(name, opened.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        # The size fstat gave and one byte more (a file that grew says so); a buffer of the limit
        # per read would cost an allocation of a megabyte per file.
        want = opened.st_size + 1
        while total <= max_bytes:  # the size can grow after fstat: never read past the limit
            chunk = os.read(fd, min(want, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 64 * 1024
        if total > max_bytes:
            raise _too_large(name, total, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise _fail(name, 0, 0, R001, f"cannot read the file: {exc.strerror or exc}", "check the path") from None
    finally:
        os.close(fd)


def _too_large(name: str, size: int, max_bytes: int) -> ProblemsError:
    return _fail(name, 1, 1, R003, f"file is {size} bytes; the limit is {max_bytes}", "split it, or remove bulk data")


def load_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES, merge_keys: bool = False,
              first_document: bool = False) -> SourceDocument:
    """Read and parse one YAML file; raise :class:`ProblemsError` for anything unusable.

    ``merge_keys`` resolves ``<<:`` as Alertmanager's YAML parser does (only for reading an
    existing alertmanager.yml: our own files stay plain YAML, R008). ``first_document`` reads the
    first of several YAML documents, as Go's yaml.Unmarshal does (the line of the next one is
    :attr:`SourceDocument.later_documents`); otherwise several documents are refused."""
    name = display_path(path)
    return load_bytes(read_regular_file(path, name, max_bytes=max_bytes), name, merge_keys=merge_keys,
                      first_document=first_document)


def load_bytes(raw: bytes, name: str, *, merge_keys: bool = False, first_document: bool = False) -> SourceDocument:
    """Parse YAML bytes (named ``name`` in messages) into a :class:`SourceDocument`."""
    if b"\x00" in raw:
        line, col = _offset_position(raw, raw.index(b"\x00"))
        raise _fail(name, line, col, R002, "the file is binary, not YAML text", "commit only YAML text files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _offset_position(raw, exc.start)
        raise _fail(
            name, line, col, R002, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = load_text(text, name, merge_keys=merge_keys, first_document=first_document)
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    return doc


def load_text(text: str, name: str, *, merge_keys: bool = False, first_document: bool = False) -> SourceDocument:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _fail(name, 1, 1, R004, "the file is empty", "a tenant file holds one mapping: `<tenant-id>: {...}`")
    _EXCERPTS[name] = text
    depth_at = _depth_exceeded(text) if _depth_bound(text) > MAX_DEPTH else None
    if depth_at is not None:
        line, col = depth_at
        raise _fail(name, line, col, R005, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        node, later = _compose(text, first_document)
    except MarkedYAMLError as exc:
        raise _syntax_error(name, exc) from None
    except YAMLError as exc:  # e.g. several documents in one file, or a control character
        position = getattr(exc, "position", None)
        if isinstance(position, int) and getattr(exc, "character", None) is not None:
            before = text[:position]
            line, col = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
            raise _fail(
                name, line, col, R006, f"YAML syntax error: control character 0x{ord(text[position]):02x}",
                "remove it; write it as an escape inside double quotes (\\x07) if it is meant",
            ) from None
        message = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise _fail(name, 1, 1, R006, f"YAML syntax error: {message}", "one YAML document per file") from None
    if node is None:
        raise _fail(name, 1, 1, R004, "the file is empty", "a tenant file holds one mapping: `<tenant-id>: {...}`")
    doc = SourceDocument(name, None, text)
    doc.later_documents = later
    builder = _Builder(doc, merge_keys=merge_keys)
    doc.data = builder.build(node, (), 0)
    if builder.problems:
        raise ProblemsError(builder.problems)
    return doc


_FLOW_COLON = "found unexpected ':'"


def _syntax_error(name: str, exc: Any) -> ProblemsError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    what = exc.problem or exc.context or "invalid YAML"
    return _fail(name, line, col, R006, f"YAML syntax error: {what}", _syntax_hint(str(what)))


MAX_FLOW_COLONS = 64  # plain flow scalars with a colon quoted per file; each costs one libyaml parse
FLOW_COLON_BUDGET = 2 * 1024 * 1024  # characters those parses may read together (a 1 MiB file: 2 quotings)
_FLOW_END = frozenset(",[]{}\n\r")


def _compose(text: str, first_document: bool) -> tuple[Any, int]:
    """libyaml's node graph of ``text`` (its first document, and the line of a further one, with
    ``first_document``); raises libyaml's first error.

    libyaml (0.2.x as ruamel.yaml.clib bundles it) refuses ``days_of_month: [1:6]`` and
    ``[08:30]``, which Go's yaml.v2, and so Alertmanager, reads as the strings "1:6" and "08:30".
    A plain scalar holding a colon is never a number, bool or null (to Go or to us), so the same
    text single-quoted means the same: each refused scalar is quoted where libyaml stopped (it
    reports the scalar's start) and the text is parsed again, up to MAX_FLOW_COLONS times and
    FLOW_COLON_BUDGET characters in all, which bounds what a hostile file can make it cost (twice
    its own parse at 1 MiB; beyond that the scalar must be quoted by hand, as the error says).
    Columns after a quoted scalar on its line move by two. Whatever stops a later parse, the
    error raised is the first parse's.
    """
    from ruamel.yaml.cyaml import CSafeLoader
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    first: YAMLError | None = None
    for _ in range(min(MAX_FLOW_COLONS, max(1, FLOW_COLON_BUDGET // max(1, len(text))))):
        loader = CSafeLoader(text)
        try:
            if not first_document:
                return loader.get_single_node(), 0
            node = loader.get_node() if loader.check_node() else None
            return node, loader.get_node().start_mark.line + 1 if node is not None and loader.check_node() else 0
        except YAMLError as exc:
            first = first or exc
            quoted = _quote_flow_colon(text, exc) if isinstance(exc, MarkedYAMLError) else None
            if quoted is None:
                raise first from None
            text = quoted
        finally:
            loader.dispose()
    assert first is not None
    raise first


def _quote_flow_colon(text: str, exc: Any) -> str | None:
    """``text`` with the plain flow scalar libyaml refused for its ``:`` single-quoted, or None."""
    mark = exc.context_mark
    if exc.problem != _FLOW_COLON or mark is None or not isinstance(mark.index, int):
        return None
    begin = stop = mark.index
    while stop < len(text) and text[stop] not in _FLOW_END and not text.startswith(" #", stop):
        stop += 1
    scalar = text[begin:stop].rstrip(" \t")
    if ":" not in scalar:
        return None
    quoted = scalar.replace("'", "''")
    return f"{text[:begin]}'{quoted}'{text[begin + len(scalar):]}"


class _Builder:
    """Turns a composed node graph into plain data, recording positions and refusing hostile input."""

    def __init__(self, doc: SourceDocument, *, merge_keys: bool = False) -> None:
        self.doc = doc
        self.merge_keys = merge_keys
        self.nodes = 0
        self.bytes = 0
        self.problems: list[Problem] = []
        self.aliases_expanded = False

    def _pos(self, node: Any) -> Position:
        return Position(node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Any, path: DataPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            pos = self._pos(node)
            self._stop(
                Problem(
                    self.doc.file,
                    pos.line,
                    pos.column,
                    R007,
                    f"the document expands to more than {MAX_NODES} values (anchors and aliases)",
                    "write the values out; do not nest aliases",
                )
            )
        if node.id == "scalar":
            self.bytes += len(node.value)
            if self.bytes > MAX_EXPANDED_BYTES:
                pos = self._pos(node)
                self._stop(
                    Problem(
                        self.doc.file, pos.line, pos.column, R007,
                        f"the document expands to more than {MAX_EXPANDED_BYTES // (1024 * 1024)} MiB of values "
                        "(anchors and aliases)",
                        "write the values out; do not repeat large values through aliases",
                    )
                )
        if depth > MAX_DEPTH:
            pos = self._pos(node)
            self._stop(
                Problem(self.doc.file, pos.line, pos.column, R005, f"nesting is deeper than {MAX_DEPTH} levels")
            )
        self.doc.values.setdefault(path, self._pos(node))
        kind = node.id
        if kind != "scalar" and node.tag not in (_TAG + "map", _TAG + "seq"):
            pos = self._pos(node)
            self.problems.append(
                Problem(
                    self.doc.file, pos.line, pos.column, R008, f"custom YAML tag {node.tag!r} is not allowed",
                    "remove the tag", path=path,
                )
            )
        if kind == "scalar":
            value = self._scalar(node, path)
            if not isinstance(value, str):
                self.doc.texts[path] = str(node.value)
            return value
        if kind == "sequence":
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        explicit: set[str] = set()
        for key_node, value_node in node.value:
            key_pos = self._pos(key_node)
            if key_node.tag == _TAG + "merge" and self.merge_keys:
                self._merge(result, value_node, path, depth, key_pos)
                continue
            if key_node.tag == _TAG + "merge":
                self.problems.append(
                    Problem(
                        self.doc.file, key_pos.line, key_pos.column, R008, "merge keys (<<) are not supported",
                        "write the fields out", path=path,
                    )
                )
                continue
            if key_node.id != "scalar":
                self.problems.append(
                    Problem(
                        self.doc.file, key_pos.line, key_pos.column, R008, "a key must be plain text",
                        "use a simple name as the key", path=path,
                    )
                )
                continue
            key = str(key_node.value)
            if key in explicit:
                first = self.doc.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.doc.file, key_pos.line, key_pos.column, R009, f"duplicate key {key!r}",
                        f"it is already set on line {first.line}; keep one", path=(*path, key),
                    )
                )
                continue
            explicit.add(key)
            self.doc.keys[(*path, key)] = key_pos
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _merge(self, result: dict[str, Any], value_node: Any, path: DataPath, depth: int, key_pos: Position) -> None:
        """``<<: *a`` or ``<<: [*a, *b]``, as Go's yaml.v2 reads it: the merged keys are set where
        the ``<<`` stands (a later key of the mapping overrides them); in a list an earlier mapping
        takes precedence over a later one."""
        sources = value_node.value if value_node.id == "sequence" else [value_node]
        if not sources or any(item.id != "mapping" for item in sources):
            self.problems.append(Problem(self.doc.file, key_pos.line, key_pos.column, R008,
                                         "a merge key (<<) takes a mapping or a list of mappings",
                                         "write the fields out", path=path))
            return
        for item in reversed(sources):
            merged = self.build(item, path, depth + 1)
            for key in merged:
                self.doc.keys.setdefault((*path, key), key_pos)
            result.update(merged)

    def _scalar(self, node: Any, path: DataPath) -> Any:
        tag: str = node.tag
        value: str = node.value
        if not tag.startswith(_TAG):
            pos = self._pos(node)
            self.problems.append(
                Problem(
                    self.doc.file, pos.line, pos.column, R008, f"custom YAML tag {tag!r} is not allowed",
                    "remove the tag", path=path,
                )
            )
            return value
        kind = tag[len(_TAG):]
        if kind not in _SCALAR_KINDS:
            pos = self._pos(node)
            self.problems.append(
                Problem(
                    self.doc.file, pos.line, pos.column, R008, f"YAML tag !!{kind} is not allowed",
                    "remove the tag", path=path,
                )
            )
            return value
        return _scalar_value(kind, value)

    def _stop(self, problem: Problem) -> None:
        raise ProblemsError([*self.problems, problem])


def _scalar_value(kind: str, value: str) -> Any:
    """A resolved scalar (``kind``: a standard tag's suffix) as the plain value both builders give."""
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        return _to_int(value)
    if kind == "float":
        return _to_float(value)
    return value


class NotQuick(Exception):
    """The quick load met something only :func:`load_bytes` reports (with its position): use that."""


# Standard tags as libyaml reports them; a tag spelled any other way (%-escaped, a custom one) is
# left to the full builder, which decodes it and reports it where it stands.
_QUICK_SCALARS = {_TAG + kind: kind for kind in _SCALAR_KINDS}
_STR_TAG = _TAG + "str"
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"


def quick_data(raw: bytes) -> Any:
    """The plain data :func:`load_bytes` would give for ``raw``, without a source map.

    For questions that only need to know that a file is sound (``validation/quick.py``): built
    straight from libyaml's events, with the composer's own implicit-tag table, so no node graph
    and no position is kept (about twice as fast as the full load). Anything :func:`load_bytes`
    would refuse or report (binary or non-UTF-8 bytes, an empty file, a syntax error, several
    documents, nesting, expansion, tags, merge keys, duplicate keys), and anchors, raise
    :class:`NotQuick` instead, so the caller loads the file in full to report it at file:line:col:
    this never accepts a file that the full load refuses, and gives the same values for the others.
    """
    if b"\x00" in raw:
        raise NotQuick
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NotQuick from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or _depth_bound(text) > MAX_DEPTH:
        raise NotQuick  # empty (only comments: the events say so), or maybe too deep to build
    from _ruamel_yaml import CParser
    from ruamel.yaml.error import YAMLError

    parser = CParser(text)
    try:
        return _events_data(parser.get_event)
    except YAMLError:
        raise NotQuick from None
    finally:
        parser.dispose()


def _implicit_tags() -> dict[Any, list[tuple[str, Any]]]:
    """The composer's table of implicit tags for plain scalars: first character → (tag, regex)."""
    from ruamel.yaml.cyaml import CSafeLoader

    table: dict[Any, list[tuple[str, Any]]] = CSafeLoader.yaml_implicit_resolvers
    return table


def _resolve_plain(value: str, table: dict[Any, list[tuple[str, Any]]]) -> str:
    """The tag the composer gives an untagged plain scalar (``BaseResolver.resolve``'s first step)."""
    for tag, regexp in (*table.get(value[0] if value else "", ()), *table.get(None, ())):
        if regexp.match(value):
            return str(tag)
    return _STR_TAG


def _events_data(get_event: Any) -> Any:
    """Build the document from parser events; :class:`NotQuick` where the full builder would not
    build it silently (the same counts and limits as :class:`_Builder`: values, not keys)."""
    from ruamel.yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    table = _implicit_tags()
    if type(get_event()) is not StreamStartEvent or type(get_event()) is not DocumentStartEvent:
        raise NotQuick  # no document at all (only comments)
    # The open collection (None until the root opens), whether it is a mapping and the key that
    # waits for its value there; the enclosing ones on the stack. ``depth``: open collections.
    container: Any = None
    is_map = False
    key: str | None = None
    stack: list[tuple[Any, bool, str | None]] = []
    nodes = size = depth = 0
    value: Any
    while True:
        event = get_event()
        kind = type(event)
        if getattr(event, "anchor", None) is not None:
            raise NotQuick  # anchors are the composer's to check (a second one of a name is an error)
        if kind is ScalarEvent:
            tag, text = event.ctag, event.value  # ctag: the tag as libyaml gave it (``tag`` is a copy)
            if tag is None or tag == "!":
                tag = _resolve_plain(text, table) if event.implicit[0] else _STR_TAG
            scalar = _QUICK_SCALARS.get(tag) if type(tag) is str else None
            if scalar is None:
                raise NotQuick  # a custom tag, a merge key, an `=` value: the full builder reports it
            if is_map and key is None:
                if text in container:
                    raise NotQuick  # a duplicate key
                key = text
                continue
            nodes += 1
            size += len(text)
            if nodes > MAX_NODES or size > MAX_EXPANDED_BYTES or depth > MAX_DEPTH:
                raise NotQuick
            value = text if tag is _STR_TAG else _scalar_value(scalar, text)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mapping = kind is MappingStartEvent
            if (is_map and key is None) or event.ctag not in (None, "!", _MAP_TAG if mapping else _SEQ_TAG):
                raise NotQuick  # a collection as a key, or a tagged collection
            nodes += 1
            if nodes > MAX_NODES or depth > MAX_DEPTH:
                raise NotQuick
            stack.append((container, is_map, key))
            container, is_map, key = ({} if mapping else []), mapping, None
            depth += 1
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = container
            container, is_map, key = stack.pop()
            depth -= 1
        else:
            raise NotQuick  # an alias (the full builder counts what it expands to)
        if container is None:  # the root is complete
            if type(get_event()) is not DocumentEndEvent or type(get_event()) is not StreamEndEvent:
                raise NotQuick  # several documents: the composer refuses them
            return value
        if is_map:
            container[key] = value
            key = None
        else:
            container.append(value)


def _to_int(text: str) -> int | str:
    cleaned = text.replace("_", "")
    try:
        if cleaned.lower().startswith(("0x", "-0x", "+0x")):
            return int(cleaned, 16)
        if cleaned.lower().startswith(("0o", "-0o", "+0o")):
            return int(cleaned, 8)
        return int(cleaned)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    lowered = text.lower()
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    if lowered == ".nan":
        return math.nan
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return text


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


# What may stand before a line's first block collection: indentation and the indicators of
# compact nesting ("- - a", "- a: b", "? - a", ": - a").
_BLOCK_PREFIX = re.compile(r"[ \t?:-]*")


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, from the text alone, in one cheap pass.

    Along any chain of nested block collections the start columns never decrease, and two
    collections share a column only as a mapping and the sequence that is its value, so block
    nesting is at most twice the number of columns a collection can start at; a collection starts
    at or before the end of its line's indentation-and-indicator prefix. Each flow collection
    opens with its own ``[`` or ``{``, except the single-pair mapping an entry ``[k: v]`` of a flow
    sequence makes: at most two levels per ``[`` and one per ``{``. When the
    bound is within MAX_DEPTH the exact (event-by-event) check cannot fail and is skipped; it
    still runs for every file the bound does not clear.
    """
    flows = 2 * text.count("[") + text.count("{")
    if flows > MAX_DEPTH:
        return flows
    widest = max((len(m.group()) for line in text.splitlines() if (m := _BLOCK_PREFIX.match(line))), default=0)
    return 2 * (widest + 1) + flows


def _depth_exceeded(text: str) -> tuple[int, int] | None:
    """Where collections first nest deeper than MAX_DEPTH, found before anything recursive runs.

    libyaml's composer (and the builder) recurse once per level, so ``- - - - ...``, deep
    indentation or ``[[[[...`` would overflow the C stack. libyaml's *event* parser is a state
    machine with its own heap stack: counting collection starts and ends on its events is
    iterative, and stopping at the first level past the limit keeps the scanner's per-level work
    (it rechecks every open flow level) to a few hundred levels whatever the input's depth.
    A syntax error is left for the composer to report: it stops at the same event, no deeper.
    """
    from _ruamel_yaml import CParser
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        MappingEndEvent,
        MappingStartEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    parser = CParser(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            elif kind is StreamEndEvent or event is None:
                return None
    except YAMLError:
        return None
    finally:
        parser.dispose()


_EXCERPTS: dict[str, str] = {}
# The line breaks libyaml counts (str.splitlines() also splits on \v, \f and \x1c-\x1e).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EXCERPT_LINES: dict[str, list[str]] = {}


def excerpt_line(file: str, line: int) -> str:
    """Line ``line`` (1-based) of a file this process loaded as text, or "" when there is none.

    Excerpts come only from text that passed the byte-level checks (a regular file, within the size
    limit, UTF-8, no NUL): never from disk again, so a file refused as a symlink, FIFO, binary or
    oversized file is never quoted, and what is shown is what was checked.
    """
    lines = _EXCERPT_LINES.get(file)
    if lines is None:
        text = _EXCERPTS.get(file)
        if text is None:
            return ""
        lines = _EXCERPT_LINES[file] = _LINE_BREAK.split(text)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _syntax_hint(problem: str) -> str:
    if problem == _FLOW_COLON:
        return "quote a value that holds ':' inside [ ] or { } ('1:6')"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values" in problem:
        return "quote values that contain ': ' or start with a special character"
    if "expected" in problem:
        return "check the indentation and the quotes on this line and the one before"
    return "check the indentation and quoting here"


def _fail(file: str, line: int, col: int, rule: Code, message: str, hint: str = "") -> ProblemsError:
    return ProblemsError([Problem(file, line, col, rule, message, hint)])

