"""The UTF-8 matcher parser (0.27+): names and values are unquoted runs without reserved
characters or double-quoted Go string literals (so ``"foo.bar"="x"`` works and ``foo=`` does not)."""

from __future__ import annotations

from dataclasses import dataclass

from receivers_cli.alertmanager.matchers.errors import MatcherError
from receivers_cli.alertmanager.matchers.gostrings import go_isspace, go_unquote, is_reserved
from receivers_cli.alertmanager.matchers.model import Matcher, MatchType


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
        elif go_isspace(c):
            i += 1
        elif not is_reserved(c):
            j = i
            while j < n and not is_reserved(text[j]):
                j += 1
            tokens.append(_Token("unquoted", text[i:j], i, j))
            i = j
        else:
            raise MatcherError(f"{i}:{i + 1}: {c}: invalid input")
    tokens.append(_Token("eof", "", n, n))
    return tokens


def _token_text(token: _Token) -> str:
    if token.kind == "quoted":
        try:
            return go_unquote(token.text)
        except ValueError:  # go_unquote says why; Alertmanager reports the token
            raise MatcherError(f"{token.start}:{token.end}: {token.text}: invalid input") from None
    return token.text


def utf8_matchers(text: str) -> list[Matcher]:
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


def utf8_single(text: str) -> Matcher:
    found = utf8_matchers(text)
    if len(found) != 1:
        raise MatcherError("no matchers" if not found else f"expected 1 matcher, found {len(found)}")
    return found[0]
