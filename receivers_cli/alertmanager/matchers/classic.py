"""The classic matcher parser (the only one in 0.24-0.26, ``classic`` mode later).

Label names match ``[a-zA-Z_:][a-zA-Z0-9_:]*``; values are unquoted or double-quoted with the
escapes ``\\"``, ``\\\\`` and ``\\n`` (any other backslash stays literal); braces are optional and
trimmed independently; commas outside quotes separate matchers.
"""

from __future__ import annotations

import re

from receivers_cli.alertmanager.matchers.errors import MatcherError
from receivers_cli.alertmanager.matchers.gostrings import go_quote, go_trim_space
from receivers_cli.alertmanager.matchers.model import Matcher, MatchType

_GO_WS = "[\\t\\n\\f\\r ]"
_CLASSIC = re.compile(
    rf"\A{_GO_WS}*([a-zA-Z_:][a-zA-Z0-9_:]*){_GO_WS}*(=~|=|!=|!~){_GO_WS}*(.*?){_GO_WS}*\Z", re.DOTALL
)


def classic_matchers(text: str) -> list[Matcher]:
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
    last = go_trim_space("".join(current))
    if last:
        tokens.append(last)
    return [classic_matcher(token) for token in tokens]


def classic_matcher(text: str) -> Matcher:
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
        raise MatcherError(f"{name}{kind.value}{go_quote(value)}: {error.message}") from None
