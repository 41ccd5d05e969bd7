"""R160 value-out-of-range: numbers in ``config`` fit the Alertmanager field that reads them.

Alertmanager reads ``max_alerts`` as an unsigned number (``-1`` makes it refuse the whole config)
and ids like Telegram's ``chat_id`` as 64-bit numbers; a value outside that range is refused.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: hook
          channel_type: webhook
          config: {url: "https://example.com/a", max_alerts: 0}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: hook
          channel_type: webhook
          config: {url: "https://example.com/a", max_alerts: -1}
"""

from receivers_cli.codes import R160
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R160, ValidationLevel.STANDARD, "numbers fit their Alertmanager field", stage="integration",
)
