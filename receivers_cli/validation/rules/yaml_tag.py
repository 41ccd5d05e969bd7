"""R008 yaml-tag: no custom tags, merge keys or complex keys.

Tags such as ``!!python/object`` or ``!Ref`` and merge keys (``<<: *defaults``) hide what a file
really says; write the values out.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    acme:
      metadata: !!python/object {name: Acme}
"""

from receivers_cli.codes import R008
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R008, ValidationLevel.BASIC, "plain YAML only: no tags or merge keys", stage="load")
