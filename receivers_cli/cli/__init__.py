"""The command line: a thin Typer layer over :mod:`receivers_cli.api`; no business logic here."""

import os as _os

# Pydantic looks for third-party plugins (observability hooks) by scanning the metadata of every
# installed distribution the first time a model is built: 20 ms or more of each command's start,
# for hooks a command line never uses. Set before any model is imported; an explicit setting wins.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
