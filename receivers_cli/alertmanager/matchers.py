"""Alertmanager label matchers: parsing, matching and the canonical printed form.

Two parsers, as in Alertmanager:

* the **classic** parser (the only one in 0.24-0.26, ``classic`` mode later): label names match
  ``[a-zA-Z_:][a-zA-Z0-9_:]*``; values are unquoted or double-quoted with the escapes ``\\"``,
  ``\\\\`` and ``\\n`` (any other backslash stays literal); braces are optional and trimmed
  independently; commas outside quotes separate matchers;
* the **UTF-8** parser (0.27+): names and values are unquoted runs without reserved characters or
  double-quoted Go string literals (so ``"foo.bar"="x"`` works and ``foo=`` does not).

From 0.27 the default is **fallback** mode: the classic result wins whenever the classic parser
accepts the input (Alertmanager logs a warning on disagreement), otherwise the UTF-8 result is
used. ``utf8`` (strict) and ``classic`` modes can be forced.

Regular expressions are Go RE2, anchored as ``^(?:VALUE)$`` (see :func:`compile_re2`). A
translator that mirrors Go's ``regexp/syntax`` first refuses what Go refuses (backreferences,
lookarounds, atomic groups, possessive and stacked repetition, repeat counts over 1000, unknown
escapes, nesting deeper than 1000); the accepted pattern is then matched by RE2 itself (the
``google-re2`` binding), whose automaton runs in time linear in the input: a tenant's ``(a+)+$``
cannot hang the routing simulator, tenant tests or inhibition, whatever label value it meets.
Differences that remain, documented rather than emulated:

* ``\\p{...}``/``\\pL`` Unicode classes are not supported by the simulator (clear error).
* ``(?<name>...)`` is rejected (Go < 1.22 rejects it too; use ``(?P<name>...)``).
* RE2's memory budget for one compiled pattern (a few MiB) is not Go's program-size limit: a
  pattern past either is refused.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from receivers_cli.alertmanager.versions import Version

__all__ = [
    "LEGACY_LABEL_NAME",
    "MatchType",
    "Matcher",
    "MatcherError",
    "ParserMode",
    "compile_re2",
    "default_mode",
    "format_matchers",
    "matchers_from_legacy",
    "matches_all",
    "parse_matcher",
    "parse_matcher_list",
    "parse_matchers",
    "sort_matchers",
]

ParserMode = Literal["classic", "utf8", "fallback"]

#: Label names accepted by the classic parser (and everywhere in 0.25).
LEGACY_LABEL_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*\Z")
#: Keys of the deprecated ``match``/``match_re`` maps (no colon, in every version).
_MATCH_KEY = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")


class MatcherError(ValueError):
    """A matcher (or its regular expression) could not be parsed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MatchType(StrEnum):
    EQUAL = "="
    NOT_EQUAL = "!="
    REGEX = "=~"
    NOT_REGEX = "!~"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Matcher:
    """One label matcher; regex matchers compile on construction (raising :class:`MatcherError`)."""

    name: str
    type: MatchType
    value: str
    _regex: Re2Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.type in (MatchType.REGEX, MatchType.NOT_REGEX):
            object.__setattr__(self, "_regex", compile_re2(self.value))

    @property
    def is_regex(self) -> bool:
        return self._regex is not None

    def matches_value(self, value: str) -> bool:
        if self.type is MatchType.EQUAL:
            return value == self.value
        if self.type is MatchType.NOT_EQUAL:
            return value != self.value
        assert self._regex is not None
        found = self._regex.search(value) is not None
        return found if self.type is MatchType.REGEX else not found

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Whether the label set satisfies this matcher; a missing label is the empty string."""
        return self.matches_value(labels.get(self.name, ""))

    def __str__(self) -> str:
        """The canonical form: ``name="value"`` with ``\\``, newline and ``"`` escaped.

        A name the classic parser cannot read (UTF-8 names, 0.27+) is printed the way newer
        Alertmanager prints it: name and value as Go-quoted strings.
        """
        if any(_is_reserved(c) for c in self.name):
            return f"{_go_quote(self.name)}{self.type.value}{_go_quote(self.value)}"
        return f'{self.name}{self.type.value}"{escape_value(self.value)}"'


def matches_all(matchers: Iterable[Matcher], labels: Mapping[str, str]) -> bool:
    return all(m.matches(labels) for m in matchers)


def sort_matchers(matchers: Iterable[Matcher]) -> list[Matcher]:
    """Alertmanager's order (by name, then value, then operator), used when printing routes."""
    order = {MatchType.EQUAL: 0, MatchType.NOT_EQUAL: 1, MatchType.REGEX: 2, MatchType.NOT_REGEX: 3}
    return sorted(matchers, key=lambda m: (m.name.encode(), m.value.encode(), order[m.type]))


