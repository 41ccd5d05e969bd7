"""R001 file-unreadable: the file cannot be read.

A path given on the command line does not exist, is a folder that is not a tenant folder, or
cannot be opened (permissions). The message carries the operating system's reason.

This cannot be shown as a snippet: it is about the file, not its content.
"""

from receivers_cli.codes import R001
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R001, ValidationLevel.BASIC, "the file can be read", stage="load", testable=False)
