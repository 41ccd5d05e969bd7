"""A lexer and parser for Go's ``text/template`` language, as Alertmanager loads it.

Alertmanager parses every file under ``templates:`` into ONE template set when the config is loaded:
a syntax error in one tenant's file stops the whole config from loading, for every tenant. So the
text our Jinja step produces is parsed here first, per tenant, and a problem is that tenant's alone.

The grammar follows Go's ``text/template/parse`` (lex.go, parse.go; the Go 1.19 that builds the
Alertmanager 0.25 we ship against), written from its documented semantics:

- text, and actions between ``{{`` and ``}}``; ``{{- `` / `` -}}`` trim the adjacent text's white space;
- comments ``{{/* ... */}}`` that must start and end at the delimiters;
- inside actions: strings ``"..."`` with Go escapes, raw strings `````...`````, characters ``'x'``,
  numbers, booleans, ``nil``, ``.``, fields ``.A.B``, variables ``$x.A``, identifiers (functions,
  which must exist: an unknown function is a parse error in Go), ``( pipeline )``, pipelines with
  ``|`` and declarations ``$x :=`` / assignments ``$x =``;
- keywords ``if``/``else``/``else if``/``range``/``with``/``end``/``define``/``block``/``template``/
  ``break``/``continue`` (these two only inside ``range``), variables must be declared before use.

Where Go's rules changed between releases or are hard to mirror exactly, this parser is STRICTER
than Go (it refuses ``else with`` (Go 1.23), numbers other than decimal and hex integers and
decimal floats, nesting deeper than :data:`MAX_NESTING`): what it accepts, every supported
Alertmanager loads. Besides syntax it records what the policy layer (``render/templates.py``)
needs: the ``define``/``block`` names, the ``template`` calls with their ``range`` depth, the
``range`` nesting and the variable assignments (``$x = ...``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from receivers_cli.alertmanager.versions import Version

# Go's own builtins (text/template funcs.go); all exist in every Go release Alertmanager uses.
GO_BUILTINS = frozenset(
    {"and", "or", "not", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery",
     "eq", "ne", "lt", "le", "gt", "ge", "call"}
)  # fmt: skip
# Alertmanager's template.DefaultFuncs, with the release that added each. The 0.25 set is verified
# against the Debian 0.25 binary; the later ones are from upstream's history and are taken at the
# LATEST release they could have appeared in, so a target older than that refuses them (safe).
ALERTMANAGER_FUNCS: dict[str, Version] = {
    "toUpper": (0, 0), "toLower": (0, 0), "title": (0, 0), "trimSpace": (0, 0), "join": (0, 0),
    "match": (0, 0), "safeHtml": (0, 0), "reReplaceAll": (0, 0), "stringSlice": (0, 0),
    "safeUrl": (0, 27), "urlUnescape": (0, 27),
    "date": (0, 28), "tz": (0, 28), "since": (0, 28), "humanizeDuration": (0, 28),
    "toJson": (0, 29),
}  # fmt: skip

MAX_NESTING = 64  # control structures and parentheses; Python recursion stays far from its limit
_SPACE = " \t\r\n"
_KEYWORDS = frozenset(
    {"block", "break", "continue", "define", "else", "end", "if", "range", "nil", "template", "with"}
)


def functions_for(version: Version) -> frozenset[str]:
    """The function names a template may use on Alertmanager ``version``."""
    return GO_BUILTINS | {name for name, since in ALERTMANAGER_FUNCS.items() if version >= since}


class GoTemplateError(Exception):
    """A template Go would refuse (or we refuse, being stricter); ``offset`` indexes the text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class TemplateCall:
    name: str
    offset: int
    range_depth: int  # how many ``range`` bodies enclose the call


@dataclass
class Definition:
    """One named template: a ``define``/``block`` body (or the file's top level, named ``""``)."""

    name: str
    offset: int
    calls: list[TemplateCall] = field(default_factory=list)
    range_depth: int = 0  # deepest ``range`` nesting in the body itself
    assignments: list[int] = field(default_factory=list)  # offsets of ``$x = ...`` inside a ``range``
    blocks: list[int] = field(default_factory=list)  # offsets of ``block`` actions (a define + a call)
    end: int = 0  # offset just past the body


@dataclass
class ParsedFile:
    definitions: list[Definition]  # in source order; the top level first
    top_level_text: bool  # anything but white space and comments outside a define


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- lexer ---------------------------------------------------------------------------------------

