"""The ``tiewise`` command line (Typer + Rich). Presentation only: it reads and writes through the
store, computes through ``analysis``/``advice``, and prints.

Parsers, the demo generator and rapidfuzz are imported inside the commands that need them, so
that every other command starts fast (see docs/decisions.md).

Errors a user can cause (a bad file, an unknown name) are :class:`~tiewise.errors.TiewiseError`;
they are printed as one clear line on stderr and end the command with exit status 2.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from typer.core import TyperGroup

from tiewise import model
from tiewise.analysis.fit import goal_class, goal_label
from tiewise.analysis.profile import analyze as analyze_profile
from tiewise.analysis.strength import rating_order, tie_strength
from tiewise.errors import InputError, NotFoundError, TiewiseError
from tiewise.i18n import LANGUAGES, text
from tiewise.identifiers import identifier
from tiewise.model import IdentifierKind as IK
from tiewise.report.text import render_analysis, render_report
from tiewise.snapshot import Snapshot, load_snapshot
from tiewise.store import Store
from tiewise.store import repository as repo
from tiewise.store.database import default_database

error_console = Console(stderr=True)


class _Group(TyperGroup):
    """The root command group: a TiewiseError becomes one line on stderr and exit status 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TiewiseError as error:
            language = ctx.obj.language if isinstance(ctx.obj, State) else "en"
            error_console.print(
                f"{text('error', language)}: {error}", markup=False, highlight=False, soft_wrap=True
            )
            raise typer.Exit(2) from error


@dataclass
class State:
    db: str
    language: str
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db)
        return self._store

    def t(self, key: str, **values: object) -> str:
        return text(key, self.language, **values)


app = typer.Typer(
    cls=_Group,
    help="tiewise — goal-driven, selective networking: whom to invest in, whom to let go, "
    "which events to skip.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
contact_app = typer.Typer(help="Show, add and edit one contact.", no_args_is_help=True)
app.add_typer(contact_app, name="contact")
import_app = typer.Typer(
    help="Import LinkedIn, vCard, contact CSV and calendar exports.", no_args_is_help=True
)
app.add_typer(import_app, name="import")
goals_app = typer.Typer(help="Name your networking goals: the catalogue, add, list, remove.")
app.add_typer(goals_app, name="goals")

console = Console()


def _state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="TIEWISE_DB", help="Database file or SQLAlchemy URL."),
    ] = None,
    lang: Annotated[
        str,
        typer.Option("--lang", envvar="TIEWISE_LANG", help="Language of the output: en or nl."),
    ] = "en",
) -> None:
    if lang not in LANGUAGES:
        raise typer.BadParameter(
            f"expected one of {', '.join(LANGUAGES)}, found {lang!r}", param_hint="--lang"
        )
    ctx.obj = State(db=db or os.fspath(default_database()), language=lang)
    ctx.call_on_close(lambda: ctx.obj._store.close() if ctx.obj._store else None)


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _snapshot(state: State) -> Snapshot:
    """The user's Snapshot, then frozen out of the garbage collector's sight: a command is a
    short-lived process that keeps the Snapshot to the end, and rescanning its several hundred
    thousand records at every later collection cost 0.1–0.3 s per command at 35,000 contacts."""
    snapshot = load_snapshot(state.store)
    gc.freeze()
    return snapshot


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InputError(f"{option}: expected a date YYYY-MM-DD, found {value!r}") from error


# --- demo and report


@app.command()
def demo(
    ctx: typer.Context,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same network.")
    ] = 1,
    today: Annotated[
        str | None, typer.Option(help="Pretend today is this date (YYYY-MM-DD).")
    ] = None,
    charts: Annotated[
        Path | None,
        typer.Option(help="Folder for the event charts (default: beside the database file)."),
    ] = None,
) -> None:
    """Build the demo network (a design studio in Nijmegen) and print the report."""
    from tiewise.demo import build_demo

    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    build_demo(state.store, seed=seed, today=as_of)
    console.print(state.t("demo.written", seed=seed, db=state.db))
    console.print()
    folder = charts or _charts_beside(state.db)
    render_report(analyze_profile(_snapshot(state), as_of), state.language, console, folder)


def _charts_beside(db: str) -> Path | None:
    """``NAME-charts/`` beside a database file; ``None`` for a database URL."""
    if "://" in db or db == ":memory:":
        return None
    path = Path(db)
    return path.with_name(f"{path.stem}-charts")


