"""A small, deterministic YAML writer for the native configuration.

The output only holds mappings, lists, text, numbers, booleans and null. Writing it directly is
about thirty times faster than a general YAML dumper, byte-for-byte stable, and quotes exactly
what Go's yaml.v2 (YAML 1.1) could otherwise misread: ``on``/``yes``/``no``, ``10:30``
(sexagesimal), ``0x1``, leading indicators and so on. Quoted text is written as JSON strings,
which YAML reads as double-quoted scalars; text without quotes or control characters is
single-quoted, which reads best for matchers (``'tenant="acme"'``).

Only characters that Go's YAML reads back unchanged are written raw. Line breaks other than LF
(NEL U+0085, U+2028, U+2029) would be folded into spaces, and C0/C1 controls, DEL, the BOM,
non-characters and lone surrogates are not printable YAML: all of them are written as \\u escapes
inside double quotes, so routing on the server sees exactly the value we simulate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# Plain (unquoted) text: conservative; anything else is quoted.
_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./-]*$|^\d+(ms|[smhdwy])(\d+(ms|[smhdwy]))*$")
# Characters that must never be written raw (see the module docstring).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# Single quotes read best for matchers ('tenant="acme"'); they cannot hold escapes.
_SINGLE_QUOTABLE = re.compile("^[^\x00-\x1f\x7f-\x9f'\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]+$")
_YAML11_WORDS = frozenset(
    w
    for word in ("y", "n", "yes", "no", "true", "false", "on", "off", "null")
    for w in (word, word.upper(), word.capitalize())
)


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value) if value == value and abs(value) != float("inf") else _special_float(value)
    text = str(value)
    if _PLAIN.match(text) and text not in _YAML11_WORDS:
        return text
    if _SINGLE_QUOTABLE.match(text) and text.strip() == text:
        return f"'{text}'"
    return _UNSAFE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def _special_float(value: float) -> str:
    if value != value:
        return ".nan"
    return ".inf" if value > 0 else "-.inf"


def dump(data: Mapping[str, Any], header: str = "", *, blocks: bool = False) -> str:
    """The YAML text of ``data`` (keys in their given order), ending with a newline.

    ``blocks``: multi-line text that needs no escape is written as a literal block (``|2``), so
    files embedding a config or a template (a Kubernetes Secret, a Mimir envelope) read and diff
    line by line; off for alertmanager.yml, whose bytes stay as they always were."""
    out: list[str] = [f"# {line}".rstrip() for line in header.splitlines()]
    _mapping(data, 0, out, blocks)
    return "\n".join(out) + "\n"


# A literal block keeps every character but these (and it cannot start a document in our indentation).
_NOT_IN_BLOCK = re.compile("[\r\t]|" + _UNSAFE.pattern)


def _block(value: Any, indent: int) -> list[str] | None:
    """The lines of ``value`` as a literal block scalar at ``indent`` (None: write it as a scalar)."""
    if not isinstance(value, str) or "\n" not in value.rstrip("\n") or _NOT_IN_BLOCK.search(value):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    # The explicit indentation indicator makes a first line that starts with spaces safe; the
    # chomping indicator keeps exactly the trailing line breaks the text has.
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    pad = " " * (indent + 2)
    lines = [f"|2{chomp}"] + [f"{pad}{line}" if line else "" for line in body.split("\n")]
    return lines + [""] * (trailing - 1 if trailing > 1 else 0)


def _key(key: Any) -> str:
    return scalar(str(key))


def _mapping(data: Mapping[str, Any], indent: int, out: list[str], blocks: bool = False) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, Mapping) and value:
            out.append(f"{pad}{_key(key)}:")
            _mapping(value, indent + 2, out, blocks)
        elif isinstance(value, list) and value:
            out.append(f"{pad}{_key(key)}:")
            _sequence(value, indent, out, blocks)
        elif blocks and (lines := _block(value, indent)) is not None:
            out.append(f"{pad}{_key(key)}: {lines[0]}")
            out.extend(lines[1:])
        else:
            out.append(f"{pad}{_key(key)}: {_inline(value)}")


def _sequence(items: list[Any], indent: int, out: list[str], blocks: bool = False) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, Mapping) and item:
            start = len(out)
            _mapping(item, indent + 2, out, blocks)
            out[start] = f"{pad}- {out[start][indent + 2:]}"
        elif isinstance(item, list) and item:
            out.append(f"{pad}-")
            _sequence(item, indent + 2, out, blocks)
        else:
            out.append(f"{pad}- {_inline(item)}")


def _inline(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)
