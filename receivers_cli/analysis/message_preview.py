"""``receivers preview``: each templated field of a receiver, rendered as the integration would send it.

Rendering goes through Alertmanager's own Go template engine, ``amtool template render``, never a
re-implementation: the text is what Alertmanager would produce, functions and HTML escaping
included. For each field we call::

    amtool template render --template.glob=<default.tmpl> --template.glob=<email.tmpl>
        --template.glob=<tenant templates> --template.text=<field value> [--template.type=html]
        --template.data=<data.json>

* The field values come from the preview build (api/preview.py): the native receiver exactly as a
  render builds it (tenant template parts wired in), but unresolved: ``${VAR}`` stays a name and
  ``ENC[...]`` stays an envelope, so no secret is ever decrypted, let alone printed. Secret fields
  are not rendered at all, and an envelope that a templated field holds is masked in the output.
* Fields the receiver does not set but Alertmanager fills with a default (Slack ``title``, email
  ``html`` and ``Subject``, PagerDuty ``description`` and ``details``, ...) are rendered from that
  default, marked ``default``.
* Debian's amtool does not load the built-in templates itself (``template "slack.default.title"
  not defined``), so the package's ``default.tmpl`` and ``email.tmpl`` are passed explicitly: the
  ones next to the amtool binary (``../share/prometheus/alertmanager``), else the system's.
* The data file (``template.Data``: receiver, status, alerts, groupLabels, commonLabels,
  commonAnnotations, externalURL) holds one alert, from ``--labels`` or a tenant ``tests:`` case.
  ``--template.data`` exists in every amtool we support (0.25 included).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from receivers_cli import integrations
from receivers_cli.alertmanager.default_texts import DEFAULTS
from receivers_cli.isolation import naming

AMTOOL_TIMEOUT = 30.0
ZERO_TIME = "0001-01-01T00:00:00Z"  # Go's zero time.Time, what Alertmanager sends as a firing alert's endsAt
SYSTEM_TEMPLATES = Path("/usr/share/prometheus/alertmanager")
_ENVELOPE = re.compile(r"ENC\[[^\]]*\]")


# Sent as HTML: Alertmanager renders these with html/template (contextual escaping).
HTML_FIELDS = frozenset({("email_configs", "html")})


class PreviewError(Exception):
    """amtool is missing or unusable; the message says what to do."""


@dataclass(frozen=True)
class RenderedField:
    path: str  # dotted native field path: title, headers.Subject, details.firing, fields.0.title
    template: str  # the template text Alertmanager reads (tenant-written or its default)
    text: str  # what amtool rendered (envelopes masked); empty when ``error``
    default: bool = False  # the receiver does not set it: Alertmanager's default
    error: str = ""  # amtool's refusal, in its words

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.path, "template": self.template, "rendered": self.text, "default": self.default,
                "error": self.error}


@dataclass(frozen=True)
class ReceiverPreview:
    receiver: str  # the rendered name, <tenant>/<name>
    channel_type: str
    fields: tuple[RenderedField, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {"receiver": self.receiver, "channel_type": self.channel_type,
                "fields": [f.as_dict() for f in self.fields]}


def find_amtool(explicit: str | None = None) -> str:
    """The amtool to render with: ``explicit``, else ``$RECEIVERS_AMTOOL``, else ``amtool`` on PATH."""
    wanted = explicit or os.environ.get("RECEIVERS_AMTOOL") or "amtool"
    found = shutil.which(wanted)
    if found is None:
        raise PreviewError(
            f"amtool not found ({wanted!r}): preview renders through Alertmanager's own template engine; "
            "install it (Debian/Ubuntu: apt install prometheus-alertmanager) or name it with --amtool PATH"
        )
    return found


def amtool_version(amtool: str) -> tuple[int, int] | None:
    """X.Y of ``amtool --version`` (``amtool, version 0.25.0 (...)``), None when it does not say."""
    try:
        done = subprocess.run([amtool, "--version"], capture_output=True, text=True, timeout=AMTOOL_TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"version (\d+)\.(\d+)", done.stdout + done.stderr)
    return (int(found.group(1)), int(found.group(2))) if found else None


def default_template_files(amtool: str) -> list[Path]:
    """Alertmanager's default.tmpl and email.tmpl for this amtool: its package's, else the system's."""
    for directory in (Path(amtool).resolve().parent.parent / "share" / "prometheus" / "alertmanager",
                      SYSTEM_TEMPLATES):
        files = [directory / name for name in ("default.tmpl", "email.tmpl") if (directory / name).is_file()]
        if files:
            return files
    return []  # an upstream build has them compiled in


