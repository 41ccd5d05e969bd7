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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from receivers_cli.errors import Problem, ProblemsError

MAX_FILE_BYTES = 1024 * 1024  # a tenant file is a few KiB; 1 MiB is a clear, generous limit
MAX_NODES = 200_000  # after alias expansion; stops "billion laughs" documents
MAX_DEPTH = 64

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

    def problem(self, path: DataPath, rule: str, message: str, hint: str = "", *, at_key: bool = False) -> Problem:
        pos = self.locate(path, at_key=at_key)
        return Problem(self.file, pos.line, pos.column, rule, message, hint, path=tuple(path))


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> SourceDocument:
    """Read and parse one YAML file; raise :class:`ProblemsError` for anything unusable."""
    name = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _fail(
                name, 1, 1, "R003", f"file is {size} bytes; the limit is {max_bytes}", "split it, or remove bulk data"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(name, 0, 0, "R001", f"cannot read the file: {exc.strerror or exc}", "check the path") from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> SourceDocument:
    """Parse YAML bytes (named ``name`` in messages) into a :class:`SourceDocument`."""
    if b"\x00" in raw:
        line, col = _offset_position(raw, raw.index(b"\x00"))
        raise _fail(name, line, col, "R002", "the file is binary, not YAML text", "commit only YAML text files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _offset_position(raw, exc.start)
        raise _fail(
            name, line, col, "R002", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = load_text(text, name)
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    return doc


def load_text(text: str, name: str) -> SourceDocument:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _fail(name, 1, 1, "R004", "the file is empty", "a tenant file holds one mapping: `<tenant-id>: {...}`")
    depth_at = _flow_depth_exceeded(text)
    if depth_at is not None:
        line, col = depth_at
        raise _fail(name, line, col, "R005", f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
    from ruamel.yaml.cyaml import CSafeLoader
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    loader = CSafeLoader(text)
    try:
        node = loader.get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        what = exc.problem or exc.context or "invalid YAML"
        raise _fail(name, line, col, "R006", f"YAML syntax error: {what}", _syntax_hint(str(what))) from None
    except YAMLError as exc:  # e.g. several documents in one file, or a control character
        position = getattr(exc, "position", None)
        if isinstance(position, int) and getattr(exc, "character", None) is not None:
            before = text[:position]
            line, col = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
            raise _fail(
                name, line, col, "R006", f"YAML syntax error: control character 0x{ord(text[position]):02x}",
                "remove it; write it as an escape inside double quotes (\\x07) if it is meant",
            ) from None
        message = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise _fail(name, 1, 1, "R006", f"YAML syntax error: {message}", "one YAML document per file") from None
    finally:
        loader.dispose()
    if node is None:
        raise _fail(name, 1, 1, "R004", "the file is empty", "a tenant file holds one mapping: `<tenant-id>: {...}`")
    doc = SourceDocument(name, None, text)
    builder = _Builder(doc)
    doc.data = builder.build(node, (), 0)
    if builder.problems:
        raise ProblemsError(builder.problems)
    return doc


class _Builder:
    """Turns a composed node graph into plain data, recording positions and refusing hostile input."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.nodes = 0
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
                    "R007",
                    f"the document expands to more than {MAX_NODES} values (anchors and aliases)",
                    "write the values out; do not nest aliases",
                )
            )
        if depth > MAX_DEPTH:
            pos = self._pos(node)
            self._stop(
                Problem(self.doc.file, pos.line, pos.column, "R005", f"nesting is deeper than {MAX_DEPTH} levels")
            )
        self.doc.values.setdefault(path, self._pos(node))
        kind = node.id
        if kind != "scalar" and node.tag not in (_TAG + "map", _TAG + "seq"):
            pos = self._pos(node)
            self.problems.append(
                Problem(
                    self.doc.file, pos.line, pos.column, "R008", f"custom YAML tag {node.tag!r} is not allowed",
                    "remove the tag", path=path,
                )
            )
        if kind == "scalar":
            return self._scalar(node, path)
        if kind == "sequence":
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = self._pos(key_node)
            if key_node.tag == _TAG + "merge":
                self.problems.append(
                    Problem(
                        self.doc.file, key_pos.line, key_pos.column, "R008", "merge keys (<<) are not supported",
                        "write the fields out", path=path,
                    )
                )
                continue
            if key_node.id != "scalar":
                self.problems.append(
                    Problem(
                        self.doc.file, key_pos.line, key_pos.column, "R008", "a key must be plain text",
                        "use a simple name as the key", path=path,
                    )
                )
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.doc.file, key_pos.line, key_pos.column, "R009", f"duplicate key {key!r}",
                        f"it is already set on line {first.line}; keep one", path=(*path, key),
                    )
                )
                continue
            self.doc.keys[(*path, key)] = key_pos
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: Any, path: DataPath) -> Any:
        tag: str = node.tag
        value: str = node.value
        if not tag.startswith(_TAG):
            pos = self._pos(node)
            self.problems.append(
                Problem(
                    self.doc.file, pos.line, pos.column, "R008", f"custom YAML tag {tag!r} is not allowed",
                    "remove the tag", path=path,
                )
            )
            return value
        kind = tag[len(_TAG):]
        if kind not in _SCALAR_KINDS:
            pos = self._pos(node)
            self.problems.append(
                Problem(
                    self.doc.file, pos.line, pos.column, "R008", f"YAML tag !!{kind} is not allowed",
                    "remove the tag", path=path,
                )
            )
            return value
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() == "true"
        if kind == "int":
            return _to_int(value)
        if kind == "float":
            return _to_float(value)
        return value

    def _stop(self, problem: Problem) -> None:
        raise ProblemsError([*self.problems, problem])


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


def _flow_depth_exceeded(text: str) -> tuple[int, int] | None:
    """Guard libyaml's recursive composer against ``[[[[...`` bombs before parsing."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    line, col = 1, 0
    for char in text:
        col += 1
        if char == "\n":
            line, col = line + 1, 0
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif char in "]}" and depth:
            depth -= 1
    return None


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values" in problem:
        return "quote values that contain ': ' or start with a special character"
    if "expected" in problem:
        return "check the indentation and the quotes on this line and the one before"
    return "check the indentation and quoting here"


def _fail(file: str, line: int, col: int, rule: str, message: str, hint: str = "") -> ProblemsError:
    return ProblemsError([Problem(file, line, col, rule, message, hint)])

