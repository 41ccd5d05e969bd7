"""R161 key-case-duplicate: email ``headers`` has each header once, whatever its case.

Alertmanager canonicalises header names (``subject`` → ``Subject``) and refuses the whole
config when two of them become the same (``duplicate header "Subject" in email config``).

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: mail
          channel_type: email
          config:
            to: team@example.com
            from: am@example.com
            smarthost: smtp.example.com:587
            headers: {Subject: "Alert", X-Team: acme}

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - name: mail
          channel_type: email
          config:
            to: team@example.com
            from: am@example.com
            smarthost: smtp.example.com:587
            headers: {Subject: "Alert", subject: "other"}
"""

from receivers_cli.codes import R161
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R161, ValidationLevel.STANDARD, "email headers are unique without case",
    stage="integration",
)
