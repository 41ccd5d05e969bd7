"""Structure: check raw YAML data against the JSON Schemas, errors onto ``file:line:col``.

This runs at every level, before the Pydantic models, so that the CLI and an editor using the
same schema agree. The validators are built in :mod:`.schema_validators` (once per process), and
their errors worded in :mod:`.schema_errors`; this module walks a document through them.
"""

from __future__ import annotations

from typing import Any

from receivers_cli.errors import Problem
from receivers_cli.loading.raw_tenants import tenant_receivers
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.validation.schema_errors import error_problems, leaf
from receivers_cli.validation.schema_validators import PLATFORM, TENANT, config_validator, validator

__all__ = ["PLATFORM", "TENANT", "check_document"]


def check_document(doc: SourceDocument, schema: str, data: Any = None, prefix: DataPath = ()) -> list[Problem]:
    """Problems of ``data`` (default: the whole document) against the packaged ``schema``."""
    instance = doc.data if data is None else data
    problems: list[Problem] = []
    checker = validator(schema)
    if not checker.is_valid(instance):  # the fast path: no error objects for a valid document
        for error in checker.iter_errors(instance):
            problems.extend(error_problems(doc, leaf(error), prefix))
    if schema == TENANT:
        for tenant_id, i, receiver in tenant_receivers(instance):
            if not isinstance(receiver.get("config"), dict):
                continue
            channel_type = receiver.get("channel_type")
            per_config = config_validator(channel_type) if isinstance(channel_type, str) else None
            if per_config is None:
                continue  # an unknown channel_type is reported by the enum check
            if per_config.is_valid(receiver["config"]):
                continue
            base = (*prefix, tenant_id, "receivers", i, "config")
            for error in per_config.iter_errors(receiver["config"]):
                problems.extend(error_problems(doc, leaf(error), base))
    return sorted(set(problems))

