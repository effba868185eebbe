"""``tiewise contacts``, ``contact show|add|edit``, ``note``, ``me`` and ``rate``: one person
at a time."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiewise import model
from tiewise.cli.base import (
    JsonOption,
    Today,
    _parse_date,
    _print_json,
    _snapshot,
    _state,
    app,
    console,
    find_contact,
)
from tiewise.errors import InputError
from tiewise.model import IdentifierKind as IK

if TYPE_CHECKING:
    from tiewise.snapshot import Snapshot

contact_app = typer.Typer(help="Show, add and edit one contact.", no_args_is_help=True)
app.add_typer(contact_app, name="contact")


# --- contacts


def _contact_rows(snapshot: Snapshot, today: date) -> list[dict[str, Any]]:
    """One dictionary per contact (aligned with ``snapshot.contacts``): what ``contacts --json``
    promises (see README)."""
    import numpy as np  # the analysis modules (NumPy, SciPy) load only for commands that analyse

    from tiewise.analysis.strength import tie_strength

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


@app.command()
def contacts(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Today = None,
) -> None:
    """List your contacts with tie strength and interactions."""
    from rich.table import Table

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


@contact_app.command("show")
def contact_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Today = None,
) -> None:
    """Show one contact: identifiers, tie strength and why, notes and stories."""
    from rich.text import Text

    from tiewise.store import repository as repo

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
    with state.store.connect() as connection:
        sources = repo.contact_sources(
            connection,
            repo.merged_group(connection, contact.id),  # type: ignore[arg-type]
        )
    row["sources"] = [{**s, "recorded_at": s["recorded_at"].isoformat()} for s in sources]  # type: ignore[union-attr]
    if as_json:
        _print_json(row)
        return
    t = state.t
    console.print(Text.assemble((contact.name, "bold"), f"  (id {contact.id})"))
    console.print(
        " · ".join(
            x for x in (contact.role, contact.organisation, contact.sector, contact.region) if x
        )
    )
    identifiers = ", ".join(f"{i.kind.value} {i.value}" for i in contact.identifiers)
    console.print(Text.assemble((t("show.identifiers"), "bold"), ": " + identifiers))
    parts = []
    if row["closeness"] is not None:
        parts.append(t("show.closeness", value=row["closeness"]))
    if row["contexts"]:
        parts.append(t("show.contexts", value=", ".join(row["contexts"])))
    if row["met_how"] or row["met_on"]:
        parts.append(t("show.met", value=" ".join(x for x in (row["met_how"], row["met_on"]) if x)))
    parts.append(t("show.status", value=row["status"]))
    console.print(Text.assemble((t("show.tie"), "bold"), ": " + "; ".join(parts)))
    console.print(
        t("show.interactions", count=row["interaction_count"], last=row["last_interaction"] or "—")
    )
    klass = t(f"class.{row['tie_class']}")
    why = ", ".join(
        f"{r['input']} {r['value']:.2f} → +{r['contribution']:.2f}"
        for r in row["why"]
        if r["value"] is not None
    )
    strength = t("show.strength", value=row["strength"], tie_class=klass)
    console.print(Text.assemble((strength, "bold"), ": " + why))
    if sources:
        places = "; ".join(
            t(
                "show.source",
                source=s["source"],
                file=s["file"] or "—",
                lines=", ".join(map(str, s["lines"])) or "—",
                day=s["recorded_at"].date().isoformat(),  # type: ignore[union-attr]
            )
            for s in sources
        )
        console.print(Text.assemble((t("show.sources"), "bold"), ": " + places))
    for kind, title in (("story", "show.stories"), ("note", "show.notes")):
        selected = [n for n in notes if n.kind.value == kind]
        if selected:
            console.print(Text(t(title), style="bold"))
            for n in selected:
                console.print(f"  {n.written_at.date().isoformat()}  {n.text}")


def _identifiers(
    emails: list[str], phones: list[str], urls: list[str]
) -> tuple[model.Identifier, ...]:
    from tiewise.identifiers import identifier

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
    from tiewise.store import repository as repo

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
    console.print(state.t("contact.added", name=name.strip(), id=contact_id), markup=False)


def _refuse_known_identifiers(connection: Any, identifiers: tuple[model.Identifier, ...]) -> None:
    from tiewise.store import repository as repo

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
    from tiewise.decisionlog import status_changed
    from tiewise.store import repository as repo

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
        tie = repo.load_tie(connection, contact.id)  # type: ignore[arg-type]
        repo.save_ties(
            connection,
            [
                replace(
                    tie,
                    closeness=closeness if closeness is not None else tie.closeness,
                    contexts=tuple(c.strip().lower() for c in context if c.strip())
                    if context
                    else tie.contexts,
                    met_how=met_how if met_how is not None else tie.met_how,
                    met_on=met if met is not None else tie.met_on,
                    status=status or tie.status,
                )
            ],
        )
        if status is not None:
            status_changed(connection, contact.id, status, datetime.now())  # type: ignore[arg-type]
    console.print(state.t("contact.updated", name=updated.name), markup=False)


_ERASURE_COUNTS = (
    "records",
    "identifiers",
    "notes",
    "interactions",
    "shared_interactions",
    "links",
    "encounters",
    "exchanges",
    "invitations",
    "outcomes",
)


@contact_app.command("erase")
def contact_erase(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Erase; without it, only show what would go.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Erase a person completely (AVG/GDPR): every record and fact about them, and their name in
    your notes; later imports leave them out."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from tiewise.erasure import erase_contact, left_line, replaced_places

    state = _state(ctx)
    contact = find_contact(state, name)
    erasure = erase_contact(
        state.store, contact, state.t("erase.placeholder"), datetime.now(), dry_run=not yes
    )
    if as_json:
        _print_json(erasure.as_json())
        return
    table = Table(title=escape(state.t("erase.title", name=erasure.name)), title_justify="left")
    table.add_column(state.t("erase.what"))
    table.add_column(state.t("erase.count"), justify="right")
    for key in _ERASURE_COUNTS:
        table.add_row(state.t(f"erase.{key}"), str(erasure.counts[key]))
    console.print(table)
    console.print(state.t("erase.mentions", count=erasure.mentions_replaced))
    for place, kinds in replaced_places(erasure, lambda kind: state.t(f"erase.kind.{kind}")):
        console.print(f"  {place}: {kinds}", markup=False)
    if erasure.mentions_left:
        console.print(state.t("erase.mentions_left"))
        for left in erasure.mentions_left:
            console.print(f"  {left_line(left, state.t)}", markup=False)
    done = state.t("erase.dry_run" if erasure.dry_run else "erase.done", name=erasure.name)
    console.print(done, markup=False)
    if erasure.key_missing:
        console.print(Text(state.t("erase.key_missing"), style="yellow"))
    if erasure.files_cleared is False:
        console.print(Text(state.t("erase.files_not_cleared"), style="yellow"))


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
    from tiewise.store import repository as repo

    state = _state(ctx)
    if not note_text.strip():
        raise InputError("TEXT: expected a note, found an empty text")
    contact = find_contact(state, name)
    kind = model.NoteKind.STORY if story else model.NoteKind.NOTE
    with state.store.begin() as connection:
        repo.add_notes(
            connection, [model.Note(contact.id, note_text.strip(), datetime.now(), kind)]
        )  # type: ignore[arg-type]
    console.print(
        state.t("story.added" if story else "note.added", name=contact.name), markup=False
    )


def _topics(
    ctx: typer.Context, name: str, text: str | None, remove: bool, kind: model.TopicKind
) -> None:
    from tiewise.store import repository as repo
    from tiewise.topics import change_topics, parse_topics

    state = _state(ctx)
    contact = find_contact(state, name)
    if text is not None:
        tags = parse_topics(text, "TAGS")  # as the usage line names the argument
        changed = change_topics(state.store, contact.id, kind, tags, remove)  # type: ignore[arg-type]
        key = "topics.removed" if remove else "topics.added" if changed else "topics.already"
        shown = ", ".join(changed or tags)
        console.print(state.t(key, name=contact.name, tags=shown), markup=False)
    elif remove:
        raise InputError("TAGS: expected the tags to remove, found none", field="tags")
    with state.store.connect() as connection:
        ids = set(repo.merged_group(connection, contact.id))  # type: ignore[arg-type]
        tags = [
            t.topic for t in repo.load_topics(connection) if t.contact_id in ids and t.kind == kind
        ]
    console.print(
        state.t(f"topics.{kind.value}", name=contact.name, tags=", ".join(tags) or "—"),
        markup=False,
    )


@contact_app.command("needs")
def contact_needs(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    text: Annotated[
        str | None,
        typer.Argument(metavar="[TAGS]", help="What they need, e.g. 'accountant, funding'."),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove these tags.")] = False,
) -> None:
    """What a contact needs (tags, comma-separated): introductions match it to others' offers.
    Without TAGS: list them."""
    _topics(ctx, name, text, remove, model.TopicKind.NEED)


@contact_app.command("offers")
def contact_offers(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    text: Annotated[
        str | None,
        typer.Argument(metavar="[TAGS]", help="What they offer, e.g. 'tax advice, web shops'."),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove these tags.")] = False,
) -> None:
    """What a contact offers (tags, comma-separated): introductions match it to others' needs.
    Without TAGS: list them."""
    _topics(ctx, name, text, remove, model.TopicKind.OFFER)


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
    from tiewise.store import repository as repo

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
    from rich.text import Text

    from tiewise.store import repository as repo

    state = _state(ctx)
    snapshot = _snapshot(state)
    import numpy as np

    from tiewise.analysis.strength import rating_order, tie_strength

    strength = tie_strength(snapshot, _parse_date(today, "--today") or date.today())
    rated = 0
    for position in rating_order(snapshot, strength)[:limit]:
        contact, tie = snapshot.contacts[position], snapshot.ties[position]
        last = snapshot.last_interaction[position]
        console.print(
            "\n",
            Text.assemble(
                (contact.name, "bold"),
                f" — {contact.organisation or '—'} — {', '.join(tie.contexts) or '—'}",
            ),
            "\n"
            + state.t(
                "rate.now",
                strength=float(strength.score[position]),
                tie_class=state.t(f"class.{strength.tie_class[position]}"),
                count=int(snapshot.interaction_counts[position]),
                last="—" if np.isnat(last) else str(last.astype("datetime64[D]")),
            ),
            sep="",
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