def format_matchers(matchers: Iterable[Matcher]) -> str:
    """``{a="b",c=~"d"}``, as ``amtool config routes`` shows a route."""
    return "{" + ",".join(str(m) for m in matchers) + "}"


def default_mode(version: Version) -> ParserMode:
    return "classic" if version < (0, 27) else "fallback"


def parse_matchers(text: str, version: Version = (0, 25), mode: ParserMode | None = None) -> list[Matcher]:
    """Parse one ``matchers`` entry (one matcher or a comma-separated list, optional braces)."""
    mode = _effective_mode(version, mode)
    if mode == "classic":
        return _classic_matchers(text)
    if mode == "utf8":
        return _utf8_matchers(text)
    try:
        return _classic_matchers(text)
    except MatcherError as classic_error:
        try:
            return _utf8_matchers(text)
        except MatcherError:
            raise classic_error from None


def parse_matcher(text: str, version: Version = (0, 25), mode: ParserMode | None = None) -> Matcher:
    """Parse exactly one matcher (as amtool parses a ``label=value`` argument)."""
    mode = _effective_mode(version, mode)
    if mode != "classic" and (text.startswith("{") or text.endswith("}")):
        raise MatcherError(f"unexpected open or close brace: {text}")
    if mode == "classic":
        return _classic_matcher(text)
    if mode == "utf8":
        return _utf8_single(text)
    try:
        return _classic_matcher(text)
    except MatcherError as classic_error:
        try:
            return _utf8_single(text)
        except MatcherError:
            raise classic_error from None


def parse_matcher_list(
    entries: Iterable[str] | None, version: Version = (0, 25), mode: ParserMode | None = None
) -> list[Matcher]:
    """Parse a YAML ``matchers:`` list (every entry ANDed)."""
    result: list[Matcher] = []
    for entry in entries or ():
        if not isinstance(entry, str):
            raise MatcherError(f"matcher entry must be a string, got {type(entry).__name__}")
        result.extend(parse_matchers(entry, version, mode))
    return result


def matchers_from_legacy(
    match: Mapping[str, object] | None = None, match_re: Mapping[str, object] | None = None
) -> list[Matcher]:
    """Matchers for the deprecated ``match`` (equality) and ``match_re`` (regex) maps."""
    result: list[Matcher] = []
    for mapping, kind in ((match, MatchType.EQUAL), (match_re, MatchType.REGEX)):
        for name, value in (mapping or {}).items():
            if not _MATCH_KEY.match(name):
                raise MatcherError(f"invalid label name {name!r}")
            if value is None and kind is MatchType.REGEX:
                raise MatcherError(f"invalid regexp value for {name!r}")
            result.append(Matcher(name, kind, "" if value is None else _scalar_text(value)))
    return result


# --------------------------------------------------------------------------- helpers


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _effective_mode(version: Version, mode: ParserMode | None) -> ParserMode:
    if mode is None:
        return default_mode(version)
    if version < (0, 27) and mode != "classic":
        raise MatcherError(f"Alertmanager {version[0]}.{version[1]} only has the classic matcher parser")
    return mode


