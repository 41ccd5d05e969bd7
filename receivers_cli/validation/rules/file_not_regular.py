"""R015 file-not-regular: tenant and platform files are regular files inside the repository.

A tenant file that is a symbolic link (to anything: ``/proc/self/environ``, a private key, another
tenant's file), a named pipe, a device or a socket, or a path that goes through a linked folder,
is refused before a single byte of it is read, so no message can quote what a link points to.
``receivers diff REV`` refuses links committed in a revision (git mode 120000) the same way.

This cannot be shown as a snippet: it is about the file, not its content.
"""

from receivers_cli.codes import R015
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R015, ValidationLevel.BASIC, "the file is a regular file, not a link", stage="load",
    testable=False,
)