# item kinds
TEXT, COMMENT, LEFT, RIGHT, SPACE, IDENT, KEYWORD, BOOL, NUMBER, CHAR, STRING, RAW, FIELD, VAR, DOT = (
    "text", "comment", "{{", "}}", "space", "identifier", "keyword", "bool", "number", "char", "string",
    "raw string", "field", "variable", "dot",
)  # fmt: skip
LPAREN, RPAREN, PIPE, DECLARE, ASSIGN, PUNCT, EOF = "(", ")", "|", ":=", "=", "character", "EOF"


@dataclass(frozen=True)
class Item:
    kind: str
    value: str
    offset: int


def _is_alnum(c: str) -> bool:
    """Go's ``isAlphaNumeric``: ``_``, a Unicode letter (L*) or decimal digit (Nd)."""
    return c == "_" or c.isalpha() or c.isdecimal()


def _at_right(text: str, i: int) -> tuple[bool, int]:
    """Whether a right delimiter starts at ``i`` and its length (`` -}}`` trims, ``}}`` does not)."""
    if i + 4 <= len(text) and text[i] in _SPACE and text.startswith("-}}", i + 1):
        return True, 4
    if text.startswith("}}", i):
        return True, 2
    return False, 0


def lex(text: str) -> list[Item]:
    items: list[Item] = []
    i, n = 0, len(text)
    while i < n:
        start = text.find("{{", i)
        if start < 0:
            items.append(Item(TEXT, text[i:], i))
            break
        after = start + 2
        trim_left = after + 1 < n and text[after] == "-" and text[after + 1] in _SPACE
        if start > i:
            chunk = text[i:start]
            if trim_left:
                chunk = chunk.rstrip(_SPACE)
            items.append(Item(TEXT, chunk, i))
        if trim_left:
            after += 2
        items.append(Item(LEFT, "{{", start))
        if text.startswith("/*", after):
            close = text.find("*/", after + 2)
            if close < 0:
                raise GoTemplateError("unclosed comment", start)
            ok, size = _at_right(text, close + 2)
            if not ok:
                raise GoTemplateError("comment ends before closing delimiter", close)
            items.append(Item(COMMENT, text[after:close + 2], after))
            items.append(Item(RIGHT, "}}", close + 2))
            i = close + 2 + size
            if size == 4:
                i = _skip_space(text, i)
            continue
        i = _lex_action(text, after, items)
    items.append(Item(EOF, "", n))
    return items


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _lex_action(text: str, i: int, items: list[Item]) -> int:
    """Lex one action from ``i`` (just past ``{{``) through its ``}}``; return the offset after it."""
    n = len(text)
    depth = 0
    while True:
        ok, size = _at_right(text, i)
        if ok:
            if depth:
                raise GoTemplateError("unclosed left paren", i)
            items.append(Item(RIGHT, "}}", i))
            i += size
            return _skip_space(text, i) if size == 4 else i
        if i >= n:
            raise GoTemplateError("unclosed action", i)
        c = text[i]
        start = i
        if c in _SPACE:
            while i < n and text[i] in _SPACE and not _at_right(text, i)[0]:
                i += 1
            items.append(Item(SPACE, text[start:i], start))
        elif c == "=":
            items.append(Item(ASSIGN, "=", i))
            i += 1
        elif c == ":":
            if not text.startswith(":=", i):
                raise GoTemplateError("expected :=", i)
            items.append(Item(DECLARE, ":=", i))
            i += 2
        elif c == "|":
            items.append(Item(PIPE, "|", i))
            i += 1
        elif c == '"':
            i += 1
            while True:
                if i >= n or text[i] == "\n":
                    raise GoTemplateError("unterminated quoted string", start)
                if text[i] == "\\":
                    i += 1
                    if i >= n or text[i] == "\n":
                        raise GoTemplateError("unterminated quoted string", start)
                elif text[i] == '"':
                    break
                i += 1
            i += 1
            items.append(Item(STRING, text[start:i], start))
        elif c == "`":
            close = text.find("`", i + 1)
            if close < 0:
                raise GoTemplateError("unterminated raw quoted string", start)
            i = close + 1
            items.append(Item(RAW, text[start:i], start))
        elif c == "'":
            i += 1
            while True:
                if i >= n or text[i] == "\n":
                    raise GoTemplateError("unterminated character constant", start)
                if text[i] == "\\":
                    i += 1
                    if i >= n or text[i] == "\n":
                        raise GoTemplateError("unterminated character constant", start)
                elif text[i] == "'":
                    break
                i += 1
            i += 1
            items.append(Item(CHAR, text[start:i], start))
        elif c == "$" or (c == "." and not (i + 1 < n and "0" <= text[i + 1] <= "9")):
            # Go's lexFieldOrVariable: "$" / "." alone, or followed by a name and a terminator
            i += 1
            if _is_terminator(text, i):
                items.append(Item(VAR if c == "$" else DOT, c, start))
            else:
                while i < n and _is_alnum(text[i]):
                    i += 1
                _check_terminator(text, i)
                items.append(Item(VAR if c == "$" else FIELD, text[start:i], start))
        elif c in "+-." or ("0" <= c <= "9"):
            i = _scan_number(text, i)
            items.append(Item(NUMBER, text[start:i], start))
        elif _is_alnum(c):
            while i < n and _is_alnum(text[i]):
                i += 1
            _check_terminator(text, i)
            word = text[start:i]
            kind = KEYWORD if word in _KEYWORDS else BOOL if word in ("true", "false") else IDENT
            items.append(Item(kind, word, start))
        elif c == "(":
            depth += 1
            if depth > MAX_NESTING:
                raise GoTemplateError(f"parentheses nested deeper than {MAX_NESTING}", i)
            items.append(Item(LPAREN, "(", i))
            i += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise GoTemplateError("unexpected right paren", i)
            items.append(Item(RPAREN, ")", i))
            i += 1
        elif c.isascii() and c.isprintable():
            items.append(Item(PUNCT, c, i))
            i += 1
        else:
            raise GoTemplateError(f"unrecognized character in action: U+{ord(c):04X}", i)