@app.command()
def report(
    ctx: typer.Context,
    today: Annotated[str | None, typer.Option(help="Report as of this date (YYYY-MM-DD).")] = None,
    charts: Annotated[
        Path | None, typer.Option(help="Write the event charts (SVG and PNG) into this folder.")
    ] = None,
) -> None:
    """Print the strategy report for your network."""
    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    render_report(analyze_profile(_snapshot(state), as_of), state.language, console, charts)


@app.command()
def analyze(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Annotated[str | None, typer.Option(help="Analyse as of this date (YYYY-MM-DD).")] = None,
) -> None:
    """Tie strength, clusters, bridges, structural holes, Dunbar layers and diversity."""
    state = _state(ctx)
    profile = analyze_profile(_snapshot(state), _parse_date(today, "--today") or date.today())
    if as_json:
        _print_json(profile.to_json(state.language))
        return
    render_analysis(profile, state.language, console)


# --- contacts


def _contact_rows(snapshot: Snapshot, today: date) -> list[dict[str, Any]]:
    """One dictionary per contact (aligned with ``snapshot.contacts``): what ``contacts --json``
    promises (see README)."""
    strength = tie_strength(snapshot, today)
    rows = []
    for i, contact in enumerate(snapshot.contacts):
        tie = snapshot.ties[i]
        last = snapshot.last_interaction[i]
        urls = contact.values(IK.PROFILE_URL)
        rows.append(
            {
                "id": contact.id,
                "name": contact.name,
                "organisation": contact.organisation,
                "role": contact.role,
                "sector": contact.sector,
                "region": contact.region,
                "emails": list(contact.values(IK.EMAIL)),
                "phones": list(contact.values(IK.PHONE)),
                "profile_url": f"https://{urls[0]}" if urls else None,
                "closeness": tie.closeness,
                "contexts": list(tie.contexts),
                "status": tie.status.value,
                "tie_class": str(strength.tie_class[i]),
                "strength": round(float(strength.score[i]), 4),
                "why": strength.explain(i),
                "interaction_count": int(snapshot.interaction_counts[i]),
                "last_interaction": None if np.isnat(last) else str(last.astype("datetime64[D]")),
            }
        )
    return rows


Today = Annotated[str | None, typer.Option(help="Compute as of this date (YYYY-MM-DD).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def contacts(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Today = None,
) -> None:
    """List your contacts with tie strength and interactions."""
    state = _state(ctx)
    rows = _contact_rows(_snapshot(state), _parse_date(today, "--today") or date.today())
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print(state.t("contacts.none"))
        return
    table = Table()
    for key, justify in (
        ("col.id", "right"),
        ("col.name", "left"),
        ("col.organisation", "left"),
        ("col.class", "left"),
        ("col.strength", "right"),
        ("col.interactions", "right"),
        ("col.last", "left"),
    ):
        table.add_column(state.t(key), justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["name"],
            row["organisation"] or "",
            state.t(f"class.{row['tie_class']}") if row["tie_class"] else "—",
            "—" if row["strength"] is None else f"{row['strength']:.2f}",
            str(row["interaction_count"]),
            row["last_interaction"] or "—",
        )
    console.print(table)


def find_contact(state: State, name: str) -> model.Contact:
    """The one contact a user means by ``name`` (see ``repository.find_contact``)."""
    with state.store.connect() as connection:
        return repo.find_contact(connection, name)


@contact_app.command("show")
def contact_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Today = None,
) -> None:
    """Show one contact: identifiers, tie strength and why, notes and stories."""
    state = _state(ctx)
    contact = find_contact(state, name)
    as_of = _parse_date(today, "--today") or date.today()
    snapshot = _snapshot(state)
    index = snapshot.index_of(contact.id)  # a merged-away id shows the person it belongs to
    row = _contact_rows(snapshot, as_of)[index]
    contact, tie = snapshot.contacts[index], snapshot.ties[index]
    notes = [n for n in snapshot.notes if snapshot.index_of(n.contact_id) == index]
    row["met_how"] = tie.met_how
    row["met_on"] = tie.met_on.isoformat() if tie.met_on else None
    row["notes"] = [
        {"kind": n.kind.value, "text": n.text, "written_at": n.written_at.isoformat()}
        for n in notes
    ]
    if as_json:
        _print_json(row)
        return
    t = state.t
    console.print(f"[bold]{contact.name}[/bold]  (id {contact.id})")
    console.print(
        " · ".join(
            x for x in (contact.role, contact.organisation, contact.sector, contact.region) if x
        )
    )
    console.print(
        f"[bold]{t('show.identifiers')}[/bold]: "
        + ", ".join(f"{i.kind.value} {i.value}" for i in contact.identifiers)
    )
    parts = []
    if row["closeness"] is not None:
        parts.append(t("show.closeness", value=row["closeness"]))
    if row["contexts"]:
        parts.append(t("show.contexts", value=", ".join(row["contexts"])))
    if row["met_how"] or row["met_on"]:
        parts.append(t("show.met", value=" ".join(x for x in (row["met_how"], row["met_on"]) if x)))
    parts.append(t("show.status", value=row["status"]))
    console.print(f"[bold]{t('show.tie')}[/bold]: " + "; ".join(parts))
    console.print(
        t("show.interactions", count=row["interaction_count"], last=row["last_interaction"] or "—")
    )
    klass = t(f"class.{row['tie_class']}")
    console.print(
        f"[bold]{t('show.strength', value=row['strength'], tie_class=klass)}[/bold]: "
        + ", ".join(
            f"{r['input']} {r['value']:.2f} → +{r['contribution']:.2f}"
            for r in row["why"]
            if r["value"] is not None
        )
    )
    for kind, title in (("story", "show.stories"), ("note", "show.notes")):
        selected = [n for n in notes if n.kind.value == kind]
        if selected:
            console.print(f"[bold]{t(title)}[/bold]")
            for n in selected:
                console.print(f"  {n.written_at.date().isoformat()}  {n.text}")


