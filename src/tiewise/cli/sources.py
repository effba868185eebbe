"""``tiewise sources add|list|remove|suggestions|accept|dismiss`` and ``tiewise sync``: sources
that stay current (mbox, Maildir; see docs/sources.md). The work is in ``tiewise/sources/``;
this module parses, calls and prints."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiewise.cli.base import (
    JsonOption,
    State,
    _print_json,
    _said,
    _state,
    app,
    console,
    error_console,
)
from tiewise.display import day, number

if TYPE_CHECKING:
    from tiewise.sources.sync import SyncSummary
    from tiewise.store.sources import SourceRow

sources_app = typer.Typer(
    help="Sources that stay current: mbox files, Maildirs and IMAP accounts read again and again.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")
add_app = typer.Typer(
    help="Add a source: an mbox file or folder, a Maildir or an IMAP account.",
    no_args_is_help=True,
)
sources_app.add_typer(add_app, name="add")

NameOption = Annotated[
    str | None,
    typer.Option("--name", help="What to call the source (default: the file or folder name)."),
]
#: The reasons a message is left out, in the order the summary lists them.
_REASONS = (
    "list",
    "newsletter",
    "bulk",
    "no_reply",
    "automated",
    "spam",
    "draft",
    "deleted",
    "no_date",
    "no_sender",
    "to_yourself",
    "erased",
)


def _now() -> datetime:
    """Now, as tiewise keeps times: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def _when(state: State, moment: datetime | None) -> str:
    if moment is None:
        return state.t("sources.never")
    return day(moment, state.language) + " UTC"  # tiewise keeps times in UTC


def _whole(state: State, count: int) -> str:
    return number(count, 0, state.language)


def _secret(state: State, where: str, name: str = "") -> str:
    if where == "none":
        return state.t("sources.secret.none")
    if where == "keyring":
        return state.t("sources.secret.keyring", name=name)
    if where == "prompt":
        return state.t("sources.secret.prompt")
    if where.startswith("env:"):
        return state.t("sources.secret.env", variable=where.removeprefix("env:"))
    return where


def _reads(source: SourceRow) -> str:
    """What a source reads: its path, or its IMAP account."""
    if source.kind == "imap":
        from tiewise.sources.imap import where

        return where(source.settings)
    return source.settings.get("path", "")


def _source_json(source: SourceRow) -> dict[str, Any]:
    return {
        "name": source.name,
        "kind": source.kind,
        "reads": _reads(source) or None,
        "settings": source.settings,
        "secret": source.secret,
        "created": source.created_at,
        "last_sync": source.synced_at,
        "last_error": source.last_error,
        "counts": source.counts,
    }


def _add(ctx: typer.Context, kind: str, path: Path, name: str | None, as_json: bool) -> None:
    from tiewise.sources import registry

    state = _state(ctx)
    source = registry.add(state.store, kind, path, name, _now())
    if as_json:
        _print_json(_source_json(source))
        return
    console.print(
        state.t("sources.added", name=source.name, kind=kind, path=source.settings["path"]),
        highlight=False,
        markup=False,
    )


@add_app.command("mbox")
def add_mbox(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            help="An mbox file (Google Takeout's .mbox) or a folder of them (a Thunderbird "
            "profile's Mail/Local Folders or ImapMail/<server>)."
        ),
    ],
    name: NameOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an mbox file or a folder of mbox files; tiewise sync reads it."""
    _add(ctx, "mbox", path, name, as_json)


@add_app.command("maildir")
def add_maildir(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="A Maildir: a folder with cur and new (its .Sub folders too).")
    ],
    name: NameOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a Maildir (with its Maildir++ subfolders); tiewise sync reads it."""
    _add(ctx, "maildir", path, name, as_json)


def _ask_password(state: State) -> Any:
    """A hidden prompt for a source's password, in the user's language (on a terminal)."""

    def ask(name: str) -> str:
        return typer.prompt(state.t("sources.imap.password_prompt", name=name), hide_input=True)

    return ask


