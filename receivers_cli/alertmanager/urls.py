"""URLs the way Alertmanager reads them: Go's ``net/url.Parse`` plus its http(s)-with-host rule.

Python's ``urlsplit`` is more lenient than Go in some places (it accepts ``https://host:abc/``
and ``%zz``) and raises ``ValueError`` in others (``https://[::1/x``), so neither its answer nor
its silence can be trusted for a value that ends up in the shared config. :func:`url_problem`
checks the text itself and never raises. Where Go is more lenient than is sensible for a
notification endpoint (whitespace, ports above 65535, non-ASCII host names), it is stricter.
"""

from __future__ import annotations

import re

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_NAME = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=-]+")
_IPV6 = re.compile(r"\[[0-9A-Fa-f:.]+(?:%25[A-Za-z0-9._~-]+)?\]")
_USERINFO = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:%-]*")
_PORT = re.compile(r"[0-9]*")


def hostport_problem(text: str) -> str | None:
    """Why Alertmanager (Go's ``net.SplitHostPort`` plus "the port is mandatory") or this tool
    refuses ``text`` as ``host:port``; None when it is fine."""
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or not _IPV6.fullmatch(f"[{host}]"):
            return "the IPv6 host is malformed (write [::1]:25)"
        if not rest.startswith(":"):
            return "missing port in address (write host:port)"
        port = rest[1:]
    else:
        host, colon, port = text.rpartition(":")
        if not colon:
            return "missing port in address (write host:port)"
        if ":" in host:
            return "too many colons in address (write an IPv6 host as [::1]:25)"
        if not host or not _HOST_NAME.fullmatch(host):
            return "the host name is empty or has characters a host name does not allow"
    if not port:
        return "the port cannot be empty"
    if not _PORT.fullmatch(port) or not 0 < int(port) <= 65535:
        return f"the port {port!r} is not a number from 1 to 65535"
    return None


def url_problem(text: str) -> str | None:
    """Why Alertmanager (or this tool) refuses ``text`` as an http(s) URL; None when it is fine."""
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in text):
        return "the URL contains whitespace or a control character"
    match = _SCHEME.match(text)
    if match is None or match.group(1).lower() not in ("http", "https"):
        return "is not an http(s) URL"
    if _ESCAPE.search(text):
        return "the URL has a '%' that is not followed by two hex digits"
    rest = text[match.end():]
    if not rest.startswith("//"):
        return "the URL has no host"
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    userinfo, at, hostport = authority.rpartition("@")
    if at and not _USERINFO.fullmatch(userinfo):
        return "the URL's user information has characters a URL does not allow"
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            return "the URL's IPv6 host has no closing ']'"
        host, after = hostport[: end + 1], hostport[end + 1:]
        if not _IPV6.fullmatch(host):
            return "the URL's IPv6 host is malformed"
        if after and not after.startswith(":"):
            return "the URL has text after its IPv6 host"
        port = after[1:] if after else ""
    else:
        host, colon, port = hostport.partition(":")
        if colon and ":" in port:
            return "the URL's host has more than one ':' (write an IPv6 address as [::1])"
        if not host:
            return "the URL has no host"
        if not _HOST_NAME.fullmatch(host):
            if any(c in host for c in "<>{}$%"):
                return f"the URL's host {host!r} looks like a placeholder left unfilled, not a host name"
            return "the URL's host name has characters a host name does not allow (use punycode for IDNs)"
    if not _PORT.fullmatch(port):
        return f"the URL's port {port!r} is not a number"
    if port and not 0 < int(port) <= 65535:
        return f"the URL's port {port} is out of range (1-65535)"
    return None
