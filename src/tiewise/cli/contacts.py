"""``tiewise contacts``, ``contact show|add|edit``, ``note``, ``me`` and ``rate``: one person
at a time."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiewise import model
from tiewise.catalogues import catalogue
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
from tiewise.display import birthday as birthday_shown
from tiewise.display import day, number
from tiewise.errors import InputError
from tiewise.i18n import label
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


def _iso_day(value: str | None, language: str) -> str:
    """A ``YYYY-MM-DD`` of a contact's row as the language writes it (``—`` for none)."""
    return day(date.fromisoformat(value) if value else None, language)


@app.command()
def contacts(
    ctx: typer.Context,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Only contacts with these words (any order, case or accents) in their name, "
            "organisation, role, sector, region, e-mail, tags or notes.",
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only contacts with this tag.")] = None,
    tie_class: Annotated[
        str | None,
        typer.Option("--class", help="Only this tie class: strong, medium, weak, dormant."),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(help="Order: strength, name or last (latest contact); default: id."),
    ] = None,
    assign: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="Bulk edit: set sector, region, organisation or role of every contact selected "
            "(FIELD= clears it; repeatable).",
        ),
    ] = None,
    add_tag: Annotated[
        list[str] | None, typer.Option(help="Bulk edit: add this tag (repeatable).")
    ] = None,
    remove_tag: Annotated[
        list[str] | None, typer.Option(help="Bulk edit: remove this tag (repeatable).")
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Make the bulk edit; without it, only show what changes.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Today = None,
) -> None:
    """List your contacts with tie strength and interactions — or those a search, a tag or a
    tie class picks, and change them all at once (--set, --add-tag, --remove-tag; --yes)."""
    from rich.table import Table

    from tiewise.cli import bulk

    state = _state(ctx)
    as_of = _parse_date(today, "--today") or date.today()
    bulk.check_choices(tie_class, sort)
    edit = bulk.edit_of(assign or [], add_tag or [], remove_tag or [])
    if edit is not None:  # everything checked before anything is read or written
        from tiewise.bulkedit import bulk_edit

        plan = bulk_edit(state.store, bulk.whom(state, search, tag, tie_class, as_of), edit, yes)
        if as_json:
            _print_json(plan.as_json())
        else:
            lines = bulk.plan_lines(plan, state.language)
            for line in [lines[0], *(f"  {line}" for line in lines[1:-1]), lines[-1]]:
                console.print(line, markup=False)
        return
    rows = _contact_rows(_snapshot(state), as_of)
    with state.store.connect() as connection:
        from tiewise.store.selection import selected
        from tiewise.store.tags import tags_of

        chosen = selected(connection, search, tag)
        tags = tags_of(connection)
    for row in rows:
        row["tags"] = tags.get(row["id"], [])
    filtered = chosen is not None or tie_class is not None
    if chosen is not None:
        rows = [row for row in rows if row["id"] in chosen]
    if tie_class is not None:
        rows = [row for row in rows if row["tie_class"] == tie_class]
    rows = bulk.sorted_rows(rows, sort)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print(state.t("contacts.no_match" if filtered else "contacts.none"))
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
    tagged = any(row["tags"] for row in rows)
    if tagged:
        table.add_column(state.t("col.tags"))
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["name"],
            row["organisation"] or "",
            state.t(f"class.{row['tie_class']}") if row["tie_class"] else "—",
            number(row["strength"], 2, state.language),
            number(row["interaction_count"], 0, state.language),
            _iso_day(row["last_interaction"], state.language),
            *([", ".join(row["tags"])] if tagged else []),
        )
    console.print(table)
    if filtered:
        console.print(state.t("contacts.matched", count=len(rows)))