def escape_value(value: str) -> str:
    """A label value for inside double quotes, read the same by the classic and UTF-8 parsers."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _go_isspace(c: str) -> bool:
    if c in "\t\n\v\f\r \x85\xa0":
        return True
    return ord(c) > 0xFF and unicodedata.category(c) in ("Zs", "Zl", "Zp")


def _go_trim_space(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _go_isspace(text[start]):
        start += 1
    while end > start and _go_isspace(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_reserved(c: str) -> bool:
    return _go_isspace(c) or c in "{}!=~,\\\"'`"


def _go_quote(text: str) -> str:
    """Roughly Go's ``strconv.Quote``."""
    out = ['"']
    simple = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
    for c in text:
        if c in ('"', "\\"):
            out.append("\\" + c)
        elif c in simple:
            out.append(simple[c])
        elif c.isprintable() or c == " ":
            out.append(c)
        elif ord(c) < 0x80:
            out.append(f"\\x{ord(c):02x}")
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    out.append('"')
    return "".join(out)


# --------------------------------------------------------------------------- classic parser

_GO_WS = "[\\t\\n\\f\\r ]"
_CLASSIC = re.compile(
    rf"\A{_GO_WS}*([a-zA-Z_:][a-zA-Z0-9_:]*){_GO_WS}*(=~|=|!=|!~){_GO_WS}*(.*?){_GO_WS}*\Z", re.DOTALL
)


def _classic_matchers(text: str) -> list[Matcher]:
    if text.startswith("{"):
        text = text[1:]
    if text.endswith("}"):
        text = text[:-1]
    tokens: list[str] = []
    current: list[str] = []
    inside_quotes = escaped = False
    for c in text:
        if c == ",":
            if not inside_quotes:
                tokens.append("".join(current))
                current = []
                continue
        elif c == '"':
            if not escaped:
                inside_quotes = not inside_quotes
            else:
                escaped = False
        elif c == "\\":
            escaped = not escaped
        else:
            escaped = False
        current.append(c)
    last = _go_trim_space("".join(current))
    if last:
        tokens.append(last)
    return [_classic_matcher(token) for token in tokens]


def _classic_matcher(text: str) -> Matcher:
    found = _CLASSIC.match(text)
    if not found:
        raise MatcherError(f"bad matcher format: {text}")
    name, operator, raw = found.group(1), found.group(2), found.group(3)
    body = raw
    expect_trailing_quote = body.startswith('"')
    if expect_trailing_quote:
        body = body[1:]
    value: list[str] = []
    escaped = False
    last = len(body) - 1
    for i, c in enumerate(body):
        if escaped:
            escaped = False
            if c == "n":
                value.append("\n")
            elif c in ('"', "\\"):
                value.append(c)
            else:
                value.append("\\" + c)
            continue
        if c == "\\":
            if i < last:
                escaped = True
                continue
            value.append("\\")
        elif c == '"':
            if not expect_trailing_quote or i < last:
                raise MatcherError(f"matcher value contains unescaped double quote: {raw}")
            expect_trailing_quote = False
        else:
            value.append(c)
    if expect_trailing_quote:
        raise MatcherError(f"matcher value contains unescaped double quote: {raw}")
    return _new_matcher(name, MatchType(operator), "".join(value))


def _new_matcher(name: str, kind: MatchType, value: str) -> Matcher:
    try:
        return Matcher(name, kind, value)
    except MatcherError as error:
        raise MatcherError(f"{name}{kind.value}{_go_quote(value)}: {error.message}") from None


# --------------------------------------------------------------------------- UTF-8 parser


@dataclass(frozen=True)
class _Token:
    kind: str  # "{", "}", ",", "=", "!=", "=~", "!~", "quoted", "unquoted", "eof"
    text: str
    start: int  # column (runes) where the token starts
    end: int


