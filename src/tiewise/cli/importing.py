"""``tiewise import linkedin|vcard|csv|ics``, ``merge`` and ``unmerge``: getting people in, and
telling who is who."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiewise import model
from tiewise.cli.base import (
    JsonOption,
    State,
    _print_json,
    _state,
    app,
    console,
    find_contact,
)
from tiewise.display import number
from tiewise.errors import InputError

if TYPE_CHECKING:
    from tiewise.ingest.identity import MergeSuggestion

import_app = typer.Typer(
    help="Import LinkedIn, vCard, contact CSV and calendar exports.", no_args_is_help=True
)
app.add_typer(import_app, name="import")


# --- import


Files = Annotated[list[Path], typer.Argument(help="Files to import.")]


def _run_import(state: State, kind: str, paths: list[Path], as_json: bool, **options: Any) -> None:
    """Parse, write in one transaction, print the summary (or JSON)."""
    from rich.progress import Progress

    from tiewise.ingest.run import run_import

    show_progress = console.is_terminal and not as_json
    with Progress(console=console, transient=True, disable=not show_progress) as progress:
        task = progress.add_task(state.t("import.reading"), total=len(paths))
        summary = run_import(
            state.store,
            kind,
            paths,
            datetime.now(),
            progress=lambda path: progress.update(task, description=path.name, advance=1),
            writing=lambda: progress.update(task, description=state.t("import.writing")),
            **options,
        )
    if as_json:
        _print_json(summary.as_json())
        return
    _print_summary(state, summary)
    from tiewise.cli.sectors import print_import_hint  # after an import that added people

    print_import_hint(state, summary)


#: The columns of the import table: what became of the records read.
_COUNTS = ("read", "added", "updated", "unchanged", "merged", "skipped", "conflicts", "errors")
_SHOWN = 20  # merges, skips and conflicts listed in the terminal (all in --json)


def _print_summary(state: State, summary: Any) -> None:
    """One row per file and kind of record, adding up (``ingest/tally.py``), a total when
    there are several, what was merged into whom and why, what was skipped and why, the
    conflicts to review, then the warnings."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from tiewise.ingest.tally import KINDS, combined

    whole = lambda count: number(count, 0, state.language)  # noqa: E731

    headers = [state.t(f"import.{key}") for key in _COUNTS]
    rows: list[tuple[str, str, dict[str, int]]] = [
        (Path(found.file).name, kind, found.kinds[kind].counts())
        for found in summary.files
        for kind in sorted(found.kinds, key=KINDS.index)
    ]
    if len(rows) > 1:
        total = combined(f.total() for f in summary.files).counts()
        rows.append((state.t("import.total"), "", total))
    labels = ["  " + state.t(f"import.kind.{kind}") if kind else file for file, kind, _ in rows] + [
        Path(f.file).name for f in summary.files
    ]
    needed = max(map(len, labels), default=0) + sum(  # a file with nothing in it has no row
        max([len(header), *(len(whole(counts[k])) for _, _, counts in rows)]) + 2
        for header, k in zip(headers, _COUNTS, strict=True)
    )
    console.print(state.t("import.summary"), style="bold", highlight=False)
    if needed > console.width:  # too narrow for the table: one equation per file and kind
        shown = None
        for file, kind, counts in rows:
            if kind and file != shown:
                console.print(Text(file, style="bold"))
                shown = file
            parts = [f"{state.t(f'import.{k}')} {whole(counts[k])}" for k in _COUNTS]
            name = state.t(f"import.kind.{kind}") if kind else file
            console.print(f"  {name}: {parts[0]} = {' + '.join(parts[1:])}", highlight=False)
    else:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        table.add_column(state.t("import.file"), no_wrap=True)
        for header in headers:
            table.add_column(header, justify="right", no_wrap=True)
        shown = None
        for file, kind, counts in rows:
            if kind and file != shown:  # the file on a row of its own, then its kinds
                table.add_row(Text(file, style="bold"), *[""] * len(_COUNTS))
                shown = file
            name = "  " + state.t(f"import.kind.{kind}") if kind else file
            table.add_row(name, *(whole(counts[k]) for k in _COUNTS))
        console.print(table)
    console.print(state.t("import.adds_up"), highlight=False)
    console.print(
        state.t(
            "import.breakdown",
            contacts=summary.contacts,
            interactions=summary.interactions,
            links=summary.links,
        ),
        highlight=False,
    )
    for title, attribute in (
        ("import.merges", "merged"),
        ("import.skips", "skipped"),
        ("import.conflict_list", "conflicts"),
    ):
        entries = [
            (Path(found.file).name, entry)
            for found in summary.files
            for kind in found.kinds.values()
            for entry in getattr(kind, attribute)
        ]
        if not entries:
            continue
        console.print(state.t(title), highlight=False)
        for name, entry in entries[:_SHOWN]:
            console.print(Text(f"  {name}, {entry.said(state.language)}"), highlight=False)
        if len(entries) > _SHOWN:
            console.print(state.t("import.more_details", count=len(entries) - _SHOWN))
        if attribute == "conflicts":
            console.print(state.t("import.conflict_hint"), highlight=False)
    if summary.erased:
        console.print(state.t("import.erased", count=summary.erased))
    for warning in summary.errors[:20]:
        console.print(
            Text.assemble((state.t("import.warning"), "yellow"), f" {warning}"), highlight=False
        )
    if len(summary.errors) > 20:
        console.print(state.t("import.more_warnings", count=len(summary.errors) - 20))


