"""R207 file-field-forbidden: tenants do not set *_file fields.

A ``*_file`` field makes Alertmanager read a file on its host; a tenant could point one at any
file there. Put the value itself in the tenant file, encrypted (``receivers secrets encrypt``).

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

from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    "R207", "file-field-forbidden", ValidationLevel.STANDARD, "no *_file fields in tenant files", stage="integration",
)
