"""R207 file-field-forbidden: nothing in a tenant file makes Alertmanager read a local file.

Alertmanager reads a file for every ``*_file`` field (``api_key_file``, ``url_file``,
``http_config.tls_config.ca_file``, ``cert_file``, ``key_file``, ``authorization.credentials_file``,
``basic_auth.password_file``, ``oauth2.client_secret_file``, ``bearer_token_file``, ...), for the
``files`` list of ``http_config.http_headers.<name>``, and for the shared AWS files a
``sigv4.profile`` names; a tenant could point any of them at a file on the Alertmanager host (its
own secrets, another tenant's) and have it sent out. The check walks the native config each
receiver renders to (aliases and vendor translations applied), every nested key, and reports the
tenant's own field. Put the value itself in the tenant file, encrypted (``receivers secrets
encrypt``); ``render --secrets-dir`` writes such files itself.

A time interval's ``location`` is a file read too (Go loads it from the tzdata directory), so it
must be an IANA zone name such as ``Europe/Stockholm`` (or ``UTC``, ``Local``): no path, no ``..``.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: hook
          channel_type: webhook
          config:
            url: "https://example.com/a"
            http_config: {bearer_token: "${HOOK_TOKEN}"}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: hook
          channel_type: webhook
          config:
            url: "https://example.com/a"
            http_config: {bearer_token_file: /etc/passwd}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from receivers_cli import integrations
from receivers_cli.alertmanager.timeintervals import valid_zone
from receivers_cli.codes import R207
from receivers_cli.errors import Problem
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import FILE_FIELD, Field, Path
from receivers_cli.validation.context import CheckedTenant, RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

# Keys that read the filesystem without ending in ``_file``, by the native path they end with.
FILE_READING_PATHS: tuple[tuple[str, ...], ...] = (
    ("files",),  # http_config.http_headers.<name>.files (prometheus/common >= 0.54): paths
    ("sigv4", "profile"),  # a profile of the host's ~/.aws/credentials and ~/.aws/config
)


def reads_file(path: tuple[str | int, ...]) -> bool:
    """Whether the native key at ``path`` makes Alertmanager read a file."""
    names = tuple(str(p).lower() for p in path if isinstance(p, str))
    if not names:
        return False
    if FILE_FIELD.search(names[-1]):
        return True
    return any(names[-len(suffix):] == suffix for suffix in FILE_READING_PATHS)


def file_paths(value: Any, fields: tuple[Field, ...] | None, prefix: Path = ()) -> Iterator[Path]:
    """Every native path below ``value`` whose key reads a file.

    ``fields`` are the specs at this level (None when unknown): keys of free-form data maps
    (PagerDuty ``details``, webhook ``payload``, ...) are the tenant's own data and read nothing.
    """
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = (*prefix, key)
            if isinstance(key, str) and reads_file(path):
                yield path
                continue
            spec = next((f for f in fields or () if f.name == key), None)
            if spec is not None and spec.free_form:
                continue
            yield from file_paths(item, spec.fields if spec is not None and spec.fields else None, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from file_paths(item, fields, (*prefix, i))


def check(ctx: RuleContext) -> Iterator[Problem]:
    for tenant in ctx.tenants:
        for i, receiver in enumerate(tenant.model.receivers):
            integration = integrations.get(receiver.channel_type)
            if integration is not None:
                yield from _receiver(tenant, i, integration, receiver.config)
        for j, interval in enumerate(tenant.model.time_intervals):
            for k, spec in enumerate(interval.time_intervals):
                if spec.location is not None and not valid_zone(spec.location):  # a tzdata file read
                    yield tenant.doc.problem(
                        (tenant.id, "time_intervals", j, "time_intervals", k, "location"), RULE.id,
                        f"location {spec.location!r} is not an IANA time zone name; Alertmanager "
                        "would read it as a file below its tzdata directory",
                        "write a zone name such as Europe/Stockholm, America/New_York or UTC",
                    )


def _receiver(
    tenant: CheckedTenant, index: int, integration: Integration, config: Mapping[str, Any]
) -> Iterator[Problem]:
    owner = integrations.native(integration.native) or integration
    try:
        native = integration.to_native(config)
    except (KeyError, TypeError, ValueError, AttributeError):
        native = dict(config)  # a vendor config missing its required fields: check what is there
    base = (tenant.id, "receivers", index, "config")
    for path in file_paths(native, owner.all_fields()):
        tenant_path = integration.tenant_path(config, path) if path else ()
        # A key a vendor translation built has no tenant twin; report the tenant's config then.
        where = (*base, *tenant_path) if tenant_path else base
        name = ".".join(str(p) for p in path)
        yield tenant.doc.problem(
            where, RULE.id,
            f"{name} makes Alertmanager read a file on its host; tenant files may not set it",
            "remove it and put the value itself in the file, encrypted (receivers secrets encrypt)",
            at_key=True,
        )


RULE = Rule(
    R207, ValidationLevel.STANDARD,
    "nothing in a tenant file makes Alertmanager read a local file", check,
)
