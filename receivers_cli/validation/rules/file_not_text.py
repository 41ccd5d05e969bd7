"""R002 file-not-text: a tenant file is UTF-8 text.

A NUL byte means a binary file (an image or archive committed by mistake); any other byte that is
not valid UTF-8 means the file was saved in another encoding (Latin-1, UTF-16). The location
points at the first offending byte. A UTF-8 byte-order mark is accepted and ignored.

Not shown as a snippet: the failing input is bytes, not text.
"""

from receivers_cli.codes import R002
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R002, ValidationLevel.BASIC, "the file is UTF-8 text", stage="load", testable=False)