def _utf8_tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "{},":
            tokens.append(_Token(c, c, i, i + 1))
            i += 1
        elif c in "=!":
            nxt = text[i + 1 : i + 2]
            if c == "!":
                if nxt not in ("=", "~"):
                    where = text[i : i + 2] if nxt else "unexpected end of input"
                    raise MatcherError(f"{i}:{i + 2}: {where}: expected one of '=~'")
                tokens.append(_Token("!" + nxt, "!" + nxt, i, i + 2))
                i += 2
            elif i + 1 < n and text[i + 1] == "~":
                tokens.append(_Token("=~", "=~", i, i + 2))
                i += 2
            else:
                tokens.append(_Token("=", "=", i, i + 1))
                i += 1
        elif c == '"':
            j = i + 1
            escaped = False
            while j < n:
                if escaped:
                    escaped = False
                elif text[j] == "\\":
                    escaped = True
                elif text[j] == '"':
                    break
                j += 1
            if j >= n:
                raise MatcherError(f'{i}:{n}: {text[i:]}: missing end "')
            tokens.append(_Token("quoted", text[i : j + 1], i, j + 1))
            i = j + 1
        elif _go_isspace(c):
            i += 1
        elif not _is_reserved(c):
            j = i
            while j < n and not _is_reserved(text[j]):
                j += 1
            tokens.append(_Token("unquoted", text[i:j], i, j))
            i = j
        else:
            raise MatcherError(f"{i}:{i + 1}: {c}: invalid input")
    tokens.append(_Token("eof", "", n, n))
    return tokens


