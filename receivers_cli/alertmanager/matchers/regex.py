"""Go RE2 regular expressions as Alertmanager reads them, anchored as ``^(?:VALUE)$``.

A translator that mirrors Go's ``regexp/syntax`` first refuses what Go refuses (backreferences,
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
from typing import Any

from receivers_cli.alertmanager.matchers.errors import MatcherError

__all__ = ["Re2Pattern", "compile_re2"]


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