def _identifiers(
    emails: list[str], phones: list[str], urls: list[str]
) -> tuple[model.Identifier, ...]:
    found = []
    for kind, values in ((IK.EMAIL, emails), (IK.PHONE, phones), (IK.PROFILE_URL, urls)):
        for value in values:
            normal = identifier(kind, value, model.Origin("manual"))
            if normal is None:
                raise InputError(
                    f"--{kind.value.replace('_', '-')}: not a valid {kind.value}: {value!r}"
                )
            found.append(normal)
    return tuple(found)


Closeness = Annotated[
    int | None,
    typer.Option(min=1, max=5, help="How close you feel, 1 (distant) to 5 (very close)."),
]


@contact_app.command("add")
def contact_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    organisation: Annotated[str | None, typer.Option("--org", help="Organisation.")] = None,
    role: Annotated[str | None, typer.Option(help="Role or job title.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector.")] = None,
    region: Annotated[str | None, typer.Option(help="Region or city.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="E-mail address (repeatable).")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Phone number (repeatable).")] = None,
    url: Annotated[list[str] | None, typer.Option(help="Profile URL (repeatable).")] = None,
    closeness: Closeness = None,
    context: Annotated[
        list[str] | None,
        typer.Option(help="Context of the tie: work, family, club … (repeatable)."),
    ] = None,
    met_how: Annotated[str | None, typer.Option(help="How you met.")] = None,
    met_on: Annotated[str | None, typer.Option(help="When you met (YYYY-MM-DD).")] = None,
) -> None:
    """Add a contact by hand."""
    state = _state(ctx)
    if not name.strip():
        raise InputError("NAME: expected a name, found an empty text")
    identifiers = _identifiers(email or [], phone or [], url or [])
    met = _parse_date(met_on, "--met-on")
    with state.store.begin() as connection:
        _refuse_known_identifiers(connection, identifiers)
        origin_id = repo.add_origin(connection, "manual", datetime.now())
        (contact_id,) = repo.add_contacts(
            connection,
            [
                model.Contact(
                    name=name.strip(),
                    organisation=organisation,
                    role=role,
                    sector=sector,
                    region=region,
                    identifiers=identifiers,
                )
            ],
            origin_id,
        )
        repo.save_ties(
            connection,
            [
                model.Tie(
                    contact_id=contact_id,
                    closeness=closeness,
                    contexts=tuple(c.strip().lower() for c in context or () if c.strip()),
                    met_how=met_how,
                    met_on=met,
                )
            ],
        )
    console.print(state.t("contact.added", name=name.strip(), id=contact_id))


