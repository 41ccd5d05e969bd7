"""YAML text helpers for rewriting files in place without disturbing anything else.

Values are replaced by splicing the source text at the exact span ruamel's composer reports for
the scalar, so comments, order, quoting, indentation and line endings stay byte for byte.
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from receivers_cli.fileops import fsync_dir
from receivers_cli.secrets.errors import SecretFileError

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class ScalarSpan:
    """Where a scalar value sits in the text (0-based offsets; 1-based line and column)."""

    start: int
    end: int
    line: int
    column: int
    style: str | None  # None plain, '"' or "'" quoted, '|' or '>' block
    in_flow: bool
    anchored: bool


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")  # bytes: keep CRLF line ends as they are
    except FileNotFoundError:
        raise SecretFileError(f"{path}: no such file").at(str(path)) from None
    except UnicodeDecodeError:
        raise SecretFileError("file is not UTF-8 text").at(str(path)) from None
    except OSError as exc:
        raise SecretFileError(f"cannot read the file: {exc.strerror}").at(str(path)) from None


def load_data(text: str, source: str) -> Any:
    """Plain data (dicts, lists, scalars) of a YAML document; one located error when it is not YAML."""
    try:
        return YAML(typ="safe").load(text)
    except YAMLError as exc:
        raise _yaml_error(exc, source) from None


def compose(text: str, source: str) -> Node | None:
    try:
        node: Node | None = YAML(typ="rt").compose(text)
        return node
    except YAMLError as exc:
        raise _yaml_error(exc, source) from None


def _yaml_error(exc: YAMLError, source: str) -> SecretFileError:
    mark = getattr(exc, "problem_mark", None) if isinstance(exc, MarkedYAMLError) else None
    problem = getattr(exc, "problem", None) or "invalid YAML"
    error = SecretFileError(f"not valid YAML: {problem}", "fix the file first (receivers validate)")
    if mark is not None:
        return error.at(source, mark.line + 1, mark.column + 1)
    return error.at(source)


def node_at(root: Node | None, location: Location) -> Node | None:
    """The node at a data path (mapping keys compared as text, list items by index)."""
    node = root
    for step in location:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(step)), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node


def scalar_span(root: Node | None, location: Location) -> ScalarSpan | None:
    parent = node_at(root, location[:-1]) if location else None
    node = node_at(root, location)
    if not isinstance(node, ScalarNode):
        return None
    start, end = node.start_mark, node.end_mark
    return ScalarSpan(
        start.index,
        end.index,
        start.line + 1,
        start.column + 1,
        node.style,
        bool(getattr(parent, "flow_style", False)),
        node.anchor is not None,
    )


def position(root: Node | None, location: Location) -> tuple[int, int]:
    """1-based (line, column) of the node at ``location``, or of its closest ancestor; (0, 0) if none."""
    for cut in range(len(location), -1, -1):
        node = node_at(root, location[:cut])
        if node is not None:
            return node.start_mark.line + 1, node.start_mark.column + 1
    return 0, 0


def replacement_text(span: ScalarSpan, source_text: str, new_value: str) -> str:
    """The text that replaces a scalar: same quoting when quoted; plain otherwise (quoted in flow)."""
    if span.style in ('"', "'"):
        return f"{span.style}{new_value}{span.style}"
    if span.style in ("|", ">"):
        # The span of a block scalar runs through its last line break(s): keep them.
        old = source_text[span.start : span.end]
        trailing = old[len(old.rstrip()) :]
        return new_value + trailing
    return f'"{new_value}"' if span.in_flow else new_value


def splice(text: str, edits: Sequence[tuple[ScalarSpan, str]]) -> str:
    """Apply non-overlapping replacements (given by span) to ``text``."""
    out: list[str] = []
    cursor = 0
    for span, new in sorted(edits, key=lambda e: e[0].start):
        if span.start < cursor:
            raise SecretFileError("two secret values share one YAML node (an anchor?)", "write each value out")
        out.append(text[cursor : span.start])
        out.append(new)
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (same mode); readers never see a half-written file."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before it replaces anything
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        fsync_dir(path.parent if str(path.parent) else Path("."))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_KEY_ONLY = re.compile(r"^( *)(?:- +)?[^\s#-][^#]*:\s*(#.*)?$")


def detect_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) for ruamel's ``YAML.indent`` as the file already uses them."""
    mapping, sequence, offset = 2, 2, 0
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    found_map = found_seq = False
    for this, following in itertools.pairwise(lines):
        match = _KEY_ONLY.match(this)
        if match is None or this.lstrip().startswith("- "):
            continue
        base = len(match.group(1))
        inner = len(following) - len(following.lstrip(" "))
        if following.lstrip().startswith("- ") and not found_seq and inner >= base:
            dash_gap = len(following.lstrip()) - len(following.lstrip()[1:].lstrip(" ")) - 1
            offset, sequence, found_seq = inner - base, inner - base + 1 + dash_gap, True
        elif inner > base and not found_map:
            mapping, found_map = inner - base, True
    return mapping, max(sequence, offset + 2), offset
