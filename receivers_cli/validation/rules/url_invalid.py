"""R105 url-invalid: URL fields hold http(s) URLs with a host.

Checked for every field the integration declares as a URL (``api_url``, ``url``, ``webhook_url``...).
A ``${VAR}`` or ``ENC[...]`` value is checked when render resolves it.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "https://example.com/a"}}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: hook, channel_type: webhook, config: {url: "example.com/a"}}
"""

from receivers_cli.codes import R105
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R105, ValidationLevel.STANDARD, "URLs are http(s) with a host", stage="integration")