def _refuse_known_identifiers(connection: Any, identifiers: tuple[model.Identifier, ...]) -> None:
    known = {
        (i.kind, i.value): c
        for c in repo.load_contacts(connection, include_merged=True)
        for i in c.identifiers
    }
    for i in identifiers:
        owner = known.get((i.kind, i.value))
        if owner is not None:
            raise InputError(
                f"{i.kind.value} {i.value} already belongs to {owner.name} "
                f"(id {owner.id}); edit that contact instead"
            )


@contact_app.command("edit")
def contact_edit(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    new_name: Annotated[str | None, typer.Option("--name", help="New full name.")] = None,
    organisation: Annotated[str | None, typer.Option("--org", help="Organisation.")] = None,
    role: Annotated[str | None, typer.Option(help="Role or job title.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector.")] = None,
    region: Annotated[str | None, typer.Option(help="Region or city.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="Add an e-mail address.")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Add a phone number.")] = None,
    url: Annotated[list[str] | None, typer.Option(help="Add a profile URL.")] = None,
    closeness: Closeness = None,
    context: Annotated[
        list[str] | None, typer.Option(help="Replace the contexts of the tie (repeatable).")
    ] = None,
    met_how: Annotated[str | None, typer.Option(help="How you met.")] = None,
    met_on: Annotated[str | None, typer.Option(help="When you met (YYYY-MM-DD).")] = None,
    status: Annotated[
        model.TieStatus | None,
        typer.Option(help="active, keep (never advise letting go) or let_go."),
    ] = None,
) -> None:
    """Change a contact or the tie with them; options not given stay as they are."""
    state = _state(ctx)
    contact = find_contact(state, name)
    identifiers = _identifiers(email or [], phone or [], url or [])
    met = _parse_date(met_on, "--met-on")
    changes = {
        k: v
        for k, v in {
            "name": new_name,
            "organisation": organisation,
            "role": role,
            "sector": sector,
            "region": region,
        }.items()
        if v is not None
    }
    updated = model.Contact(
        **{
            **{
                f: getattr(contact, f)
                for f in (
                    "id",
                    "name",
                    "given_name",
                    "family_name",
                    "organisation",
                    "role",
                    "sector",
                    "region",
                )
            },
            **changes,
        }
    )
    with state.store.begin() as connection:
        _refuse_known_identifiers(connection, identifiers)
        repo.update_contact(connection, updated)
        repo.add_identifiers(connection, [(contact.id, i) for i in identifiers])
        tie = next(
            (t for t in repo.load_ties(connection) if t.contact_id == contact.id),
            model.Tie(contact_id=contact.id),
        )  # type: ignore[arg-type]
        repo.save_ties(
            connection,
            [
                model.Tie(
                    contact_id=tie.contact_id,
                    closeness=closeness if closeness is not None else tie.closeness,
                    contexts=tuple(c.strip().lower() for c in context if c.strip())
                    if context
                    else tie.contexts,
                    met_how=met_how if met_how is not None else tie.met_how,
                    met_on=met if met is not None else tie.met_on,
                    status=status or tie.status,
                    cadence_days=tie.cadence_days,
                )
            ],
        )
    console.print(state.t("contact.updated", name=updated.name))


@app.command()
def note(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    note_text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    story: Annotated[
        bool, typer.Option("--story", help="A story: what this person means to you.")
    ] = False,
) -> None:
    """Write a note — or, with --story, a story — about a contact."""
    state = _state(ctx)
    if not note_text.strip():
        raise InputError("TEXT: expected a note, found an empty text")
    contact = find_contact(state, name)
    kind = model.NoteKind.STORY if story else model.NoteKind.NOTE
    with state.store.begin() as connection:
        repo.add_notes(
            connection, [model.Note(contact.id, note_text.strip(), datetime.now(), kind)]
        )  # type: ignore[arg-type]
    console.print(state.t("story.added" if story else "note.added", name=contact.name))