def alert_data(
    receiver: str,
    labels: Mapping[str, str],
    annotations: Mapping[str, str],
    *,
    status: str = "firing",
    group_by: tuple[str, ...] = (),
    starts_at: datetime | None = None,
    external_url: str = "http://localhost:9093",
) -> dict[str, Any]:
    """A ``template.Data`` with one alert, as Alertmanager passes it to a receiver's templates."""
    start = (starts_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    end = ZERO_TIME if status == "firing" else _go_time(start + timedelta(minutes=5))
    fingerprint = hashlib.sha256(json.dumps(sorted(labels.items())).encode()).hexdigest()[:16]
    alert = {
        "status": status, "labels": dict(labels), "annotations": dict(annotations),
        "startsAt": _go_time(start), "endsAt": end, "generatorURL": "", "fingerprint": fingerprint,
    }
    grouped = {k: v for k, v in labels.items() if k in group_by} if "..." not in group_by else dict(labels)
    return {
        "receiver": receiver, "status": status, "alerts": [alert], "groupLabels": grouped,
        "commonLabels": dict(labels), "commonAnnotations": dict(annotations), "externalURL": external_url,
    }


def _go_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def templated_fields(
    native_key: str, config: Mapping[str, Any], channel_type: str
) -> Iterator[tuple[str, str, bool]]:
    """``(path, template, is_default)`` for each field Alertmanager templates, secrets left out."""
    integration = integrations.get(channel_type)
    secret = {p[0] for p in integration.secret_paths()} if integration is not None else set()
    kinds = {f.name: f.kind for f in integration.all_fields()} if integration is not None else {}
    seen: set[str] = set()
    for key, value in config.items():
        if key in secret or key in ("http_config", "tls_config", "send_resolved") or key.endswith("_file"):
            continue
        for path, text in _strings(value, key):
            if kinds.get(key) == "template" or "{{" in text or path in DEFAULTS.get(native_key, {}) or (
                isinstance(value, Mapping | list)
            ):
                seen.add(path.lower())
                yield path, text, False
    for path, text in DEFAULTS.get(native_key, {}).items():
        if path.lower() not in seen:
            yield path, text, True


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}")


def render_text(
    amtool: str, template: str, data_file: Path, globs: list[str], *, html: bool = False
) -> tuple[str, str]:
    """``(text, error)`` of one template through ``amtool template render``."""
    command = [amtool, "template", "render", *(f"--template.glob={g}" for g in globs),
               f"--template.text={template}", f"--template.data={data_file}"]
    if html:
        command.append("--template.type=html")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=AMTOOL_TIMEOUT, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "", f"amtool did not answer within {AMTOOL_TIMEOUT:.0f} s"
    except OSError as exc:
        raise PreviewError(f"cannot run {amtool}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        return "", lines[-1].removeprefix("amtool: error: ") if lines else f"amtool exited {done.returncode}"
    return _ENVELOPE.sub("ENC[…]", done.stdout), ""


def preview_receivers(
    amtool: str,
    receivers: list[tuple[dict[str, Any], str]],
    templates: Mapping[str, str],
    data: Mapping[str, dict[str, Any]],
) -> list[ReceiverPreview]:
    """Render each ``(native receiver, channel_type)`` with its data (by receiver name) and the
    tenant's template files (file name → text)."""
    defaults = [str(p) for p in default_template_files(amtool)]
    results = []
    with tempfile.TemporaryDirectory(prefix="receivers-preview-") as tmp:
        folder = Path(tmp)
        (folder / "templates").mkdir()
        for index, (_, text) in enumerate(sorted(templates.items())):
            (folder / "templates" / f"{index:05d}.tmpl").write_text(text, "utf-8")
        globs = [*defaults, str(folder / "templates" / "*.tmpl")]
        for native, channel_type in receivers:
            name = str(native["name"])
            data_file = folder / "data.json"
            data_file.write_text(json.dumps(data[name]), "utf-8")
            key = next(k for k in native if k != "name")
            config = native[key][0]
            rendered = []
            for path, template, is_default in templated_fields(key, config, channel_type):
                html = (key, path) in HTML_FIELDS
                text, error = render_text(amtool, template, data_file, globs, html=html)
                rendered.append(RenderedField(path, _ENVELOPE.sub("ENC[…]", template), text, is_default, error))
            results.append(ReceiverPreview(name, channel_type, tuple(rendered)))
    return results


def tenant_templates(templates: Mapping[str, str], tenant: str) -> dict[str, str]:
    """The template files that define the tenant's parts (Alertmanager reads them all; the
    tenant's receivers can only call their own, so the others are not needed)."""
    marker = '"' + naming.prefix(tenant)
    return {name: text for name, text in templates.items() if marker in text}
