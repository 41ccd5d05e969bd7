"""Email over SMTP: ``to`` is required, ``smarthost``/``from`` fall back to the global SMTP settings."""

from receivers_cli.integrations._markup import EMAIL_HTML, TITLE
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.shared_fields import TLS_CONFIG
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement, Transport

INTEGRATION = Integration(
    channel_type="email",
    native="email_configs",
    since=(0, 24),
    summary=(
        "Email through an SMTP smarthost; the subject is the 'Subject' entry of headers, "
        "the tenant's text template fills the plain-text part"
    ),
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#email_config",
    fields=(
        Field("to", "template", doc="Comma-separated recipient addresses."),
        Field("from", "template", doc="Sender address; falls back to global smtp_from."),
        Field("smarthost", "hostport", doc="SMTP server as host:port (the port is mandatory)."),
        Field("hello", doc="Host name sent in the SMTP HELO."),
        Field("auth_username"),
        Field("auth_password", secret=True, file_since=(0, 25)),
        Field("auth_secret", secret=True, file_since=(0, 31)),
        Field("auth_identity"),
        Field(
            "headers", "map", free_form=True, case_insensitive_keys=True,
            doc="Extra headers (Subject, ...); keys differing only in case clash.",
        ),
        Field("html", "template"),
        Field("text", "template"),
        Field("require_tls", "bool"),
        TLS_CONFIG,
        Field("force_implicit_tls", "bool", since=(0, 31)),
        Field(
            "threading",
            "object",
            since=(0, 30),
            fields=(Field("enabled", "bool"), Field("thread_by_date", choices=("none", "daily"))),
        ),
    ),
    requirements=(
        Requirement(("to",), hint="add to: the recipient address(es)"),
        Requirement(("smarthost",), globals=("smtp_smarthost",), hint="add smarthost: host:port"),
        Requirement(("from",), globals=("smtp_from",), hint="add from: the sender address"),
    ),
    # The account name counts as a credential too: it is the platform's account on its relay.
    inherits=(
        Inherit(("auth_username",), ("smtp_auth_username",), "credential"),
        Inherit(("auth_password",), ("smtp_auth_password", "smtp_auth_password_file"), "credential",
                unless=(("auth_password_file",),)),
        Inherit(("auth_secret",), ("smtp_auth_secret", "smtp_auth_secret_file"), "credential",
                unless=(("auth_secret_file",),)),
        Inherit(("auth_identity",), ("smtp_auth_identity",), "credential"),
        Inherit(("smarthost",), ("smtp_smarthost",), "destination"),
        Inherit(("from",), ("smtp_from",), "setting"),
        Inherit(("hello",), ("smtp_hello",), "setting"),
        Inherit(("require_tls",), ("smtp_require_tls",), "setting"),
        Inherit(("tls_config",), ("smtp_tls_config",), "setting", since=(0, 28)),
        Inherit(("force_implicit_tls",), ("smtp_force_implicit_tls",), "setting", since=(0, 31)),
    ),
    # Plain SMTP, an unchecked or tenant-trusted certificate: the AUTH exchange readable by others.
    transport=(
        Transport(("require_tls",), safe=(True,)),
        Transport(("tls_config", "insecure_skip_verify"), safe=(False,)),
        Transport(("tls_config", "ca")),
        Transport(("tls_config", "ca_file")),
        Transport(("tls_config", "server_name")),
    ),
    # Threading (0.30) sets References/In-Reply-To itself (header names compared without case).
    constraints=(
        Constraint(("threading", "enabled"), when=(True,), needs_any=(("threading", "thread_by_date"),),
                   since=(0, 30), reason="Alertmanager needs threading.thread_by_date (none or daily) when "
                   "threading is enabled", hint="add thread_by_date: none (or daily)"),
        *(Constraint(("threading", "enabled"), when=(True,), conflicts=(("headers", header),), since=(0, 30),
                     reason=f"Alertmanager refuses a custom {header} header with threading enabled",
                     hint=f"remove the {header} header, or disable threading")
          for header in ("References", "In-Reply-To")),
    ),
    template_fields={"headers.Subject": "subject", "html": "html", "text": "text"},
    default_templates={"subject": TITLE, "html": EMAIL_HTML},
    http_config=False,
    example={
        "to": "team@example.com",
        "from": "alertmanager@example.com",
        "smarthost": "smtp.example.com:587",
    },
)
