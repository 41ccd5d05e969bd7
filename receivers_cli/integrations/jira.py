"""Jira issues (Cloud or Data Center REST API); credentials go in ``http_config``."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Field, Inherit, Requirement

JIRA_TEXT = (
    Field("template", "template", doc="The Go template of the text."),
    Field("enable_update", "bool", doc="Update the issue's text when the template's output changes."),
)

INTEGRATION = Integration(
    channel_type="jira",
    native="jira_configs",
    since=(0, 28),
    summary=(
        "Jira issue created, updated, resolved and reopened through the REST API; authenticate with "
        "http_config.basic_auth (Cloud: account e-mail + API token) or authorization (Data Center PAT)"
    ),
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#jira_config",
    fields=(
        Field("api_url", "url", doc="Jira REST API base, with /rest/api/2/ (Alertmanager posts to its issue and "
              "search paths); falls back to global jira_api_url."),
        Field("api_type", choices=("auto", "cloud", "datacenter"), since=(0, 29)),
        Field("project"),
        Field("issue_type", "template"),
        # A template, or from 0.30 {template, enable_update} (update the text when it changes).
        Field("summary", "template", object_since=(0, 30), fields=JIRA_TEXT),
        Field("description", "template", object_since=(0, 30), fields=JIRA_TEXT),
        Field("labels", "list", items="template"),
        Field("priority", "template"),
        Field("reopen_transition"),
        Field("resolve_transition"),
        Field("wont_fix_resolution"),
        Field("reopen_duration", "duration"),
        Field("fields", "map", items="any", free_form=True, doc="Custom fields (customfield_10001: ...), templated."),
    ),
    requirements=(
        Requirement(("project",), hint="add project: the Jira project key"),
        Requirement(("issue_type",), hint="add issue_type, e.g. Bug"),
        Requirement(
            ("api_url",), globals=("jira_api_url",),
            hint="add api_url: https://<site>.atlassian.net/rest/api/2/ (issue and search are posted below it)",
        ),
    ),
    inherits=(Inherit(("api_url",), ("jira_api_url",), "destination", since=(0, 28)),),
    template_fields={"summary": "title", "description": "text"},
    example={
        "api_url": "https://example.atlassian.net/rest/api/2/",
        "project": "OPS",
        "issue_type": "Bug",
        "http_config": {"basic_auth": {"username": "alerts@example.com", "password": "jira-api-token"}},
    },
)