@app.command()
def me(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your full name.")] = None,
    email: Annotated[
        list[str] | None, typer.Option(help="Your e-mail address (repeatable).")
    ] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Your phone number (repeatable).")] = None,
    url: Annotated[list[str] | None, typer.Option(help="Your profile URL (repeatable).")] = None,
    organisation: Annotated[str | None, typer.Option("--org", help="Your organisation.")] = None,
    role: Annotated[str | None, typer.Option(help="Your role.")] = None,
    sector: Annotated[str | None, typer.Option(help="Your sector.")] = None,
    region: Annotated[str | None, typer.Option(help="Your region or city.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show or set who you are, so that imports recognise you and never list you as a contact."""
    state = _state(ctx)
    added = _identifiers(email or [], phone or [], url or [])
    with state.store.begin() as connection:
        current = repo.load_me(connection)
        if any(v is not None for v in (name, organisation, role, sector, region)) or added:
            current = model.Me(
                name=name if name is not None else current.name,
                identifiers=current.identifiers + added,
                organisation=organisation if organisation is not None else current.organisation,
                role=role if role is not None else current.role,
                sector=sector if sector is not None else current.sector,
                region=region if region is not None else current.region,
            )
            repo.save_me(connection, current)
            if not as_json:
                console.print(state.t("me.saved", name=current.name or "—"))
    result = {
        "name": current.name,
        "organisation": current.organisation,
        "role": current.role,
        "sector": current.sector,
        "region": current.region,
        **{
            f"{kind.value}s": list(current.values(kind))
            for kind in (IK.EMAIL, IK.PHONE, IK.PROFILE_URL)
        },
    }
    if as_json:
        _print_json(result)
    else:
        for key, value in result.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            console.print(f"{key}: {shown or '—'}")


@app.command()
def measure(
    ctx: typer.Context,
    edges: Annotated[Path, typer.Argument(help="CSV edge list: source,target[,weight].")],
    weight: Annotated[
        str | None, typer.Option(help="Name of the weight column (default: unweighted).")
    ] = None,
    directed: Annotated[bool, typer.Option(help="The edges are directed.")] = False,
    as_json: JsonOption = False,
    out: Annotated[Path | None, typer.Option(help="Write the measures to this CSV file.")] = None,
) -> None:
    """Burt's measures (effective size, efficiency, constraint, hierarchy) for every node."""
    from tiewise.analysis.burt import burt_measures
    from tiewise.analysis.edgelist import measures_as_json, read_edge_list, write_measures_csv

    state = _state(ctx)
    graph = read_edge_list(edges, weight=weight, directed=directed)
    measures = burt_measures(graph.adjacency, directed=directed)
    if out is not None:
        write_measures_csv(out, graph, measures)
        console.print(state.t("measure.written", count=len(graph.node_ids), file=str(out)))
    if as_json:
        _print_json(measures_as_json(graph, measures))
    elif out is None:
        table = Table()
        for key in ("id", "degree", "effective_size", "efficiency", "constraint", "hierarchy"):
            table.add_column(key, justify="left" if key == "id" else "right")
        for node in measures_as_json(graph, measures)["nodes"]:
            table.add_row(
                node["id"],
                str(node["degree"]),
                *(
                    "—" if node[k] is None else f"{node[k]:.4f}"
                    for k in ("effective_size", "efficiency", "constraint", "hierarchy")
                ),
            )
        console.print(table)


# --- rating closeness


def _read_key(prompt: str) -> str:
    """One key press on a terminal; a line of input when stdin is not a terminal."""
    console.print(prompt, end=" ")
    if sys.stdin.isatty():
        key = typer.getchar()
        console.print(key)
        return key.strip().lower()
    line = sys.stdin.readline()
    return line.strip().lower()[:1] if line else "q"


@app.command()
def rate(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="Ask about at most this many ties.")] = 50,
    today: Today = None,
) -> None:
    """Rate how close you feel (1–5), least certain ties first; one key per tie."""
    state = _state(ctx)
    snapshot = _snapshot(state)
    strength = tie_strength(snapshot, _parse_date(today, "--today") or date.today())
    rated = 0
    for position in rating_order(snapshot, strength)[:limit]:
        contact, tie = snapshot.contacts[position], snapshot.ties[position]
        last = snapshot.last_interaction[position]
        console.print(
            f"\n[bold]{contact.name}[/bold] — {contact.organisation or '—'} — "
            f"{', '.join(tie.contexts) or '—'}\n"
            + state.t(
                "rate.now",
                strength=float(strength.score[position]),
                tie_class=state.t(f"class.{strength.tie_class[position]}"),
                count=int(snapshot.interaction_counts[position]),
                last="—" if np.isnat(last) else str(last.astype("datetime64[D]")),
            ),
            highlight=False,
        )
        key = _read_key(state.t("rate.prompt"))
        if key == "q":
            break
        if key in ("1", "2", "3", "4", "5"):
            with state.store.begin() as connection:
                repo.set_closeness(connection, contact.id, int(key))  # type: ignore[arg-type]
            rated += 1
    console.print(state.t("rate.done", count=rated))


# --- import


Files = Annotated[list[Path], typer.Argument(help="Files to import.")]


def _run_import(state: State, kind: str, paths: list[Path], as_json: bool, **options: Any) -> None:
    """Parse, write in one transaction, print the summary (or JSON)."""
    from tiewise.ingest.run import parse_files
    from tiewise.ingest.writer import import_sources

    now = datetime.now()
    show_progress = console.is_terminal and not as_json
    with Progress(console=console, transient=True, disable=not show_progress) as progress:
        task = progress.add_task(state.t("import.reading"), total=len(paths))

        def advance(path: Path) -> None:
            progress.update(task, description=path.name, advance=1)

        with state.store.connect() as connection:
            me = repo.load_me(connection)
        sources = parse_files(kind, paths, me, now, progress=advance, **options)
        progress.update(task, description=state.t("import.writing"))
        summary = import_sources(state.store, sources, now)
    if as_json:
        _print_json(summary.as_json())
        return
    table = Table(title=state.t("import.summary"), title_justify="left")
    for key in ("added", "updated", "merged", "skipped", "contacts", "interactions", "links"):
        table.add_column(state.t(f"import.{key}"), justify="right")
    table.add_row(
        *(
            str(getattr(summary, k))
            for k in ("added", "updated", "merged", "skipped", "contacts", "interactions", "links")
        )
    )
    console.print(table)
    for warning in summary.errors[:20]:
        console.print(f"[yellow]{state.t('import.warning')}[/yellow] {warning}", highlight=False)
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
            raise InputError(f"--map: expected FIELD=Column, found {item!r}")
        name = field_name.strip()
        pairs[name] = f"{pairs[name]}|{column.strip()}" if name in pairs else column.strip()
    _run_import(_state(ctx), "csv", files, as_json, csv_format=csv_format, mapping=pairs or None)


@import_app.command("ics")
def import_ics(ctx: typer.Context, files: Files, as_json: JsonOption = False) -> None:
    """Import calendars (.ics): meetings, who was there, and networking events."""
    _run_import(_state(ctx), "ics", files, as_json)


# --- who is who


def _describe_contact(contact: model.Contact) -> str:
    ids = ", ".join(i.value for i in contact.identifiers[:3])
    return f"{contact.id} {contact.name} — {contact.organisation or '—'} — {ids or '—'}"


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
            raise InputError(f"merge: expected two contacts, found {len(contacts)}")
        survivor, merged = (find_contact(state, c) for c in contacts)
        merging.merge(state.store, survivor.id, merged.id, datetime.now())  # type: ignore[arg-type]
        console.print(state.t("merge.done", merged=merged.name, survivor=survivor.name))
        return
    suggestions, by_id = merging.suggestions(state.store)
    if as_json or list_only:
        rows = [
            {
                "contact_a": s.contact_a,
                "contact_b": s.contact_b,
                "name_a": by_id[s.contact_a].name,
                "name_b": by_id[s.contact_b].name,
                "organisation": s.organisation,
                "name_similarity": s.name_similarity,
                "reasons": s.reasons,
            }
            for s in suggestions
        ]
        if as_json:
            _print_json(rows)
            return
        for row in rows:
            console.print(
                f"{row['contact_a']} {row['name_a']}  ⟷  {row['contact_b']} "
                f"{row['name_b']}  ({'; '.join(row['reasons'])})",
                highlight=False,
            )
        if not rows:
            console.print(state.t("merge.none"))
        return
    if not review:
        raise InputError("merge: give two contacts, --list or --review")
    for suggestion in suggestions:
        a, b = by_id[suggestion.contact_a], by_id[suggestion.contact_b]
        console.print(f"\n  {_describe_contact(a)}\n  {_describe_contact(b)}", highlight=False)
        console.print("  " + "; ".join(suggestion.reasons), highlight=False)
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


# --- goals and advice


def _parse_targets(values: list[str]) -> tuple[model.GoalTarget, ...]:
    """``attribute=value`` pairs; ``org`` is short for organisation."""
    targets = []
    names = ", ".join(a.value for a in model.TargetAttribute)
    for raw in values:
        attribute, sep, value = raw.partition("=")
        attribute = {"org": "organisation"}.get(
            attribute.strip().lower(), attribute.strip().lower()
        )
        if (
            not sep
            or not value.strip()
            or attribute not in {a.value for a in model.TargetAttribute}
        ):
            raise InputError(
                f"--target: expected ATTRIBUTE=VALUE with ATTRIBUTE one of {names}, found {raw!r}"
            )
        targets.append(model.GoalTarget(model.TargetAttribute(attribute), value.strip()))
    return tuple(targets)


def _goal_json(goal: model.Goal, language: str) -> dict[str, Any]:
    return {
        "id": goal.id,
        "key": goal.key,
        "label": goal_label(goal, language),
        "class": goal_class(goal).value,
        "class_overridden": goal.goal_class is not None,
        "priority": goal.priority,
        "targets": [{"attribute": t.attribute.value, "value": t.value} for t in goal.targets],
    }


@goals_app.command("catalogue")
def goals_catalogue(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The thirteen goals of the column, with their class, tie profile and sources."""
    from tiewise.goals import CATALOGUE

    state = _state(ctx)
    nl = state.language == "nl"
    rows = [
        {
            "key": g.key,
            "label": g.label(state.language),
            "description": g.description_nl if nl else g.description_en,
            "class": g.goal_class.value,
            "profile": {
                "strength": g.profile.strength,
                "structure": g.profile.structure,
                "composition": g.profile.composition,
            },
            "rationale": g.rationale,
        }
        for g in CATALOGUE
    ]
    if as_json:
        _print_json(rows)
        return
    table = Table()
    for column in ("col.key", "col.goal", "col.goal_class", "col.ties_needed"):
        table.add_column(state.t(column))
    for row in rows:
        profile = row["profile"]
        table.add_row(
            row["key"],
            f"{row['label']} — {row['description']}",
            state.t(f"goalclass.{row['class']}"),
            f"{profile['strength']}, {profile['structure']}, {profile['composition']}",
        )
    console.print(table)
    console.print(state.t("goals.custom_hint"))


@goals_app.command("add")
def goals_add(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A catalogue key (see goals catalogue) or 'custom'.")],
    priority: Annotated[int, typer.Option(min=1, max=5, help="1 (low) to 5 (high).")] = 3,
    target: Annotated[
        list[str] | None,
        typer.Option(
            help="Target segment, ATTRIBUTE=VALUE: sector, role, region, org (repeatable)."
        ),
    ] = None,
    goal_class: Annotated[
        model.GoalClass | None,
        typer.Option("--class", help="Override the catalogue's class."),
    ] = None,
    label: Annotated[
        str | None, typer.Option(help="Your own name for it (needed for 'custom').")
    ] = None,
) -> None:
    """Add a goal, or change the priority, targets and class of one you have."""
    from tiewise.goals import BY_KEY, CUSTOM

    state = _state(ctx)
    key = key.strip().lower()
    if key not in BY_KEY and key != CUSTOM:
        raise InputError(f"KEY: expected one of {', '.join([*BY_KEY, CUSTOM])}, found {key!r}")
    if key == CUSTOM and not (label and label.strip()):
        raise InputError("--label: expected a name for the custom goal, found none")
    goal = model.Goal(
        key=key,
        priority=priority,
        label=label.strip() if label else None,
        goal_class=goal_class,
        targets=_parse_targets(target or []),
    )
    with state.store.begin() as connection:
        same = [
            g
            for g in repo.load_goals(connection)
            if g.key == key
            and (key != CUSTOM or (g.label or "").casefold() == goal.label.casefold())  # type: ignore[union-attr]
        ]
        if same:
            repo.update_goal(connection, same[0].id, goal)  # type: ignore[arg-type]
            message = "goals.updated"
        else:
            repo.add_goal(connection, goal)
            message = "goals.added"
    console.print(state.t(message, goal=goal_label(goal, state.language)))


@goals_app.command("list")
def goals_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your goals, highest priority first."""
    state = _state(ctx)
    with state.store.connect() as connection:
        goals = sorted(repo.load_goals(connection), key=lambda g: (-g.priority, g.id))
    rows = [_goal_json(g, state.language) for g in goals]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print(state.t("report.no_goals"))
        return
    table = Table()
    for column in ("col.id", "col.goal", "col.goal_class", "col.priority", "col.targets"):
        table.add_column(state.t(column))
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["label"],
            state.t(f"goalclass.{row['class']}") + (" *" if row["class_overridden"] else ""),
            str(row["priority"]),
            ", ".join(f"{t['attribute']}={t['value']}" for t in row["targets"]) or "—",
        )
    console.print(table)


@goals_app.command("remove")
def goals_remove(
    ctx: typer.Context,
    goal: Annotated[str, typer.Argument(help="The goal's key, or its id (see goals list).")],
) -> None:
    """Remove a goal (outcomes that served it are kept, without the goal)."""
    state = _state(ctx)
    with state.store.begin() as connection:
        goals = repo.load_goals(connection)
        matches = [g for g in goals if str(g.id) == goal.strip() or g.key == goal.strip().lower()]
        if len(matches) != 1:
            found = ", ".join(f"{g.id} {g.key}" for g in matches) or "no goal"
            raise NotFoundError(f"goal {goal!r}: expected exactly one goal, found {found}")
        repo.remove_goal(connection, matches[0].id)  # type: ignore[arg-type]
    console.print(state.t("goals.removed", goal=goal_label(matches[0], state.language)))


def _profile(state: State, today: str | None) -> Any:
    return analyze_profile(_snapshot(state), _parse_date(today, "--today") or date.today())


@app.command()
def advise(
    ctx: typer.Context,
    budget: Annotated[
        float, typer.Option(min=0.0, help="Hours per month you will spend on your network.")
    ] = 8.0,
    limit: Annotated[
        int, typer.Option(min=0, help="Show at most this many ties to let go (0: all).")
    ] = 25,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Whom to focus on, maintain, reactivate and let go, within your time budget."""
    from tiewise.advice.portfolio import build_portfolio, portfolio_to_json
    from tiewise.report.advice import render_portfolio

    state = _state(ctx)
    profile = _profile(state, today)
    portfolio = build_portfolio(profile, budget, limit or None)
    if as_json:
        _print_json(portfolio_to_json(portfolio, profile, state.language))
        return
    render_portfolio(portfolio, profile, state.language, console)


@app.command()
def invitations(
    ctx: typer.Context,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Pending connection invitations: accept, ignore or look closer, with the reasons."""
    from tiewise.advice.invitations import invitations_to_json, triage_invitations
    from tiewise.report.advice import render_invitations

    state = _state(ctx)
    profile = _profile(state, today)
    advice = triage_invitations(profile)
    if as_json:
        _print_json(invitations_to_json(advice, state.language))
        return
    render_invitations(advice, state.language, console)


@app.command()
def introductions(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many introductions.")] = 20,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """Whom to introduce to whom, and where you have given little in return."""
    from tiewise.advice.introductions import (
        give_receive_ledger,
        introductions_to_json,
        suggest_introductions,
    )
    from tiewise.report.advice import render_introductions

    state = _state(ctx)
    profile = _profile(state, today)
    found = suggest_introductions(profile, limit)
    ledger = give_receive_ledger(profile)
    if as_json:
        _print_json(introductions_to_json(found, ledger, profile, state.language))
        return
    render_introductions(found, ledger, profile, state.language, console)


@app.command()
def plan(
    ctx: typer.Context,
    budget: Annotated[
        float, typer.Option(min=0.0, help="Hours per month you will spend on your network.")
    ] = 8.0,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many people.")] = 10,
    as_json: JsonOption = False,
    today: Today = None,
) -> None:
    """This week's plan: whom to contact (cadence due), which events to attend or skip, and which
    introductions to make."""
    from tiewise.advice.events import events_report, this_weeks_events
    from tiewise.advice.introductions import suggest_introductions
    from tiewise.advice.plan import plan_to_json, weekly_plan
    from tiewise.advice.portfolio import build_portfolio
    from tiewise.report.advice import render_plan

    state = _state(ctx)
    profile = _profile(state, today)
    portfolio = build_portfolio(profile, budget)
    events = this_weeks_events(profile, events_report(profile))
    week = weekly_plan(profile, portfolio, suggest_introductions(profile), events, limit)
    if as_json:
        _print_json(plan_to_json(week, profile, state.language))
        return
    render_plan(week, profile, state.language, console)


# Command groups in their own modules register themselves on ``app`` when imported; they import
# the shared helpers above, so they come last.
from tiewise.cli import events as _events  # noqa: E402, F401
from tiewise.cli import serve as _serve  # noqa: E402, F401
from tiewise.cli import study as _study  # noqa: E402, F401


def main() -> None:
    app(prog_name="tiewise")


if __name__ == "__main__":
    main()
