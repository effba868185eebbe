"""Syncing Eva's generated mailbox (``tests/mailgen.py``, 550 messages) from mbox, Maildir,
Google Takeout and a Thunderbird profile: what becomes of every message, per correspondent;
a second sync; a message added later; a sync that fails half way; suggestions; erasure; and
removing a source with what it brought."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.mailgen import (
    ME,
    Mail,
    append_mbox,
    write_maildir,
    write_mbox,
    write_takeout,
    write_thunderbird,
)
from tests.tables import table_rows
from tiewise import model
from tiewise.erasure import erase_contact
from tiewise.sources import registry
from tiewise.sources.errors import SourceError
from tiewise.sources.sync import accept, dismiss, suggestions, sync, thread_replies
from tiewise.store import Store
from tiewise.store import repository as repo

from .conftest import NOW, be_eva, digest, email_of, mail_interactions, outcomes, per_person, rows

LEFT_OUT = {
    "list": 60,
    "newsletter": 50,
    "no_reply": 40,
    "bulk": 20,
    "automated": 15,
    "no_date": 4,
    "no_sender": 3,
    "to_yourself": 3,
}


def _write(kind: str, folder: Path, mail) -> tuple[str, Path]:
    if kind == "mbox":
        return "mbox", write_mbox(folder / "eva.mbox", mail.mails)
    if kind == "mbox-crlf":
        return "mbox", write_mbox(folder / "eva.mbox", mail.mails, crlf=True)
    if kind == "maildir":
        return "maildir", write_maildir(folder / "Maildir", mail.mails)
    if kind == "takeout":
        return "mbox", write_takeout(folder / "All mail Including Spam and Trash.mbox", mail)
    return "mbox", write_thunderbird(folder / "Local Folders", mail)


def _synced(store: Store, tmp_path: Path, mail, kind: str = "mbox", known: bool = True):
    be_eva(store, mail.known if known else None)
    source_kind, path = _write(kind, tmp_path, mail)
    registry.add(store, source_kind, path, "eva", NOW)
    return sync(store, "eva", NOW, batch_size=100), path


def _waiting(mail) -> dict[str, int]:
    """E-mail → how many messages of a person who only wrote to Eva wait for her word."""
    return dict(
        Counter(m.correspondents[0] for m in mail.kept() if m.correspondents[0] in mail.suggestions)
    )


def test_the_corpus_is_what_the_tests_say(mail):
    assert len(mail.mails) == 550
    assert mail.left_out() == Counter({**LEFT_OUT, "duplicate": 12})
    assert len(mail.kept()) == 343
    assert len(mail.contacts) == 31 and len(mail.suggestions) == 9


@pytest.mark.parametrize("kind", ["mbox", "mbox-crlf", "maildir", "takeout", "thunderbird"])
def test_every_message_ends_in_one_place_in_every_format(store: Store, tmp_path: Path, mail, kind):
    summary, _ = _synced(store, tmp_path, mail, kind)
    extra = {"takeout": {"spam": 6, "draft": 3}, "thunderbird": {"deleted": 1}}.get(kind, {})
    assert {r: n for r, n in summary.left_out.items() if n} == {**LEFT_OUT, **extra}
    assert summary.messages == 550 + sum(extra.values())
    assert summary.duplicates == 12
    assert (summary.sent, summary.received) == (155, 188)
    assert summary.interactions == 323 and summary.suggested == 20 and summary.known == 0
    assert summary.messages == (
        summary.duplicates
        + summary.interactions
        + summary.known
        + summary.suggested
        + sum(summary.left_out.values())
    )
    assert summary.contacts == 29  # the 31 contacts but the 2 Eva had already
    assert summary.suggestions == 9
    # per correspondent, as the generator says
    assert per_person(store) == mail.per_person()
    assert set(per_person(store)) == mail.contacts
    assert {s.email: s.messages for s in suggestions(store)} == _waiting(mail)
    assert outcomes(store) == Counter({"interaction": 323, "suggestion": 20, **LEFT_OUT, **extra})


def test_each_message_is_one_interaction_at_its_time_with_its_people(
    store: Store, tmp_path: Path, mail
):
    """Every kept message with a Message-ID, by its key: the time (UTC, from every zone and
    shape of date; the delivery time for a broken one), the direction, the people."""
    _synced(store, tmp_path, mail)
    emails = email_of(store)
    found = {i.external_key: i for i in mail_interactions(store)}
    checked = 0
    for expected in mail.kept():
        if not expected.message_id or set(expected.correspondents) & mail.suggestions:
            continue
        interaction = found.pop(f"mail:{digest(expected.message_id)}")
        assert interaction.occurred_at == expected.when
        assert interaction.direction.value == expected.direction
        assert sorted(emails[i] for i in interaction.participants) == sorted(
            expected.correspondents
        )
        assert interaction.kind is model.InteractionKind.EMAIL and interaction.body is None
        checked += 1
    assert checked == 318 and len(found) == 5  # the five without a Message-ID
    assert all(not key.startswith("mail:<") for key in found)  # never a Message-ID itself


def test_names_come_decoded_and_people_are_found_by_their_address(
    store: Store, tmp_path: Path, mail
):
    _synced(store, tmp_path, mail)
    with store.connect() as connection:
        names = {
            c.values(model.IdentifierKind.EMAIL)[0]: c.name for c in repo.load_contacts(connection)
        }
    assert names["j.mueller@acme.io"] == "Jürgen Müller"
    assert names["zoe.celik@han.nl"] == "Zoë Çelik"
    assert names["soren@example.org"] == "Søren Ødegård"
    assert names["renee.dupre@ziggo.nl"] == "Renée Dupré"  # I wrote to her, she never answered
    for email, name in mail.known.items():  # the contacts Eva had: found, not made again
        assert names[email] == name
    waiting = {s.email: s for s in suggestions(store)}
    assert waiting["ana.lucia@example.org"].name == "Ana Lúcia Gonçalves"  # raw 8-bit
    assert waiting["anouk@radboudumc.nl"].name == "de Vries, Anouk"


def test_a_second_sync_changes_nothing(store: Store, tmp_path: Path, mail):
    for kind in ("mbox", "maildir"):
        database = tmp_path / f"{kind}.db"
        with Store.open(database) as opened:
            _synced(opened, tmp_path / kind, mail, kind)
        before = table_rows(database)
        with Store.open(database) as opened:
            again = sync(opened, "eva", NOW)
        after = table_rows(database)
        assert again.messages == 0 and again.interactions == 0
        assert {t: r for t, r in after.items() if t != "source"} == {
            t: r for t, r in before.items() if t != "source"
        }


def test_a_message_added_later_is_read_alone(store: Store, tmp_path: Path, mail):
    _, path = _synced(store, tmp_path, mail)
    new_person = "Nina Nieuw <nina@nieuw.example>"
    known = next(iter(mail.known))
    later = [
        Mail(
            f"Eva de Wit <{ME}>",
            [new_person],
            None,
            NOW,
            "Mon, 30 Nov 2026 09:00:00 +0100",
            "<n1@x>",
        ),
        Mail(f"Kees <{known}>", [ME], None, NOW, "Mon, 30 Nov 2026 10:00:00 +0100", "<n2@x>"),
        Mail(
            "List <l@lists.example>",
            [ME],
            None,
            NOW,
            "Mon, 30 Nov 2026 11:00:00 +0100",
            "<n3@x>",
            extra=[("List-Id", "<x.lists.example>")],
        ),
    ]
    append_mbox(path, later)
    summary = sync(store, "eva", NOW)
    assert (summary.messages, summary.interactions, summary.contacts) == (3, 2, 1)
    assert dict(+summary.left_out) == {"list": 1}
    assert (summary.sent, summary.received) == (1, 1)
    assert per_person(store)["nina@nieuw.example"] == (1, 0)


def test_a_new_file_in_the_maildir_is_read_alone(store: Store, tmp_path: Path, mail):
    _, folder = _synced(store, tmp_path, mail, "maildir")
    message = Mail(f"Eva de Wit <{ME}>", ["nina@nieuw.example"], None, NOW, None, "<n1@x>")
    (folder / "new" / "1790000000.M1P1.gen").write_bytes(message.raw())  # no Date: its name's
    summary = sync(store, "eva", NOW)
    assert (summary.messages, summary.interactions, summary.contacts) == (1, 1, 1)
    (latest,) = [
        i for i in mail_interactions(store) if i.external_key == "mail:" + digest("<n1@x>")
    ]
    assert latest.occurred_at.isoformat() == "2026-09-21T14:13:20"


def test_a_failure_half_way_leaves_what_a_retry_completes_without_doubles(
    store: Store, tmp_path: Path, mail, monkeypatch: pytest.MonkeyPatch
):
    be_eva(store, mail.known)
    path = write_mbox(tmp_path / "eva.mbox", mail.mails)
    registry.add(store, "mbox", path, "eva", NOW)
    calls = {"n": 0}
    real = repo.add_interactions

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SourceError(
                "eva", "sources.expected.readable", "sources.found.os_error", reason="disk gone"
            )
        return real(*args, **kwargs)

    monkeypatch.setattr(repo, "add_interactions", failing)
    with pytest.raises(SourceError):
        sync(store, "eva", NOW, batch_size=100)
    monkeypatch.setattr(repo, "add_interactions", real)
    (source,) = registry.list_sources(store)
    assert "disk gone" in source.last_error
    with store.connect() as connection:
        from tiewise.store import sources as db

        offset = db.load_folders(connection, source.id)["eva.mbox"]["offset"]
    assert 0 < offset < path.stat().st_size  # the batches before the failure, no more
    half = rows(store, "mail_message")
    assert 0 < half < 538
    summary = sync(store, "eva", NOW, batch_size=100)
    assert summary.messages < 550
    assert per_person(store) == mail.per_person()
    assert rows(store, "mail_message") == 538  # 550 less the 12 duplicates, each once
    (source,) = registry.list_sources(store)
    assert source.last_error is None
    counts = source.counts  # the failed sync's batches counted with their data, once
    assert (counts["messages"], counts["interactions"], counts["duplicates"]) == (550, 323, 12)
    assert counts["left_out"] == {**LEFT_OUT}


def test_the_same_mail_from_two_sources_is_one_interaction_each(store: Store, tmp_path: Path, mail):
    _synced(store, tmp_path, mail, "takeout")
    folder = write_maildir(tmp_path / "Maildir", mail.mails)
    registry.add(store, "maildir", folder, "server", NOW)
    second = sync(store, "server", NOW)
    assert (second.interactions, second.known, second.contacts) == (0, 323, 0)
    assert per_person(store) == mail.per_person()
    assert {s.email: s.messages for s in suggestions(store)} == _waiting(mail)  # each once
    waiting = _waiting(mail)
    chosen, messages = accept(store, sorted(waiting), NOW)  # waiting in both sources
    assert len(chosen) == 9 and messages == sum(waiting.values()) == 20
    assert {e: n for e, n in per_person(store).items() if e in waiting} == {
        e: (0, n) for e, n in waiting.items()
    }
    assert outcomes(store)["interaction"] == 2 * (323 + 20)


def test_suggestions_accepted_dismissed_or_written_to(store: Store, tmp_path: Path, mail):
    _, path = _synced(store, tmp_path, mail)
    waiting = {s.email: s for s in suggestions(store)}
    ana = waiting["ana.lucia@example.org"]
    chosen, messages = accept(store, [ana.email], NOW)
    assert [c.email for c in chosen] == [ana.email] and messages == ana.messages
    assert per_person(store)[ana.email] == (0, ana.messages)
    with store.connect() as connection:
        contact = repo.find_contact(connection, "Ana Lúcia Gonçalves")
    assert contact.values(model.IdentifierKind.EMAIL) == (ana.email,)
    anouk = waiting["anouk@radboudumc.nl"]
    dismiss(store, [str(anouk.id)])
    assert anouk.email not in {s.email for s in suggestions(store)}
    assert [s.status for s in suggestions(store, every=True) if s.email == anouk.email] == [
        "dismissed"
    ]
    # Eva writes to another one: a contact, with every message they sent her
    other = next(s for s in suggestions(store) if s.email not in (ana.email, anouk.email))
    append_mbox(
        path,
        [Mail(f"Eva <{ME}>", [other.email], None, NOW, "Mon, 30 Nov 2026 09:00:00 +0100", "<w@x>")],
    )
    summary = sync(store, "eva", NOW)
    assert (summary.contacts, summary.promoted) == (1, 1)
    assert per_person(store)[other.email] == (1, other.messages)
    assert other.email not in {s.email for s in suggestions(store, every=True)}
    with pytest.raises(Exception, match="expected the id or e-mail address of a suggestion"):
        accept(store, ["nobody@example.org"], NOW)


def test_a_suggestion_that_became_a_contact_elsewhere_is_promoted(
    store: Store, tmp_path: Path, mail
):
    _synced(store, tmp_path, mail)
    person = suggestions(store)[0]
    with store.begin() as connection:
        repo.add_contacts(
            connection,
            [
                model.Contact(
                    name="By hand",
                    identifiers=(model.Identifier(model.IdentifierKind.EMAIL, person.email),),
                )
            ],
        )
    summary = sync(store, "eva", NOW)
    assert (summary.messages, summary.promoted) == (0, 1)
    assert per_person(store)[person.email] == (0, person.messages)


def test_erased_people_stay_erased(store: Store, tmp_path: Path, mail):
    _, path = _synced(store, tmp_path, mail)
    juergen = "j.mueller@acme.io"
    with store.connect() as connection:
        contact = repo.find_contact(connection, "Jürgen Müller")
    erase_contact(store, contact, "[erased]", NOW)
    assert juergen not in per_person(store)
    append_mbox(
        path,
        [
            Mail(f"Eva <{ME}>", [juergen], None, NOW, "Mon, 30 Nov 2026 09:00:00 +0100", "<e1@x>"),
            Mail(juergen, [ME], None, NOW, "Mon, 30 Nov 2026 10:00:00 +0100", "<e2@x>"),
            Mail(
                f"Eva <{ME}>",
                [juergen, "nina@nieuw.example"],
                None,
                NOW,
                "Mon, 30 Nov 2026 11:00:00 +0100",
                "<e3@x>",
            ),
        ],
    )
    summary = sync(store, "eva", NOW)
    assert summary.left_out["erased"] == 2 and summary.interactions == 1
    assert summary.contacts == 1 and summary.suggestions == 0
    assert juergen not in email_of(store).values()
    assert juergen not in {s.email for s in suggestions(store, every=True)}
    # a full read again (the file rewritten) does not bring him back either
    write_mbox(path, mail.mails)
    assert sync(store, "eva", NOW).interactions == 0
    assert juergen not in email_of(store).values()


def test_removing_a_source_takes_back_what_it_brought_and_keeps_what_i_wrote(
    store: Store, tmp_path: Path, mail
):
    _synced(store, tmp_path, mail)
    with store.begin() as connection:
        noted = repo.find_contact(connection, "Jürgen Müller")
        rated = repo.find_contact(connection, "Zoë Çelik")
        repo.add_notes(connection, [model.Note(noted.id, "Met at the fair", NOW)])  # type: ignore[arg-type]
        repo.set_closeness(connection, rated.id, 4)  # type: ignore[arg-type]
    database = Path(store.engine.url.database)  # type: ignore[arg-type]
    before = table_rows(database)
    preview = registry.remove(store, "eva", dry_run=True)
    assert table_rows(database) == before  # a preview writes nothing
    assert preview.as_json() == {
        "source": "eva",
        "interactions": 323,
        "contacts": 27,
        "kept_contacts": 2,
        "suggestions": 9,
        "messages": 538,
        "links": preview.links,
        "applied": False,
    }
    removal = registry.remove(store, "eva")
    assert removal.as_json() == {**preview.as_json(), "applied": True}
    assert mail_interactions(store) == []
    assert sorted(email_of(store).values()) == sorted(
        [*mail.known, "j.mueller@acme.io", "zoe.celik@han.nl"]
    )
    with store.connect() as connection:
        assert [n.text for n in repo.load_notes(connection, noted.id)] == ["Met at the fair"]
        assert repo.load_tie(connection, rated.id).closeness == 4  # type: ignore[arg-type]
    for table in ("source", "mail_message", "mail_suggestion", "source_folder", "contact_link"):
        assert rows(store, table) == 0, table
    with pytest.raises(SourceError, match="expected the name of a source"):
        registry.remove(store, "eva")


def test_removing_one_of_two_sources_keeps_what_the_other_read(store: Store, tmp_path: Path, mail):
    _synced(store, tmp_path, mail)
    registry.add(store, "maildir", write_maildir(tmp_path / "Maildir", mail.mails), "server", NOW)
    sync(store, "server", NOW)
    removal = registry.remove(store, "eva")
    assert (removal.interactions, removal.contacts, removal.kept_contacts) == (0, 0, 29)
    assert per_person(store) == mail.per_person()
    assert {s.email for s in suggestions(store)} == mail.suggestions


def test_who_answered_whom(store: Store, tmp_path: Path, mail):
    """Replies across, per person, as the generator threaded them."""
    _synced(store, tmp_path, mail)
    by_id = {m.message_id: m for m in mail.kept() if m.message_id}
    expected: dict[str, list[int]] = {}
    for message in mail.kept():
        parent_id = message.in_reply_to or (message.references[-1] if message.references else None)
        parent = by_id.get(parent_id)
        if parent is None or parent.direction == message.direction:
            continue
        for email in set(message.correspondents) & set(parent.correspondents):
            pair = expected.setdefault(email, [0, 0])
            pair[0 if message.direction == "inbound" else 1] += 1
    emails = email_of(store)
    found = {
        emails[i]: [r.they_answered, r.i_answered]
        for i, r in thread_replies(store).items()
        if r.they_answered or r.i_answered
    }
    assert found == expected
    assert sum(a for a, _ in found.values()) > 20 and sum(b for _, b in found.values()) > 20


def test_syncing_without_knowing_who_i_am_writes_nothing(store: Store, tmp_path: Path, mail):
    path = write_mbox(tmp_path / "eva.mbox", mail.mails)
    registry.add(store, "mbox", path, "eva", NOW)
    with pytest.raises(SourceError, match="expected your own e-mail addresses"):
        sync(store, "eva", NOW)
    assert rows(store, "mail_message") == rows(store, "contact") == 0
    assert "tiewise me" in registry.list_sources(store)[0].last_error


def test_a_source_that_vanished_is_one_line_and_recorded(store: Store, tmp_path: Path, mail):
    _, path = _synced(store, tmp_path, mail)
    path.unlink()
    with pytest.raises(SourceError, match="found nothing there"):
        sync(store, "eva", NOW)
    assert "found nothing there" in registry.list_sources(store)[0].last_error
