"""Splunk On-Call, the former VictorOps: Alertmanager's native victorops receiver."""

from receivers_cli.integrations import victorops
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Alias

_NATIVE = victorops.INTEGRATION

INTEGRATION = Integration(
    channel_type="splunk",
    pages=True,
    native="victorops_configs",
    since=_NATIVE.since,
    summary=(
        "Splunk On-Call (formerly VictorOps) incident through its REST endpoint integration; "
        "same fields as victorops"
    ),
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#victorops_config",
    fields=_NATIVE.fields,
    aliases=(Alias("rest_api_key", ("api_key",), "the REST endpoint key shown by Splunk On-Call"),),
    requirements=_NATIVE.requirements,
    inherits=_NATIVE.inherits,
    transport=_NATIVE.transport,
    template_fields=_NATIVE.template_fields,
    example=dict(_NATIVE.example),
)
