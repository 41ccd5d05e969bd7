"""R013 tenant-file-skipped: every file that looks like a tenant file is read as one.

Tenant files are ``tenants/<tenant>.yaml`` (or ``.yml``), directly in the tenant folder. A file in
a subfolder, or named ``.YAML`` or ``.json``, is not read; rather than drop that tenant (and send
its alerts to nobody) without a word, it is an error. Move the file, or out of the tenant folder.

PASS::

    acme:
      metadata: {name: Acme}

FAIL::

    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
    # file: tenants/archive/globex.yaml
    globex:
      metadata: {name: Globex}
"""

from receivers_cli.codes import R013
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R013, ValidationLevel.BASIC, "no tenant-looking file is left unread", stage="load"
)
