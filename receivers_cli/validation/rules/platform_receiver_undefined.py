"""R122 platform-receiver-undefined: platform references name platform receivers.

``default_receiver`` and ``observers[].receiver`` in ``receivers.yaml`` name receivers defined under
its own ``receivers:``.

PASS::

    # file: receivers.yaml
    receivers:
      - {name: unrouted, channel_type: webhook, config: {url: "https://example.com/sink"}}
    default_receiver: unrouted

FAIL::

    # file: receivers.yaml
    receivers:
      - {name: unrouted, channel_type: webhook, config: {url: "https://example.com/sink"}}
    default_receiver: sink
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
"""

from receivers_cli.codes import R122
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R122,
    ValidationLevel.STANDARD,
    "default_receiver and observers exist",
    stage="platform",
)