def _is_terminator(text: str, i: int) -> bool:
    """Go's ``atTerminator``: what may follow an identifier, a field or a variable."""
    return i >= len(text) or text[i] in _SPACE or text[i] in ".,|:()" or text.startswith("}}", i)


def _check_terminator(text: str, i: int) -> None:
    if _is_terminator(text, i):
        return
    raise GoTemplateError(f"bad character U+{ord(text[i]):04X}", i)


def _scan_number(text: str, i: int) -> int:
    """The extent of a number; only the forms :func:`_check_number` accepts are scanned whole."""
    n = len(text)
    start = i
    if i < n and text[i] in "+-":
        i += 1
    digits = "0123456789_"
    if text.startswith(("0x", "0X"), i):
        i += 2
        digits = "0123456789abcdefABCDEF_"
    while i < n and text[i] in digits:
        i += 1
    if i < n and text[i] == "." and digits.startswith("0123456789_") and len(digits) == 11:
        i += 1
        while i < n and text[i] in digits:
            i += 1
    if i < n and text[i] in "eE" and len(digits) == 11:
        i += 1
        if i < n and text[i] in "+-":
            i += 1
        while i < n and text[i] in digits:
            i += 1
    if i < n and _is_alnum(text[i]):
        raise GoTemplateError(f"bad number syntax: {text[start:i + 1]!r}", start)
    return i


def _check_number(value: str, offset: int) -> None:
    """Refuse what Go would, and (stricter) octal, binary, imaginary and underscored forms."""
    body = value.lstrip("+-")
    if len(value) - len(body) > 1 or "_" in body or not body:
        raise GoTemplateError(f"illegal number syntax: {value!r}", offset)
    lower = body.lower()
    if lower.startswith("0x"):
        if len(lower) == 2:
            raise GoTemplateError(f"illegal number syntax: {value!r}", offset)
        _check_integer_range(value, int(lower[2:], 16), offset)
        return
    if not any(c.isdigit() for c in body):
        raise GoTemplateError(f"illegal number syntax: {value!r}", offset)
    mantissa = lower.split("e", 1)
    if len(mantissa) == 2 and not mantissa[1].lstrip("+-").isdigit():
        raise GoTemplateError(f"illegal number syntax: {value!r}", offset)
    whole = mantissa[0].split(".", 1)[0]
    if len(whole) > 1 and whole.startswith("0") and "." not in mantissa[0] and len(mantissa) == 1:
        raise GoTemplateError(f"octal numbers are not supported here: {value!r}", offset)
    if "." not in lower and "e" not in lower:
        _check_integer_range(value, int(body), offset)
    elif math.isinf(float(value)):
        # Go's strconv.ParseFloat reports a range error where IEEE rounding gives infinity, and
        # text/template then refuses the number: the whole template set would not load.
        raise GoTemplateError(f"number out of range of a float64: {value!r}", offset)