def _go_unquote(literal: str) -> str:
    """Go's ``strconv.Unquote`` for a double-quoted literal, plus a UTF-8 validity check."""
    body = literal[1:-1]
    out = bytearray()
    simple = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, '"': 34}
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "\n":
            raise MatcherError("newline in quoted string")
        if c != "\\":
            out += c.encode("utf-8", "surrogatepass")
            i += 1
            continue
        if i + 1 >= n:
            raise MatcherError("invalid escape at end of quoted string")
        e = body[i + 1]
        i += 2
        if e in simple:
            out.append(simple[e])
        elif e == "x" or e in "uU":
            width = {"x": 2, "u": 4, "U": 8}[e]
            digits = body[i : i + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise MatcherError(f"invalid \\{e} escape in quoted string")
            code = int(digits, 16)
            i += width
            if e == "x":
                out.append(code)
            else:
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise MatcherError(f"invalid \\{e} escape in quoted string")
                out += chr(code).encode("utf-8")
        elif e in "01234567":
            digits = body[i - 1 : i + 2]
            if len(digits) != 3 or not all(d in "01234567" for d in digits) or int(digits, 8) > 255:
                raise MatcherError("invalid octal escape in quoted string")
            out.append(int(digits, 8))
            i += 2
        else:
            raise MatcherError(f"invalid escape \\{e} in quoted string")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise MatcherError("quoted string contains invalid UTF-8 code points") from None


def _token_text(token: _Token) -> str:
    if token.kind == "quoted":
        try:
            return _go_unquote(token.text)
        except MatcherError:
            raise MatcherError(f"{token.start}:{token.end}: {token.text}: invalid input") from None
    return token.text


def _utf8_matchers(text: str) -> list[Matcher]:
    tokens = _utf8_tokens(text)
    pos = 0

    def unexpected(token: _Token, what: str) -> MatcherError:
        if token.kind == "eof":
            return MatcherError(f"end of input: {what}")
        return MatcherError(f"{token.start}:{token.end}: unexpected {token.text}: {what}")

    result: list[Matcher] = []
    has_open = tokens[0].kind == "{"
    if has_open:
        pos = 1
    while True:
        token = tokens[pos]
        if token.kind in ("eof", "}"):
            break
        if result:  # after a matcher: a comma, then a matcher, a close brace or the end
            if token.kind != ",":
                raise unexpected(token, "expected a comma or close brace")
            pos += 1
            token = tokens[pos]
            if token.kind in ("eof", "}"):
                break
            if token.kind not in ("quoted", "unquoted"):
                raise unexpected(token, "expected a matcher or close brace after comma")
        if token.kind not in ("quoted", "unquoted"):
            raise unexpected(token, "expected label name")
        name = _token_text(token)
        operator = tokens[pos + 1]
        if operator.kind not in ("=", "!=", "=~", "!~"):
            raise unexpected(operator, "expected an operator such as '=', '!=', '=~' or '!~'")
        value_token = tokens[pos + 2]
        if value_token.kind not in ("quoted", "unquoted"):
            raise unexpected(value_token, "expected label value")
        try:
            result.append(Matcher(name, MatchType(operator.kind), _token_text(value_token)))
        except MatcherError as error:
            raise MatcherError(f"failed to create matcher: {error.message}") from None
        pos += 3
    token = tokens[pos]
    if has_open:
        if token.kind != "}":
            raise MatcherError(f"0:{len(text)}: expected close brace")
        pos += 1
    elif token.kind == "}":
        raise MatcherError(f"0:{token.end}: }}: expected opening brace")
    if tokens[pos].kind != "eof":
        extra = tokens[pos]
        raise MatcherError(f"{extra.start}:{extra.end}: {extra.text}: expected end of input")
    return result


def _utf8_single(text: str) -> Matcher:
    found = _utf8_matchers(text)
    if len(found) != 1:
        raise MatcherError("no matchers" if not found else f"expected 1 matcher, found {len(found)}")
    return found[0]


# --------------------------------------------------------------------------- RE2 -> Python


class _Flags:
    __slots__ = ("dot_nl", "fold", "multi_line", "ungreedy")

    def __init__(
        self, fold: bool = False, multi_line: bool = False, dot_nl: bool = False, ungreedy: bool = False
    ) -> None:
        self.fold, self.multi_line, self.dot_nl, self.ungreedy = fold, multi_line, dot_nl, ungreedy

    def copy(self) -> _Flags:
        return _Flags(self.fold, self.multi_line, self.dot_nl, self.ungreedy)


_MAX_CODE = 0x10FFFF
_Ranges = list[tuple[int, int]]
_DIGIT: _Ranges = [(0x30, 0x39)]
_SPACE: _Ranges = [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)]
_WORD: _Ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
_PERL = {"d": _DIGIT, "s": _SPACE, "w": _WORD}
_POSIX: dict[str, _Ranges] = {
    "alnum": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
    "alpha": [(0x41, 0x5A), (0x61, 0x7A)],
    "ascii": [(0x00, 0x7F)],
    "blank": [(0x09, 0x09), (0x20, 0x20)],
    "cntrl": [(0x00, 0x1F), (0x7F, 0x7F)],
    "digit": [(0x30, 0x39)],
    "graph": [(0x21, 0x7E)],
    "lower": [(0x61, 0x7A)],
    "print": [(0x20, 0x7E)],
    "punct": [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
    "space": [(0x09, 0x0D), (0x20, 0x20)],
    "upper": [(0x41, 0x5A)],
    "word": [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
    "xdigit": [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
}
_WORD_CLASS = "[0-9A-Za-z_]"
_ASCII_BOUNDARY = f"(?:(?<={_WORD_CLASS})(?!{_WORD_CLASS})|(?<!{_WORD_CLASS})(?={_WORD_CLASS}))"
_ASCII_NON_BOUNDARY = f"(?:(?<={_WORD_CLASS})(?={_WORD_CLASS})|(?<!{_WORD_CLASS})(?!{_WORD_CLASS}))"


def _negate(ranges: _Ranges) -> _Ranges:
    result: _Ranges = []
    nxt = 0
    for lo, hi in sorted(ranges):
        if lo > nxt:
            result.append((nxt, lo - 1))
        nxt = max(nxt, hi + 1)
    if nxt <= _MAX_CODE:
        result.append((nxt, _MAX_CODE))
    return result


def _py_char(code: int) -> str:
    c = chr(code)
    if c.isascii() and c.isalnum():
        return c
    return f"\\U{code:08x}"


def _py_class(ranges: _Ranges, negated: bool = False) -> str:
    if not ranges:
        return "(?!)" if not negated else "(?s:.)"
    parts = [_py_char(lo) if lo == hi else f"{_py_char(lo)}-{_py_char(hi)}" for lo, hi in ranges]
    return "[" + ("^" if negated else "") + "".join(parts) + "]"


class _Re2Error(Exception):
    pass


class _Re2Translator:
    """Translate Go RE2 syntax (Perl flags, as ``regexp.Compile`` uses) into Python ``re`` syntax."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.p[j] if j < len(self.p) else ""

    def translate(self) -> str:
        out = self.group_body(_Flags(), top=True)
        if self.i < len(self.p):
            raise _Re2Error(f"unexpected ): `{self.p}`")
        return out

    def group_body(self, flags: _Flags, top: bool = False) -> str:
        """Parse until the closing parenthesis (not consumed) or the end of the pattern."""
        out: list[str] = []
        atom_open = False  # whether the last emitted piece can take a repetition operator
        last_repeat = False
        while self.i < len(self.p):
            c = self.p[self.i]
            if c == ")":
                if top:
                    raise _Re2Error(f"unexpected ): `{self.p}`")
                break
            if c == "|":
                self.i += 1
                out.append("|")
                atom_open = last_repeat = False
                continue
            if c in "*+?" or (c == "{" and self.repeat_bounds() is not None):
                if last_repeat:
                    raise _Re2Error("invalid nested repetition operator")
                if not atom_open:
                    raise _Re2Error("missing argument to repetition operator")
                out[-1] = f"(?:{out[-1]})" + self.repeat_suffix(flags)
                last_repeat = True
                continue
            last_repeat = False
            piece, is_atom = self.atom(flags)
            if piece is None:
                continue
            out.append(piece)
            atom_open = is_atom
        return "".join(out)

    def repeat_bounds(self) -> tuple[int, int | None] | None:
        found = _REPEAT.match(self.p, self.i)
        if not found:
            return None
        low = int(found.group(1))
        high: int | None = low
        if found.group(2):
            high = int(found.group(3)) if found.group(3) else None
        return low, high

    def repeat_suffix(self, flags: _Flags) -> str:
        c = self.p[self.i]
        if c == "{":
            found = _REPEAT.match(self.p, self.i)
            assert found is not None
            bounds = self.repeat_bounds()
            assert bounds is not None
            low, high = bounds
            if low > 1000 or (high is not None and (high > 1000 or high < low)):
                raise _Re2Error(f"invalid repeat count: `{found.group(0)}`")
            self.i += len(found.group(0))
            text = f"{{{low}}}" if high == low else f"{{{low},{'' if high is None else high}}}"
        else:
            self.i += 1
            text = c
        lazy = self.peek() == "?"
        if lazy:
            self.i += 1
        if lazy != flags.ungreedy:
            text += "?"
        return text

    def atom(self, flags: _Flags) -> tuple[str | None, bool]:
        """Return (python text or None for a no-op, whether it may be repeated)."""
        c = self.p[self.i]
        if c == "(":
            return self.group(flags)
        if c == "[":
            return self.fold(self.char_class(), flags), True
        if c == ".":
            self.i += 1
            return ("(?s:.)" if flags.dot_nl else "."), True
        if c == "^":
            self.i += 1
            return ("(?m:^)" if flags.multi_line else "\\A"), True
        if c == "$":
            self.i += 1
            return ("(?m:$)" if flags.multi_line else "\\Z"), True
        if c == "\\":
            return self.escape(flags)
        self.i += 1
        return self.fold(re.escape(c), flags), True

    @staticmethod
    def fold(text: str, flags: _Flags) -> str:
        return f"(?i:{text})" if flags.fold else text

    def group(self, flags: _Flags) -> tuple[str | None, bool]:
        self.depth += 1
        try:
            return self._group(flags)
        finally:
            self.depth -= 1

    def _group(self, flags: _Flags) -> tuple[str | None, bool]:
        if self.depth > _MAX_NESTING:
            raise _Re2Error("expression nests too deeply")
        start = self.i
        self.i += 1
        inner = flags.copy()
        if self.peek() == "?":
            rest = self.p[self.i + 1 :]
            if rest.startswith("P<"):
                end = rest.find(">")
                if end < 0:
                    raise _Re2Error(f"invalid named capture: `{self.p[start:]}`")
                name = rest[2:end]
                if not re.fullmatch(r"[0-9A-Za-z_]+", name):
                    raise _Re2Error(f"invalid named capture: `{self.p[start : self.i + 2 + end]}`")
                self.i += 1 + end + 1
            elif rest[:1] in ("=", "!") or rest.startswith(("<=", "<!")):
                raise _Re2Error(f"lookaround assertions are not supported by RE2: `{self.p[start : self.i + 3]}`")
            elif rest.startswith("<"):
                raise _Re2Error("named groups (?<name>...) are not supported; use (?P<name>...)")
            else:
                scoped = self.flag_group(inner, start)
                if not scoped:  # (?flags) changes the rest of the enclosing group
                    flags.fold, flags.multi_line = inner.fold, inner.multi_line
                    flags.dot_nl, flags.ungreedy = inner.dot_nl, inner.ungreedy
                    return None, False
        body = self.group_body(inner)
        if self.peek() != ")":
            raise _Re2Error(f"missing closing ): `{self.p}`")
        self.i += 1
        return f"(?:{body})", True

    def flag_group(self, flags: _Flags, start: int) -> bool:
        """Parse ``(?flags)`` or ``(?flags:``; return True for the scoped ``:`` form."""
        self.i += 1  # the "?"
        negate = False
        saw_flag = False
        while self.i < len(self.p):
            c = self.p[self.i]
            self.i += 1
            if c in "imsU":
                value = not negate
                if c == "i":
                    flags.fold = value
                elif c == "m":
                    flags.multi_line = value
                elif c == "s":
                    flags.dot_nl = value
                else:
                    flags.ungreedy = value
                saw_flag = True
            elif c == "-" and not negate:
                negate = True
                saw_flag = False
            elif c in ":)":
                if negate and not saw_flag:
                    break
                return c == ":"
            else:
                break
        raise _Re2Error(f"invalid or unsupported Perl syntax: `{self.p[start : self.i]}`")

    def escape(self, flags: _Flags) -> tuple[str | None, bool]:
        start = self.i
        self.i += 1
        if self.i >= len(self.p):
            raise _Re2Error("trailing backslash at end of expression")
        c = self.p[self.i]
        if c == "A":
            self.i += 1
            return "\\A", True
        if c == "z":
            self.i += 1
            return "\\Z", True
        if c == "b":
            self.i += 1
            return _ASCII_BOUNDARY, True
        if c == "B":
            self.i += 1
            return _ASCII_NON_BOUNDARY, True
        if c == "Q":
            end = self.p.find("\\E", self.i + 1)
            literal = self.p[self.i + 1 :] if end < 0 else self.p[self.i + 1 : end]
            self.i = len(self.p) if end < 0 else end + 2
            if not literal:
                return None, False
            return self.fold(re.escape(literal), flags), True
        if c.lower() in _PERL:
            self.i += 1
            return _py_class(_PERL[c.lower()], negated=c.isupper()), True
        if c in "pP":
            raise _Re2Error(f"Unicode classes (`\\{c}...`) are not supported by the routing simulator")
        self.i = start
        code = self.char_escape()
        return self.fold(_py_char(code), flags), True

    def char_escape(self) -> int:
        """A single-character escape at ``self.i`` (which is a backslash); return the code point."""
        self.i += 1
        if self.i >= len(self.p):
            raise _Re2Error("trailing backslash at end of expression")
        c = self.p[self.i]
        self.i += 1
        if c in "1234567" and not ("0" <= self.peek() <= "7"):
            raise _Re2Error(f"invalid escape sequence: `\\{c}` (backreferences are not supported by RE2)")
        if c in "01234567":
            digits = c
            while len(digits) < 3 and "0" <= self.peek() <= "7":
                digits += self.peek()
                self.i += 1
            return int(digits, 8)
        if c == "x":
            if self.peek() == "{":
                end = self.p.find("}", self.i)
                digits = self.p[self.i + 1 : end] if end > 0 else ""
                if not digits or not all(d in "0123456789abcdefABCDEF" for d in digits):
                    raise _Re2Error(f"invalid escape sequence: `\\x{self.p[self.i : end + 1]}`")
                code = int(digits, 16)
                if code > _MAX_CODE:
                    raise _Re2Error(f"invalid escape sequence: `\\x{{{digits}}}`")
                self.i = end + 1
                return code
            digits = self.p[self.i : self.i + 2]
            if len(digits) != 2 or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise _Re2Error(f"invalid escape sequence: `\\x{digits}`")
            self.i += 2
            return int(digits, 16)
        simple = {"a": 7, "f": 12, "t": 9, "n": 10, "r": 13, "v": 11}
        if c in simple:
            return simple[c]
        if ord(c) < 0x80 and not c.isalnum():
            return ord(c)
        raise _Re2Error(f"invalid escape sequence: `\\{c}`")

    def char_class(self) -> str:
        start = self.i
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        ranges: _Ranges = []
        first = True
        while True:
            if self.i >= len(self.p):
                raise _Re2Error(f"missing closing ]: `{self.p[start:]}`")
            c = self.p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            if c == "[" and self.peek(1) == ":":
                end = self.p.find(":]", self.i + 2)
                if end >= 0:
                    name = self.p[self.i + 2 : end]
                    if name.lstrip("^") not in _POSIX:
                        raise _Re2Error(f"invalid character class range: `{self.p[self.i : end + 2]}`")
                    named = _POSIX[name.lstrip("^")]
                    ranges.extend(_negate(named) if name.startswith("^") else named)
                    self.i = end + 2
                    continue
            if c == "\\" and self.peek(1) in ("d", "D", "s", "S", "w", "W"):
                kind = self.peek(1)
                named = _PERL[kind.lower()]
                ranges.extend(_negate(named) if kind.isupper() else named)
                self.i += 2
                continue
            if c == "\\" and self.peek(1) in ("p", "P"):
                raise _Re2Error("Unicode classes (`\\p...`) are not supported by the routing simulator")
            low = self.class_char()
            high = low
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                high = self.class_char()
                if high < low:
                    raise _Re2Error(f"invalid character class range: `{chr(low)}-{chr(high)}`")
            ranges.append((low, high))
        return _py_class(sorted(ranges), negated)

    def class_char(self) -> int:
        if self.peek() == "\\":
            return self.char_escape()
        c = self.p[self.i]
        self.i += 1
        return ord(c)


_REPEAT = re.compile(r"\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}")
_MAX_NESTING = 1000  # Go's regexp/syntax refuses deeper nesting ("expression nests too deeply")
# The translator recurses about three frames per group; the limit it needs for _MAX_NESTING groups.
_TRANSLATE_RECURSION = 4 * _MAX_NESTING + 200
_RE2_CACHE: dict[str, Re2Pattern] = {}


class Re2Pattern:
    """A compiled Alertmanager regex, matched by RE2 (linear time, no backtracking)."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str, compiled: Any) -> None:
        self.pattern = pattern
        self._compiled = compiled

    def search(self, text: str) -> object | None:
        """A match object when ``text`` matches (the pattern is anchored), else None."""
        found: object | None
        try:
            found = self._compiled.search(text)
        except UnicodeEncodeError:
            # A lone surrogate cannot be UTF-8: Go would see the replacement character there.
            found = self._compiled.search(text.encode("utf-8", "replace").decode("utf-8", "replace"))
        return found


def _re2_options() -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print refused patterns on stderr; errors are raised
    return options


def compile_re2(value: str) -> Re2Pattern:
    """Compile an Alertmanager regex value (anchored ``^(?:VALUE)$``) with RE2 semantics.

    Use ``pattern.search(text) is not None`` to test a value. Raises :class:`MatcherError` for
    syntax Go's regexp rejects and for constructs the simulator does not support.
    """
    cached = _RE2_CACHE.get(value)
    if cached is not None:
        return cached
    import re2

    anchored = "^(?:" + value + ")$"
    shown = repr(value if len(value) <= 80 else value[:80] + "…")
    limit = sys.getrecursionlimit()
    try:
        # Python-to-Python calls do not use the C stack (3.11+); only the frame count is raised.
        sys.setrecursionlimit(max(limit, _TRANSLATE_RECURSION))
        _Re2Translator(anchored).translate()  # refuses what Go refuses; its output is not needed
        compiled = Re2Pattern(value, re2.compile(anchored, _re2_options()))
    except _Re2Error as error:
        raise MatcherError(f"invalid regular expression {shown}: {error}") from None
    except re2.error as error:  # RE2's own limits (pattern too large for its memory budget)
        raise MatcherError(f"invalid regular expression {shown}: {_re2_message(error)}") from None
    finally:
        sys.setrecursionlimit(limit)
    if len(_RE2_CACHE) < 10000:
        _RE2_CACHE[value] = compiled
    return compiled


def _re2_message(error: Exception) -> str:
    text = error.args[0] if error.args else error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return str(text).splitlines()[0] if str(text) else "refused by RE2"
