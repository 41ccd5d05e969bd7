"""The command line: a thin Typer layer over :mod:`receivers_cli.api`; no business logic here."""

# Installed before anything heavy is imported: Ctrl-C while Typer and friends load prints one line
# and exits 130 instead of a KeyboardInterrupt traceback. main() switches to unwinding mode.
from receivers_cli.fileops import install_signal_handlers as _install

_install(raising=False)
