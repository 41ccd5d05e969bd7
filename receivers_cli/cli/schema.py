"""``receivers schema``: write the JSON Schemas of tenant and platform files into ``schemas/``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from receivers_cli.cli.common import EXIT_OK, EXIT_PROBLEMS
from receivers_cli.report.words import plural


def schema(
    out: Path = typer.Option(Path("schemas"), "--out", help="Folder to write the schemas into."),
    check: bool = typer.Option(False, "--check", help="Exit 1 when the files in --out are not current."),
) -> None:
    """Write tenant.schema.json and platform.schema.json (generated from the models) into --out."""
    from receivers_cli.validation.schema import render_schemas, write_schemas

    if check:
        stale = [
            name for name, text in render_schemas().items()
            if not (out / name).exists() or (out / name).read_text("utf-8") != text
        ]
        if stale:
            sys.stderr.write(f"stale schemas in {out}: {', '.join(stale)}; run `receivers schema --out {out}`\n")
            raise typer.Exit(EXIT_PROBLEMS)
        sys.stdout.write(f"{out} is up to date\n")
        raise typer.Exit(EXIT_OK)
    changed = write_schemas(out)
    sys.stdout.write(f"wrote {plural(len(changed), 'changed schema file')} into {out}/\n")