@import_app.command("linkedin")
def import_linkedin(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="The export: a .zip, its folder, or single CSV files.")
    ],
    keep_message_text: Annotated[
        bool, typer.Option(help="Keep the text of messages (default: only who and when).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Import LinkedIn's "Download your data" export."""
    _run_import(_state(ctx), "linkedin", paths, as_json, keep_message_text=keep_message_text)


@import_app.command("vcard")
def import_vcard(ctx: typer.Context, files: Files, as_json: JsonOption = False) -> None:
    """Import vCard files (2.1, 3.0, 4.0) from a phone or address book."""
    _run_import(_state(ctx), "vcard", files, as_json)


@import_app.command("csv")
def import_csv(
    ctx: typer.Context,
    files: Files,
    csv_format: Annotated[
        str | None,
        typer.Option(
            "--format", help="google, google_legacy, outlook or generic (default: detect)."
        ),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="For generic CSV: FIELD=Column title (repeatable)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import a Google or Outlook contacts CSV, or any CSV with a column mapping."""
    pairs = {}
    for item in mapping or []:
        field_name, sep, column = item.partition("=")
        if not sep or not field_name.strip() or not column.strip():
            raise InputError(
                f"--map: expected FIELD=Column, found {item!r}",
                field="map",
                key="error.map",
                values={"found": item},
            )
        name = field_name.strip()
        pairs[name] = f"{pairs[name]}|{column.strip()}" if name in pairs else column.strip()
    _run_import(_state(ctx), "csv", files, as_json, csv_format=csv_format, mapping=pairs or None)


@import_app.command("ics")
def import_ics(
    ctx: typer.Context,
    files: Files,
    event_category: Annotated[
        list[str] | None,
        typer.Option(
            help="A category you give networking events in your calendar (repeatable): entries "
            "with it are events whatever else they say."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import calendars (.ics): meetings, who was there, and networking events (on evidence:
    see docs/capture.md; review them with tiewise events series)."""
    _run_import(_state(ctx), "ics", files, as_json, event_categories=event_category or [])


# --- who is who


def _describe_contact(contact: model.Contact) -> str:
    ids = ", ".join(i.value for i in contact.identifiers[:3])
    return f"{contact.id} {contact.name} — {contact.organisation or '—'} — {ids or '—'}"


def _merge_evidence(state: State, suggestion: MergeSuggestion) -> str:
    """ "score 1.0: same name (…); same organisation (…); different e-mail addresses … (speaks
    against)" — the evidence for and against in the user's language."""
    score = state.t("merge.score", score=suggestion.score)
    return f"{score}: " + "; ".join(suggestion.reasons_in(state.language))


@app.command()
def merge(
    ctx: typer.Context,
    contacts: Annotated[
        list[str] | None,
        typer.Argument(help="Two contacts (id or name): the second joins the first."),
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List suggested merges.")] = False,
    review: Annotated[bool, typer.Option("--review", help="Decide on each suggestion.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Merge two contacts, or list and review suggested merges."""
    from tiewise.ingest import merging

    state = _state(ctx)
    if contacts:
        if len(contacts) != 2:
            raise InputError(
                f"merge: expected two contacts, found {len(contacts)}",
                key="error.merge_two",
                values={"count": len(contacts)},
            )
        survivor, merged = (find_contact(state, c) for c in contacts)
        merging.merge(state.store, survivor.id, merged.id, datetime.now())  # type: ignore[arg-type]
        console.print(state.t("merge.done", merged=merged.name, survivor=survivor.name))
        return
    suggestions, by_id = merging.suggestions(state.store)
    if as_json or list_only:
        rows = [
            {
                **s.to_json(state.language),
                "name_a": by_id[s.contact_a].name,
                "name_b": by_id[s.contact_b].name,
            }
            for s in suggestions
        ]
        if as_json:
            _print_json(rows)
            return
        for row, suggestion in zip(rows, suggestions, strict=True):
            console.print(
                f"{row['contact_a']} {row['name_a']}  ⟷  {row['contact_b']} "
                f"{row['name_b']}  — {_merge_evidence(state, suggestion)}",
                highlight=False,
            )
        if not rows:
            console.print(state.t("merge.none"))
        return
    if not review:
        raise InputError("merge: give two contacts, --list or --review", key="error.merge_how")
    for suggestion in suggestions:
        a, b = by_id[suggestion.contact_a], by_id[suggestion.contact_b]
        console.print(f"\n  {_describe_contact(a)}\n  {_describe_contact(b)}", highlight=False)
        console.print("  " + _merge_evidence(state, suggestion), highlight=False)
        answer = typer.prompt(state.t("merge.prompt"), default="s").strip().lower()[:1]
        if answer == "q":
            break
        if answer == "m":
            merging.merge(state.store, a.id, b.id, datetime.now())  # type: ignore[arg-type]
        elif answer == "k":
            merging.keep_apart(state.store, a.id, b.id, datetime.now())  # type: ignore[arg-type]
    else:
        if not suggestions:
            console.print(state.t("merge.none"))


@app.command()
def unmerge(
    ctx: typer.Context,
    contact_id: Annotated[int, typer.Argument(help="Id of a merged contact (or of the survivor).")],
) -> None:
    """Undo a merge: both contacts come back with all their history."""
    from tiewise.ingest import merging

    state = _state(ctx)
    restored = merging.unmerge(state.store, contact_id, datetime.now())
    console.print(state.t("unmerge.done", ids=", ".join(map(str, restored))))
