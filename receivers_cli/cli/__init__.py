"""The command line: a thin Typer layer over :mod:`receivers_cli.api`; no business logic here."""