@contact_app.command("show")
def contact_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: Today = None,
) -> None:
    """Show one contact: identifiers, tags, tie strength and why, notes and stories."""
    from rich.text import Text

    from tiewise.store import repository as repo
    from tiewise.store.tags import tags_of

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
    row["birthday"] = contact.birthday.isoformat() if contact.birthday else None
    row["notes"] = [
        {"kind": n.kind.value, "text": n.text, "written_at": n.written_at.isoformat()}
        for n in notes
    ]
    with state.store.connect() as connection:
        sources = repo.contact_sources(
            connection,
            repo.merged_group(connection, contact.id),  # type: ignore[arg-type]
        )
        row["tags"] = tags_of(connection, [row["id"]]).get(row["id"], [])
    row["sources"] = [{**s, "recorded_at": s["recorded_at"].isoformat()} for s in sources]  # type: ignore[union-attr]
    if as_json:
        _print_json(row)
        return
    t = state.t
    console.print(Text.assemble((contact.name, "bold"), f"  (id {contact.id})"))
    sector = label("sector", contact.sector, state.language) if contact.sector else None
    console.print(
        " · ".join(x for x in (contact.role, contact.organisation, sector, contact.region) if x)
    )
    if contact.birthday is not None:
        console.print(t("show.birthday", value=birthday_shown(contact.birthday, state.language)))
    identifiers = ", ".join(f"{i.kind.value} {i.value}" for i in contact.identifiers)
    console.print(Text.assemble((t("show.identifiers"), "bold"), ": " + identifiers))
    if row["tags"]:
        console.print(Text.assemble((t("show.tags"), "bold"), ": " + ", ".join(row["tags"])))
    parts = []
    if row["closeness"] is not None:
        parts.append(t("show.closeness", value=row["closeness"]))
    if row["contexts"]:
        contexts = (label("context.value", c, state.language) for c in row["contexts"])
        parts.append(t("show.contexts", value=", ".join(contexts)))
    if row["met_how"] or row["met_on"]:
        met_on = day(tie.met_on, state.language) if tie.met_on else None
        parts.append(t("show.met", value=" ".join(x for x in (row["met_how"], met_on) if x)))
    parts.append(t("show.status", value=label("tie_status", row["status"], state.language)))
    console.print(Text.assemble((t("show.tie"), "bold"), ": " + "; ".join(parts)))
    console.print(
        state.p(
            "show.interactions",
            row["interaction_count"],
            last=_iso_day(row["last_interaction"], state.language),
        )
    )
    klass = t(f"class.{row['tie_class']}")
    why = ", ".join(
        f"{catalogue('web', state.language).gettext(r['input'])} "
        f"{number(r['value'], 2, state.language)} → "
        f"+{number(r['contribution'], 2, state.language)}"
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
                day=day(s["recorded_at"].date(), state.language),  # type: ignore[union-attr]
            )
            for s in sources
        )
        console.print(Text.assemble((t("show.sources"), "bold"), ": " + places))
    for kind, title in (("story", "show.stories"), ("note", "show.notes")):
        selected = [n for n in notes if n.kind.value == kind]
        if selected:
            console.print(Text(t(title), style="bold"))
            for n in selected:
                console.print(f"  {day(n.written_at.date(), state.language)}  {n.text}")


def _identifiers(
    emails: list[str], phones: list[str], urls: list[str]
) -> tuple[model.Identifier, ...]:
    from tiewise.contactbook import parse_identifiers

    return parse_identifiers({IK.EMAIL: emails, IK.PHONE: phones, IK.PROFILE_URL: urls})


