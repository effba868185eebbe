"""``tiewise export``: all my data (or one person's) in open formats, or, with ``--anonymous``,
my network for someone else's study."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tiewise.cli.base import JsonOption, _print_json, _state, app, console, find_contact
from tiewise.errors import InputError


@app.command()
def export(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="The folder to write the files into.")],
    contact: Annotated[
        str | None,
        typer.Option("--contact", help="Only what is stored about this person (name or id)."),
    ] = None,
    anonymous: Annotated[
        bool,
        typer.Option(
            "--anonymous",
            help="For a study: egos.csv, alters.csv, alter_ties.csv; no names, e-mails or free "
            "text; random stable ids.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Export all my data (tiewise.json and contacts.vcf), one person's data, or my network
    anonymised for a study."""
    state = _state(ctx)
    if anonymous and contact:
        raise InputError(
            "--contact: expected it without --anonymous, found both",
            field="contact",
            key="error.contact_anonymous",
        )
    if anonymous:
        from tiewise.research.export import export_anonymous

        paths = export_anonymous(state.store, folder)
    else:
        from tiewise.export import export_data

        paths = export_data(state.store, folder, find_contact(state, contact) if contact else None)
    if as_json:
        _print_json({"files": [str(p) for p in paths]})
        return
    console.print(", ".join(str(p) for p in paths), markup=False, highlight=False)
