"""Go string rules the matcher parsers share: Go's whitespace, reserved characters, ``strconv.Quote``
and ``strconv.Unquote`` (for the UTF-8 parser's double-quoted literals)."""

from __future__ import annotations

import unicodedata


def go_isspace(c: str) -> bool:
    if c in "\t\n\v\f\r \x85\xa0":
        return True
    return ord(c) > 0xFF and unicodedata.category(c) in ("Zs", "Zl", "Zp")


def go_trim_space(text: str) -> str:
    start, end = 0, len(text)
    while start < end and go_isspace(text[start]):
        start += 1
    while end > start and go_isspace(text[end - 1]):
        end -= 1
    return text[start:end]


def is_reserved(c: str) -> bool:
    return go_isspace(c) or c in "{}!=~,\\\"'`"


def go_quote(text: str) -> str:
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


def go_unquote(literal: str) -> str:
    """Go's ``strconv.Unquote`` for a double-quoted literal, plus a UTF-8 validity check."""
    body = literal[1:-1]
    out = bytearray()
    simple = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, '"': 34}
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "\n":
            raise ValueError("newline in quoted string")
        if c != "\\":
            out += c.encode("utf-8", "surrogatepass")
            i += 1
            continue
        if i + 1 >= n:
            raise ValueError("invalid escape at end of quoted string")
        e = body[i + 1]
        i += 2
        if e in simple:
            out.append(simple[e])
        elif e == "x" or e in "uU":
            width = {"x": 2, "u": 4, "U": 8}[e]
            digits = body[i : i + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise ValueError(f"invalid \\{e} escape in quoted string")
            code = int(digits, 16)
            i += width
            if e == "x":
                out.append(code)
            else:
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise ValueError(f"invalid \\{e} escape in quoted string")
                out += chr(code).encode("utf-8")
        elif e in "01234567":
            digits = body[i - 1 : i + 2]
            if len(digits) != 3 or not all(d in "01234567" for d in digits) or int(digits, 8) > 255:
                raise ValueError("invalid octal escape in quoted string")
            out.append(int(digits, 8))
            i += 2
        else:
            raise ValueError(f"invalid escape \\{e} in quoted string")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("quoted string contains invalid UTF-8 code points") from None