@add_app.command("imap")
def add_imap(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="The IMAP server (imap.example.org).")],
    port: Annotated[
        int | None, typer.Option("--port", help="Its port (default 993; 143 with --starttls).")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="The login name.")] = None,
    folders: Annotated[
        str | None,
        typer.Option(
            "--folders",
            help="Folders to read, separated by commas (INBOX,Sent); default: every folder but "
            "drafts, templates, spam and unsent mail.",
        ),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option("--since", formats=["%Y-%m-%d"], help="Read only mail from this day on."),
    ] = None,
    starttls: Annotated[
        bool, typer.Option("--starttls", help="Plain IMAP upgraded with STARTTLS (port 143).")
    ] = False,
    ca_file: Annotated[
        Path | None,
        typer.Option(
            "--ca-file", help="Trust only the certificates in this PEM file (a private server)."
        ),
    ] = None,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            help="Take the password from this environment variable at each sync (no keyring).",
        ),
    ] = None,
    prompt: Annotated[
        bool, typer.Option("--prompt", help="Ask for the password at each sync; keep it nowhere.")
    ] = False,
    name: Annotated[
        str | None, typer.Option("--name", help="What to call the source (default: the host).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add an IMAP account: only the headers of its mail are read. The password goes to the
    system's keyring, never into the database (without a keyring: TIEWISE_SECRET_<NAME>,
    --password-env or --prompt)."""
    from tiewise.sources import imap, secrets

    state = _state(ctx)
    ask = _ask_password(state) if console.is_terminal else None
    secrets.ASK = ask
    source = imap.add(
        state.store,
        host,
        _now(),
        name=name,
        port=port,
        user=user,
        folders=folders.split(",") if folders else None,
        since=since.date() if since else None,
        starttls=starttls,
        ca_file=str(ca_file) if ca_file else None,
        password_env=password_env,
        prompt=prompt,
        ask=ask,
    )
    if as_json:
        _print_json(_source_json(source))
        return
    console.print(
        state.t("sources.added", name=source.name, kind="imap", path=_reads(source)),
        highlight=False,
        markup=False,
    )
    console.print(
        "  " + state.t("sources.list.secret", secret=_secret(state, source.secret, source.name)),
        highlight=False,
        markup=False,
    )


@sources_app.command("list")
def sources_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every source: what it reads, the last sync, its counts, the last error, and where its
    secret lives."""
    from rich.text import Text

    from tiewise.sources import registry

    state = _state(ctx)
    found = registry.list_sources(state.store)
    if as_json:
        _print_json({"sources": [_source_json(source) for source in found]})
        return
    if not found:
        console.print(state.t("sources.none"), highlight=False, markup=False)
        return
    for source in found:  # a block per source: paths are long, terminals narrow
        counts = source.counts
        console.print(
            Text.assemble((source.name, "bold"), f" ({source.kind}) — {_reads(source)}"),
            highlight=False,
        )
        say = lambda key, **values: console.print(  # noqa: E731
            "  " + state.t(key, **values), highlight=False, markup=False
        )
        say("sources.list.synced", when=_when(state, source.synced_at))
        console.print(
            "  "
            + state.p(
                "sources.list.counts",
                counts.get("messages", 0),
                messages=_whole(state, counts.get("messages", 0)),
                interactions=_whole(state, counts.get("interactions", 0) + counts.get("known", 0)),
                left_out=_whole(state, sum(counts.get("left_out", {}).values())),
                contacts=_whole(state, counts.get("contacts", 0)),
                suggestions=_whole(state, counts.get("suggestions", 0)),
            ),
            highlight=False,
            markup=False,
        )
        say("sources.list.secret", secret=_secret(state, source.secret, source.name))
        if source.last_error:
            say("sources.list.error", error=source.last_error)


def _print_sync(state: State, summary: SyncSummary) -> None:
    say = lambda key, **values: console.print(  # noqa: E731
        state.t(key, **values), highlight=False, markup=False
    )
    whole = lambda count: _whole(state, count)  # noqa: E731
    console.print(
        state.p(
            "sources.sync.read",
            summary.messages,
            name=summary.source,
        ),
        highlight=False,
        markup=False,
    )
    if not summary.messages and not summary.promoted:
        say("sources.sync.nothing_new")
        return
    say("sources.sync.correspondence", sent=whole(summary.sent), received=whole(summary.received))
    say("sources.sync.interactions", count=whole(summary.interactions))
    if summary.known:
        say("sources.sync.known", count=whole(summary.known))
    if summary.duplicates:
        say("sources.sync.duplicates", count=whole(summary.duplicates))
    left = [(reason, summary.left_out[reason]) for reason in _REASONS if summary.left_out[reason]]
    if left:
        listed = ", ".join(f"{state.t(f'sources.reason.{r}')} {whole(n)}" for r, n in left)
        say("sources.sync.left_out", count=whole(sum(n for _, n in left)), reasons=listed)
    say("sources.sync.contacts", count=whole(summary.contacts))
    if summary.suggestions or summary.suggested:
        say(
            "sources.sync.suggestions",
            count=whole(summary.suggestions),
            messages=whole(summary.suggested),
        )
    if summary.promoted:
        console.print(
            state.p(
                "sources.sync.promoted",
                summary.promoted_messages,
                people=whole(summary.promoted),
                messages=whole(summary.promoted_messages),
            ),
            highlight=False,
            markup=False,
        )


@app.command("sync")
def sync_command(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="The source to read (default: every source).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read what is new in a source (or every source): mail becomes contact moments with
    the people you write with; people who only wrote to you become suggestions."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from tiewise.errors import TiewiseError
    from tiewise.sources import registry
    from tiewise.sources.sync import sync

    state = _state(ctx)
    if console.is_terminal:  # a source whose password is asked for at each sync
        from tiewise.sources import secrets

        secrets.ASK = _ask_password(state)
    names = [name] if name is not None else [s.name for s in registry.list_sources(state.store)]
    if name is None and not names:
        if as_json:
            _print_json({"sources": [], "errors": []})
        else:
            console.print(state.t("sources.none"), highlight=False, markup=False)
        return
    show = console.is_terminal and not as_json
    done: list[SyncSummary] = []
    failed: list[TiewiseError] = []
    for chosen in names:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            console=console,
            transient=True,
            disable=not show,
        ) as progress:
            task = progress.add_task(state.t("sources.sync.reading", name=chosen), total=None)

            def advance(batch: Any, task: Any = task, progress: Any = progress) -> None:
                progress.update(task, total=batch.total or None, completed=batch.done)

            try:
                summary = sync(state.store, chosen, _now(), progress=advance)
            except TiewiseError as error:
                if name is not None:
                    raise
                failed.append(error)
                error_console.print(
                    f"{state.t('error')}: {_said(error, state.language)}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
                continue
        done.append(summary)
        if not as_json:
            _print_sync(state, summary)
    if as_json:
        _print_json(
            {
                "sources": [summary.as_json() for summary in done],
                "errors": [str(error) for error in failed],
            }
        )
    if failed:
        raise typer.Exit(2)


@sources_app.command("remove")
def sources_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The source's name (see tiewise sources list).")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Remove; without it, only show what would go.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Remove a source and what it brought: its contact moments, the contacts only it made
    and its suggestions. Notes, stories and ratings are never erased: a contact you wrote
    about stays."""
    from tiewise.sources import registry

    state = _state(ctx)
    removal = registry.remove(state.store, name, dry_run=not yes)
    if as_json:
        _print_json(removal.as_json())
        return
    say = lambda key, **values: console.print(  # noqa: E731
        state.t(key, **values), highlight=False, markup=False
    )
    whole = lambda count: _whole(state, count)  # noqa: E731
    say("sources.remove.title" if yes else "sources.remove.title_dry", name=removal.name)
    say("sources.remove.interactions", count=whole(removal.interactions))
    say("sources.remove.contacts", count=whole(removal.contacts))
    say("sources.remove.suggestions", count=whole(removal.suggestions))
    if removal.kept_contacts:
        say("sources.remove.kept", count=whole(removal.kept_contacts))
    say("sources.remove.never_erased")
    say("sources.remove.done" if yes else "sources.remove.dry_run", name=removal.name)


@sources_app.command("suggestions")
def sources_suggestions(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="Dismissed suggestions too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """People who only wrote to you (you never wrote to them): accept them as contacts, or
    dismiss them."""
    from rich.table import Table

    from tiewise.sources.sync import suggestions

    state = _state(ctx)
    found = suggestions(state.store, every)
    if as_json:
        _print_json(
            {
                "suggestions": [
                    {
                        "id": x.id,
                        "name": x.name,
                        "email": x.email,
                        "status": x.status,
                        "messages": x.messages,
                        "first": x.first,
                        "last": x.last,
                        "sources": list(x.sources),
                    }
                    for x in found
                ]
            }
        )
        return
    if not found:
        console.print(state.t("sources.suggestions.none"), highlight=False, markup=False)
        return
    table = Table(highlight=False)
    table.add_column(state.t("sources.col.id"), justify="right")
    table.add_column(state.t("sources.col.name"))
    table.add_column(state.t("sources.col.email"))
    table.add_column(state.t("sources.col.messages"), justify="right")
    table.add_column(state.t("sources.col.last"))
    if every:
        table.add_column(state.t("sources.col.status"))
    for x in found:
        row = [
            str(x.id),
            x.name or "—",
            x.email,
            _whole(state, x.messages),
            day(x.last.date() if x.last else None, state.language),
        ]
        if every:
            row.append(state.t(f"sources.status.{x.status}"))
        table.add_row(*row)
    console.print(table)
    console.print(state.t("sources.suggestions.hint"), highlight=False, markup=False)


Suggested = Annotated[list[str], typer.Argument(help="Suggestions: their ids or e-mail addresses.")]


@sources_app.command("accept")
def sources_accept(ctx: typer.Context, suggestions: Suggested) -> None:
    """Accept suggestions: each becomes a contact, and the messages waiting become contact
    moments."""
    from tiewise.sources.sync import accept

    state = _state(ctx)
    chosen, messages = accept(state.store, suggestions, _now())
    console.print(
        state.p(
            "sources.accepted",
            messages,
            names=", ".join(x.name or x.email for x in chosen),
        ),
        highlight=False,
        markup=False,
    )


@sources_app.command("dismiss")
def sources_dismiss(ctx: typer.Context, suggestions: Suggested) -> None:
    """Dismiss suggestions: they are not suggested again (writing to them one day makes them
    contacts after all)."""
    from tiewise.sources.sync import dismiss

    state = _state(ctx)
    chosen = dismiss(state.store, suggestions)
    console.print(
        state.t("sources.dismissed", names=", ".join(x.name or x.email for x in chosen)),
        highlight=False,
        markup=False,
    )
