"""The command line: a thin Typer layer over :mod:`receivers_cli.api`; no business logic here."""

import os as _os
import signal as _signal
import sys as _sys


# Installed before anything heavy is imported (only os, signal and sys are loaded so far): Ctrl-C
# while Typer and friends load prints one line and exits 130 instead of a KeyboardInterrupt
# traceback. main() replaces it with the handler that unwinds (removing staging on the way out).
def _early(signum: int, frame: object) -> None:
    _sys.stderr.write("interrupted\n")
    _os._exit(128 + signum)


for _signum in (_signal.SIGINT, _signal.SIGTERM):
    try:
        _signal.signal(_signum, _early)
    except ValueError:  # imported from a thread other than the main one (the Python API): leave it
        break