def _check_integer_range(value: str, magnitude: int, offset: int) -> None:
    """Go keeps an integer constant only if it fits uint64 (unsigned) or int64; else it refuses the file."""
    if value.startswith("-"):
        limit = 1 << 63
    elif value.startswith("+"):
        limit = (1 << 63) - 1  # strconv.ParseUint takes no sign, so only int64 can hold it
    else:
        limit = (1 << 64) - 1
    if magnitude > limit:
        raise GoTemplateError(f"integer overflow: {value!r} does not fit in 64 bits", offset)


_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def unquote(literal: str, offset: int) -> str:
    """Go's ``strconv.Unquote`` for ``"..."``, `````...````` and ``'x'`` (validating escapes)."""
    quote = literal[0]
    body = literal[1:-1]
    if quote == "`":
        return body.replace("\r", "")
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == quote:
            raise GoTemplateError(f"invalid syntax: {literal}", offset)
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        i += 2
        if e in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[e])
        elif e == quote:
            out.append(e)
        elif e in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[e]
            digits = body[i:i + width]
            if len(digits) != width or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise GoTemplateError(f"invalid syntax: {literal}", offset)
            code = int(digits, 16)
            if e != "x" and (code > 0x10FFFF or 0xD800 <= code <= 0xDFFF):
                raise GoTemplateError(f"invalid syntax: {literal}", offset)
            out.append(chr(code))
            i += width
        elif e in "01234567":
            digits = body[i - 1:i + 2]
            if len(digits) != 3 or any(d not in "01234567" for d in digits) or int(digits, 8) > 255:
                raise GoTemplateError(f"invalid syntax: {literal}", offset)
            out.append(chr(int(digits, 8)))
            i += 2
        else:
            raise GoTemplateError(f"invalid syntax: {literal}", offset)
    value = "".join(out)
    if quote == "'" and len(value) != 1:
        raise GoTemplateError(f"malformed character constant: {literal}", offset)
    return value


# --- parser --------------------------------------------------------------------------------------

_TERMS = frozenset({BOOL, CHAR, DOT, FIELD, IDENT, NUMBER, STRING, RAW, VAR, LPAREN, KEYWORD})
_NON_EXECUTABLE = frozenset({BOOL, DOT, NUMBER, STRING, RAW, CHAR, "nil"})


