"""R208 settings-conflict: settings of one receiver that Alertmanager refuses together.

Alertmanager's own cross-field rules, declared next to each integration's fields
(:class:`receivers_cli.integrations.vocabulary.Constraint`) and, for every receiver with an
``http_config``, the HTTP client's: one way of authenticating, oauth2 with its client_id and
token_url, a client certificate with its key (0.28+), ``no_proxy`` only with ``proxy_url``. The
real ``amtool check-config`` of the target version refuses each of these; the message says which
rule it is and names the field.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: hook
          channel_type: webhook
          config: {url: "https://hooks.example.com/x", http_config: {bearer_token: "${TOKEN}"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: hook
          channel_type: webhook
          config:
            url: "https://hooks.example.com/x"
            http_config: {bearer_token: "${TOKEN}", basic_auth: {username: a, password: "${PASS}"}}
"""

from receivers_cli.codes import R208
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R208, ValidationLevel.STANDARD, "settings Alertmanager refuses together",
            stage="integration")
