"""The two duration syntaxes Alertmanager reads, parsed the way it parses them.

* Prometheus durations (route timers, ``reopen_duration``): ``0`` or integers with the units
  ``y w d h m s ms``, each at most once, largest first; ASCII digits only; the total must fit in
  Go's ``time.Duration`` (int64 nanoseconds, about 292 years). The empty string is refused.
* Go durations (``time.ParseDuration``: notifier ``timeout``, pushover ``retry``/``expire``/``ttl``):
  ``0`` or a sequence of decimal numbers with units ``ns us µs μs ms s m h``; same int64 bound.
  Go also takes a sign; a negative timeout means nothing useful, so it is refused here.

Both return the duration in nanoseconds, or ``None`` when Alertmanager would refuse the text.
Python's ``\\d`` matches any Unicode digit (``٣``) where Go's ``[0-9]`` does not, so every
pattern here spells ``[0-9]``.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_NANOS = 2**63 - 1

_PROM_UNITS = ("y", "w", "d", "h", "m", "s", "ms")  # largest first, each at most once
_PROM_BODY = "".join(f"(?:([0-9]+){unit})?" for unit in _PROM_UNITS)
_PROM = re.compile(_PROM_BODY)
# The same grammar as a JSON Schema / Pydantic pattern (model/tenant.py): the shape only; the range
# (at most about 292 years) is checked by parse_prometheus.
PROMETHEUS_DURATION_PATTERN = f"^(0|{_PROM_BODY})$"
_PROM_UNITS_MS = (365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1)

_GO_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")
_GO_UNITS_NS = {"ns": 1, "us": 1000, "µs": 1000, "μs": 1000, "ms": 10**6, "s": 10**9, "m": 60 * 10**9,
                "h": 3600 * 10**9}


def parse_prometheus(text: str) -> int | None:
    """Nanoseconds of a Prometheus duration, or None when prometheus/common refuses it."""
    if text == "0":
        return 0
    match = _PROM.fullmatch(text)
    if not text or match is None:
        return None
    millis = sum(int(n) * unit for n, unit in zip(match.groups(), _PROM_UNITS_MS, strict=True) if n)
    nanos = millis * 1_000_000
    return nanos if nanos <= MAX_NANOS else None


def parse_go(text: str) -> int | None:
    """Nanoseconds of a Go duration (unsigned), or None when Go (or this tool) refuses it."""
    if text == "0":
        return 0
    if not text:
        return None
    total = Decimal(0)
    pos = 0
    while pos < len(text):
        match = _GO_PART.match(text, pos)
        if match is None or match.group(1) in ("", "."):
            return None
        total += Decimal(match.group(1)) * _GO_UNITS_NS[match.group(2)]
        pos = match.end()
    nanos = int(total)
    return nanos if nanos <= MAX_NANOS else None