Closeness = Annotated[
    int | None,
    typer.Option(min=1, max=5, help="How close you feel, 1 (distant) to 5 (very close)."),
]
Cadence = Annotated[
    int | None,
    typer.Option(
        "--cadence", min=1, max=3650, help="Keep in touch every so many days (the plan's rhythm)."
    ),
]
GivenName = Annotated[str | None, typer.Option(help="Given name.")]
FamilyName = Annotated[str | None, typer.Option(help="Family name.")]


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
    given_name: GivenName = None,
    family_name: FamilyName = None,
    birthday: Annotated[
        str | None,
        typer.Option(help="Birthday: YYYY-MM-DD, or --MM-DD without the year."),
    ] = None,
    cadence: Cadence = None,
) -> None:
    """Add a contact by hand."""
    from tiewise.contactbook import add_contact, parse_birthday

    state = _state(ctx)
    if not name.strip():
        raise InputError(
            "NAME: expected a name, found an empty text", field="name", key="error.name_empty"
        )
    contact = model.Contact(
        name=name,
        given_name=given_name,
        family_name=family_name,
        organisation=organisation,
        role=role,
        sector=sector,
        region=region,
        identifiers=_identifiers(email or [], phone or [], url or []),
        birthday=parse_birthday(birthday, today=date.today()),
    )
    tie = model.Tie(
        contact_id=0,
        closeness=closeness,
        contexts=tuple(context or ()),
        met_how=met_how,
        met_on=_parse_date(met_on, "--met-on"),
        cadence_days=cadence,
    )
    contact_id = add_contact(state.store, contact, tie, datetime.now())
    console.print(state.t("contact.added", name=name.strip(), id=contact_id), markup=False)


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
    birthday: Annotated[
        str | None,
        typer.Option(help="Birthday: YYYY-MM-DD, or --MM-DD without the year."),
    ] = None,
    no_birthday: Annotated[
        bool, typer.Option("--no-birthday", help="Forget the birthday.")
    ] = False,
    given_name: GivenName = None,
    family_name: FamilyName = None,
    cadence: Cadence = None,
) -> None:
    """Change a contact or the tie with them; options not given stay as they are."""
    from tiewise.contactbook import edit_contact

    state = _state(ctx)
    contact = find_contact(state, name)
    identifiers = _identifiers(email or [], phone or [], url or [])
    met = _parse_date(met_on, "--met-on")
    given = {
        "name": new_name,
        "given_name": given_name,
        "family_name": family_name,
        "organisation": organisation,
        "role": role,
        "sector": sector,
        "region": region,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    changes.update(_birthday_change(birthday, no_birthday))
    tie = {
        "closeness": closeness,
        "met_how": met_how,
        "met_on": met,
        "status": status,
        "cadence_days": cadence,
        "contexts": tuple(context) if context else None,
    }
    updated = edit_contact(
        state.store,
        contact.id,  # type: ignore[arg-type]
        changes,
        {k: v for k, v in tie.items() if v is not None},
        added=identifiers,
        when=datetime.now(),
    )
    console.print(state.t("contact.updated", name=updated.name), markup=False)


def _birthday_change(birthday: str | None, forget: bool) -> dict[str, model.Birthday | None]:
    """``{"birthday": …}`` when ``--birthday`` or ``--no-birthday`` was given, else nothing."""
    from tiewise.birthdays import birthday_input

    if birthday is not None and forget:
        raise InputError(
            "--birthday and --no-birthday: expected one of them, found both",
            key="error.birthday_both",
        )
    if forget:
        return {"birthday": None}
    if birthday is None:
        return {}
    return {"birthday": birthday_input(birthday, "--birthday", date.today())}


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
        raise InputError(
            "TEXT: expected a note, found an empty text", field="text", key="error.note_empty"
        )
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
        raise InputError(
            "TAGS: expected the tags to remove, found none",
            field="tags",
            key="error.tags_to_remove",
        )
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


@contact_app.command("tag")
def contact_tag(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, part of a name, or id.")],
    tags: Annotated[
        list[str] | None,
        typer.Argument(metavar="[TAG]...", help="Tags to add (or to remove, with --remove)."),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove these tags.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Tag a contact (e.g. investor, "Radboud alumni") to find and select them later
    (contacts --tag). Without TAG: list their tags."""
    from tiewise.store import tags as tagging

    state = _state(ctx)
    wanted = list(dict.fromkeys(tagging.clean_tag(t, "tag", "TAG") for t in tags or ()))
    contact = find_contact(state, name)
    with state.store.begin() as connection:
        person = _person(connection, contact.id)  # type: ignore[arg-type]
        have = tagging.tags_of(connection, [person]).get(person, [])
        keys = {tagging.tag_key(t) for t in have}
        if remove:
            missing = [t for t in wanted if tagging.tag_key(t) not in keys]
            if missing:
                raise InputError(
                    f"TAG: expected a tag {contact.name} has ({', '.join(have) or '—'}), "
                    f"found {missing[0]!r}",
                    field="tag",
                    key="error.tag_missing",
                    values={
                        "name": contact.name,
                        "listed": ", ".join(have) or "—",
                        "found": missing[0],
                    },
                )
            tagging.remove_tags(connection, [person], wanted)
        else:
            tagging.add_tags(connection, [person], wanted)
        now = tagging.tags_of(connection, [person]).get(person, [])
    if as_json:
        _print_json({"id": person, "name": contact.name, "tags": now})
        return
    if wanted:
        fresh = [t for t in wanted if tagging.tag_key(t) not in keys]
        key = "tags.removed" if remove else "tags.added" if fresh else "tags.already"
        shown = ", ".join(wanted if remove or not fresh else fresh)
        console.print(state.t(key, name=contact.name, tags=shown), markup=False)
    console.print(state.t("tags.list", name=contact.name, tags=", ".join(now) or "—"), markup=False)


def _person(connection: Any, contact_id: int) -> int:
    """The person a record belongs to: the surviving record it was merged into, or itself."""
    from tiewise.store.search import survivors

    return survivors(connection).get(contact_id, contact_id)


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
    from tiewise.contactbook import save_me
    from tiewise.store import repository as repo

    state = _state(ctx)
    added = _identifiers(email or [], phone or [], url or [])
    given = {
        "name": name,
        "organisation": organisation,
        "role": role,
        "sector": sector,
        "region": region,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if changes or added:
        current = save_me(state.store, changes, added=added)
        if not as_json:
            console.print(state.t("me.saved", name=current.name or "—"))
    else:
        with state.store.connect() as connection:
            current = repo.load_me(connection)
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
            if isinstance(value, list):  # each address once, however often it was recorded
                value = ", ".join(dict.fromkeys(value))
            elif key == "sector" and value:
                value = label("sector", value, state.language)
            console.print(f"{state.t(f'me.label.{key}')}: {value or '—'}", highlight=False)


# --- rating closeness


def _known(contact: Any, tie: Any, language: str) -> list[str]:
    """What is known of a contact to rate, after the name: " — organisation — contexts", each
    only when there is one (never "— — —")."""
    contexts = ", ".join(label("context.value", c, language) for c in tie.contexts)
    return [f" — {x}" for x in (contact.organisation, contexts) if x]


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
            Text.assemble((contact.name, "bold"), *_known(contact, tie, state.language)),
            "\n"
            + state.p(
                "rate.now",
                int(snapshot.interaction_counts[position]),
                strength=float(strength.score[position]),
                tie_class=state.t(f"class.{strength.tie_class[position]}"),
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
    console.print(state.p("rate.done", rated))