class _Parser:
    def __init__(self, text: str, functions: frozenset[str]) -> None:
        self.text = text
        self.items = lex(text)
        self.pos = 0
        self.functions = functions
        self.vars: list[str] = ["$"]
        self.current = Definition("", 0)
        self.definitions: list[Definition] = [self.current]
        self.range_depth = 0
        self.nesting = 0
        self.top_level_text = False

    # token helpers ------------------------------------------------------------------------------
    def next(self) -> Item:
        item = self.items[self.pos]
        self.pos += 1
        return item

    def backup(self) -> None:
        self.pos -= 1

    def peek(self) -> Item:
        return self.items[self.pos]

    def next_non_space(self) -> Item:
        item = self.next()
        while item.kind == SPACE:
            item = self.next()
        return item

    def peek_non_space(self) -> Item:
        save = self.pos
        item = self.next_non_space()
        self.pos = save
        return item

    def error(self, message: str, item: Item) -> GoTemplateError:
        return GoTemplateError(message, item.offset)

    def unexpected(self, item: Item, context: str) -> GoTemplateError:
        shown = item.value if item.kind != EOF else "EOF"
        return self.error(f"unexpected {shown!r} in {context}", item)

    def expect(self, kind: str, context: str) -> Item:
        item = self.next_non_space()
        if item.kind != kind:
            raise self.unexpected(item, context)
        return item

    # structure ----------------------------------------------------------------------------------
    def parse(self) -> ParsedFile:
        while self.peek().kind != EOF:
            if self.peek().kind == LEFT:
                save = self.pos
                self.next()
                word = self.next_non_space()
                if word.kind == KEYWORD and word.value == "define":
                    self._definition(word)
                    continue
                self.pos = save
            first = self.peek()
            is_text = first.kind == TEXT and bool(first.value.strip(_SPACE))
            if is_text or (first.kind == LEFT and self.items[self.pos + 1].kind != COMMENT):
                self.top_level_text = True
            end = self._text_or_action()
            if end is not None:
                raise self.error(f"unexpected {{{{{end.value}}}}}", end)
        self.current.end = len(self.text)
        return ParsedFile(self.definitions, self.top_level_text)

    def _definition(self, keyword: Item) -> None:
        name_item = self.next_non_space()
        name = self._template_name(name_item, "define clause")
        self.expect(RIGHT, "define clause")
        outer, outer_vars = self.current, self.vars
        self.current = Definition(name, keyword.offset)
        self.definitions.append(self.current)
        self.vars = ["$"]
        end = self._item_list()
        if end.value != "end":
            raise self.error("unexpected {{else}} in define clause", end)
        self.current.end = end.offset
        self.current, self.vars = outer, outer_vars

    def _template_name(self, item: Item, context: str) -> str:
        if item.kind in (STRING, RAW):
            return unquote(item.value, item.offset)
        raise self.unexpected(item, context)

    def _item_list(self) -> Item:
        """Items up to an ``{{end}}`` or ``{{else}}``, which is returned (``value`` end/else)."""
        while True:
            if self.peek_non_space().kind == EOF:
                raise self.error("unexpected EOF", self.peek())
            end = self._text_or_action()
            if end is not None:
                return end

    def _text_or_action(self) -> Item | None:
        item = self.next_non_space()
        if item.kind == TEXT:
            return None
        if item.kind == LEFT:
            if self.peek().kind == COMMENT:
                self.next()
                self.expect(RIGHT, "comment")
                return None
            return self._action()
        raise self.unexpected(item, "input")

    def _action(self) -> Item | None:
        item = self.next_non_space()
        if item.kind == KEYWORD:
            word = item.value
            if word == "end":
                self.expect(RIGHT, "end")
                return item
            if word == "else":
                if self.peek_non_space().kind == KEYWORD and self.peek_non_space().value == "if":
                    return Item(KEYWORD, "else if", item.offset)
                self.expect(RIGHT, "else")
                return item
            if word in ("if", "with", "range"):
                self._control(word, item)
                return None
            if word == "template":
                self._template(item)
                return None
            if word == "block":
                self._block(item)
                return None
            if word in ("break", "continue"):
                if self.range_depth == 0:
                    raise self.error(f"{{{{{word}}}}} outside {{{{range}}}}", item)
                self.expect(RIGHT, word)
                return None
        self.backup()
        self._pipeline("command", RIGHT)
        return None

    def _enter(self, item: Item) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self.error(f"actions nested deeper than {MAX_NESTING}", item)

    def _control(self, word: str, item: Item) -> None:
        self._enter(item)
        saved_vars = len(self.vars)
        self._pipeline(word, RIGHT)
        if word == "range":
            self.range_depth += 1
            self.current.range_depth = max(self.current.range_depth, self.range_depth)
        end = self._item_list()
        if word == "range":
            self.range_depth -= 1
        if end.value == "else if":
            if word != "if":
                raise self.error(f"unexpected 'if' after {{{{else}}}} in {word}", end)
            # "{{else if X}}" is "{{else}}{{if X}}...{{end}}{{end}}" sharing the outer {{end}}
            self.next_non_space()  # the "if"
            self._control("if", end)
            end = Item(KEYWORD, "end", end.offset)
        elif end.value == "else":
            end = self._item_list()
            if end.value != "end":
                raise self.error(f"expected end; found {{{{{end.value}}}}}", end)
        del self.vars[saved_vars:]
        self.nesting -= 1

    def _template(self, item: Item) -> None:
        name_item = self.next_non_space()
        name = self._template_name(name_item, "template clause")
        self.current.calls.append(TemplateCall(name, name_item.offset, self.range_depth))
        if self.next_non_space().kind != RIGHT:
            self.backup()
            self._pipeline("template clause", RIGHT)

    def _block(self, item: Item) -> None:
        self._enter(item)
        name_item = self.next_non_space()
        name = self._template_name(name_item, "block clause")
        self._pipeline("block clause", RIGHT)
        self.current.blocks.append(item.offset)
        self.current.calls.append(TemplateCall(name, name_item.offset, self.range_depth))
        outer, outer_vars, depth = self.current, self.vars, self.range_depth
        self.current = Definition(name, item.offset)
        self.definitions.append(self.current)
        self.vars, self.range_depth = ["$"], 0
        end = self._item_list()
        if end.value != "end":
            raise self.error("unexpected {{else}} in block clause", end)
        self.current.end = end.offset
        self.current, self.vars, self.range_depth = outer, outer_vars, depth
        self.nesting -= 1

    # pipelines ----------------------------------------------------------------------------------
    def _pipeline(self, context: str, end: str) -> None:
        save = self.pos
        first = self.next_non_space()
        if first.kind == VAR:
            following = self.peek_non_space()
            if following.kind in (DECLARE, ASSIGN):
                self.next_non_space()
                if following.kind == ASSIGN and self.range_depth:
                    self.current.assignments.append(first.offset)
                self.vars.append(_var_root(first.value))
            elif following.kind == PUNCT and following.value == ",":
                self.next_non_space()
                self.vars.append(_var_root(first.value))
                if context != "range":
                    raise self.error(f"too many declarations in {context}", following)
                second = self.next_non_space()
                if second.kind != VAR:
                    raise self.error("range can only initialize variables", second)
                op = self.next_non_space()
                if op.kind not in (DECLARE, ASSIGN):
                    raise self.error(f"too many declarations in {context}", op)
                if op.kind == ASSIGN and self.range_depth:
                    self.current.assignments.append(second.offset)
                self.vars.append(_var_root(second.value))
            else:
                self.pos = save
        else:
            self.pos = save
        commands: list[str] = []
        while True:
            item = self.next_non_space()
            if item.kind == end:
                if not commands:
                    raise self.error(f"missing value for {context}", item)
                for stage, kind in enumerate(commands[1:], start=2):
                    if kind in _NON_EXECUTABLE:
                        raise self.error(f"non executable command in pipeline stage {stage}", item)
                return
            if item.kind in _TERMS and not (item.kind == KEYWORD and item.value != "nil"):
                self.backup()
                commands.append(self._command())
            else:
                raise self.unexpected(item, context)

    def _command(self) -> str:
        """One command; returns the kind of its first operand (for Go's pipeline-stage check)."""
        first = ""
        count = 0
        while True:
            self.peek_non_space()
            kind = self._operand()
            if kind is not None:
                if count == 0:
                    first = kind
                count += 1
            item = self.next()
            if item.kind == SPACE:
                continue
            if item.kind in (RIGHT, RPAREN):
                self.backup()
            elif item.kind != PIPE:
                raise self.unexpected(item, "operand")
            break
        if count == 0:
            raise self.error("empty command", self.peek())
        return first

    def _operand(self) -> str | None:
        kind = self._term()
        if kind is None:
            return None
        if self.peek().kind == FIELD:
            head = self.items[self.pos - 1]
            while self.peek().kind == FIELD:
                self.next()
            if kind in ("bool", "string", "raw string", "number", "char", "nil", "dot"):
                raise self.error(f"unexpected . after term {head.value!r}", head)
            kind = "chain" if kind not in (FIELD, VAR) else kind
        return kind

    def _term(self) -> str | None:
        item = self.next_non_space()
        kind = item.kind
        if kind == IDENT:
            if item.value not in self.functions:
                raise self.error(f"function {item.value!r} not defined", item)
            return IDENT
        if kind == KEYWORD and item.value == "nil":
            return "nil"
        if kind == VAR:
            if _var_root(item.value) not in self.vars:
                raise self.error(f"undefined variable {_var_root(item.value)!r}", item)
            return VAR
        if kind in (DOT, FIELD, BOOL):
            return kind
        if kind == NUMBER:
            _check_number(item.value, item.offset)
            return kind
        if kind in (STRING, RAW, CHAR):
            unquote(item.value, item.offset)
            return kind
        if kind == LPAREN:
            self.nesting += 1
            if self.nesting > MAX_NESTING:
                raise self.error(f"nested deeper than {MAX_NESTING}", item)
            self._pipeline("parenthesized pipeline", RPAREN)
            self.nesting -= 1
            return "pipe"
        self.backup()
        return None


def _var_root(name: str) -> str:
    return name.split(".", 1)[0]


def parse(text: str, functions: frozenset[str]) -> ParsedFile:
    """Parse a template file the way Alertmanager's config load does; :class:`GoTemplateError` if not."""
    return _Parser(text, functions).parse()
