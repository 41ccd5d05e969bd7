"""AWS SNS: publish to a topic, a target (endpoint) ARN or a phone number, signed with SigV4."""

from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Requirement, Transport

SIGV4 = Field(
    "sigv4",
    "object",
    fields=(
        Field("region"),
        Field("access_key", doc="Give together with secret_key."),
        Field("secret_key", secret=True),
        Field("profile"),
        Field("role_arn"),
        Field("external_id", since=(0, 34), doc="Needs role_arn."),
        # prometheus/sigv4 fields: the real 0.28 takes use_fips_sts_endpoint (0.25 refuses it; 0.26 and
        # 0.27 are unproven, so they are refused), only 0.33 takes service_name.
        Field("use_fips_sts_endpoint", "bool", since=(0, 28)),
        Field("service_name", since=(0, 33)),
    ),
    doc="AWS SigV4 signing; without keys the AWS default credential chain is used.",
)

INTEGRATION = Integration(
    channel_type="sns",
    native="sns_configs",
    since=(0, 24),
    summary="AWS SNS publish to a topic ARN, target ARN or phone number",
    docs_url="https://prometheus.io/docs/alerting/latest/configuration/#sns_config",
    fields=(
        Field("api_url", doc="SNS endpoint; defaults to the region's."),
        SIGV4,
        Field("topic_arn", "template"),
        Field("target_arn", "template"),
        Field("phone_number", "template"),
        Field("subject", "template"),
        Field("message", "template"),
        Field("attributes", "map", free_form=True),
        Field("use_aws_http_client", "bool", since=(0, 33)),
    ),
    requirements=(
        Requirement(
            ("topic_arn", "target_arn", "phone_number"),
            exactly_one=True,
            hint="set exactly one of topic_arn, target_arn, phone_number",
        ),
    ),
    # No global field, but without access_key the AWS SDK signs with the Alertmanager host's own
    # credentials (environment, shared files, instance or pod role; profile and role_arn only pick
    # among them): the platform's, like a global credential.
    inherits=(
        Inherit(("sigv4", "access_key"), (), "credential", unless=(("sigv4", "access_key"),),
                ambient="the Alertmanager host's AWS credentials",
                own=("sigv4.access_key", "sigv4.secret_key")),
    ),
    constraints=(
        Constraint(("sigv4", "access_key"), needs_any=(("sigv4", "secret_key"),),
                   reason="Alertmanager needs sigv4.access_key and sigv4.secret_key together",
                   hint="add secret_key (encrypted), or remove access_key"),
        Constraint(("sigv4", "secret_key"), needs_any=(("sigv4", "access_key"),),
                   reason="Alertmanager needs sigv4.access_key and sigv4.secret_key together",
                   hint="add access_key, or remove secret_key"),
        Constraint(("sigv4", "external_id"), needs_any=(("sigv4", "role_arn"),),
                   reason="Alertmanager takes sigv4.external_id only with role_arn", hint="add role_arn"),
    ),
    transport=(Transport(("api_url",)),),
    template_fields={"subject": "title", "message": "text"},
    example={"topic_arn": "arn:aws:sns:us-east-1:123456789012:alerts", "sigv4": {"region": "us-east-1"}},
)
