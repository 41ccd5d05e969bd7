"""R003 file-too-large: a file is at most 1 MiB.

A tenant file is a few KiB; anything over 1 MiB (``MAX_FILE_BYTES``) is refused before it is read,
so a generated or corrupted file cannot slow every check down.

Not shown as a snippet: the failing input is a megabyte long.
"""

from receivers_cli.codes import R003
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(R003, ValidationLevel.BASIC, "files are at most 1 MiB", stage="load", testable=False)
