"""IMAP sources against a real Dovecot the tests start themselves (``tests/sources/dovecot.py``):
Eva's generated mailbox (``tests/mailgen.py``, 550 messages: threads, lists, encoded names,
broken dates) in a Maildir the server serves over TLS and STARTTLS with a throw-away
certificate. The first sync is the Maildir-file sync of the same messages; a second fetches no
header; a message appended is read alone; a renumbered folder (new ``UIDVALIDITY``) counts
nothing twice; a server killed between batches leaves what was written whole and the next sync
completes; a wrong password, an untrusted certificate, a missing folder and an unreachable host
are one-line errors that write nothing."""

from __future__ import annotations

import json
import os
import re
import ssl
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from imapclient import IMAPClient
from typer.testing import CliRunner

from tests.mailgen import ME, ME_ALT, ME_NAME, Mail, write_maildir
from tiewise.cli import app
from tiewise.sources import imap, registry, secrets
from tiewise.sources.errors import SourceError
from tiewise.sources.sync import sync
from tiewise.store import Store
from tiewise.store import sources as db

from .conftest import NOW, be_eva, email_of, mail_interactions, outcomes, per_person, rows
from .dovecot import DOVECOT, Dovecot

if DOVECOT is None:
    if os.environ.get("CI"):
        pytest.fail("Dovecot is missing: make test installs dovecot-imapd", pytrace=False)
    pytest.skip("Dovecot is not installed (make dovecot installs it)", allow_module_level=True)

PASSWORD = "geheim-1"
runner = CliRunner()


def _dated(folder: Path, mails: list[Mail]) -> None:
    """Each file's modification time is its delivery time, as a mail server keeps it (Dovecot
    gives it as INTERNALDATE); a message without one gets 1 January 1970, a clock never set."""
    for path in folder.rglob("*"):
        if path.is_file() and path.parent.name in ("cur", "new"):
            found = re.search(r"\.M(\d+)P", path.name)
            stamp = (
                int(mails[int(found.group(1))].delivered.replace(tzinfo=UTC).timestamp())
                if found
                else 0
            )
            os.utime(path, (stamp, stamp))


def _user(server: Dovecot, user: str, mails: list[Mail]) -> None:
    folder = server.add_user(user, PASSWORD)
    write_maildir(folder, mails)
    _dated(folder, mails)
    server.own()


#: The users besides Eva, each with a part of her mail to change as a test needs.
USERS = {"anna": (0, 40), "bram": (0, 60), "cees": (100, 130), "daan": (200, 220)}


@pytest.fixture(scope="module")
def dovecot(mail) -> Iterator[Dovecot]:
    server = Dovecot()
    _user(server, "eva", mail.mails)
    for user, (start, end) in USERS.items():
        _user(server, user, mail.mails[start:end])
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to this machine's keyring: without one, the password is in the
    environment."""
    monkeypatch.setattr(secrets, "has_keyring", lambda: False)
    monkeypatch.setenv("TIEWISE_IMAP_PASSWORD", PASSWORD)


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of messages of every FETCH the readers send."""
    counted: list[int] = []
    original = IMAPClient.fetch

    def fetch(self, messages, data, modifiers=None):
        if data == imap.FETCHED:  # tiewise's: headers and the delivery time, never a body
            counted.append(len(messages))
        return original(self, messages, data, modifiers)

    monkeypatch.setattr(IMAPClient, "fetch", fetch)
    return counted


def _add(store: Store, server: Dovecot, user: str = "eva", **options) -> db.SourceRow:
    options.setdefault("ca_file", str(server.cert))
    options.setdefault("port", server.imaps_port)
    return imap.add(store, "127.0.0.1", NOW, name=user, user=user, **options)


def _client(server: Dovecot, user: str) -> IMAPClient:
    client = IMAPClient(
        "127.0.0.1",
        server.imaps_port,
        ssl_context=ssl.create_default_context(cafile=str(server.cert)),
        timeout=10,
    )
    client.login(user, PASSWORD)
    return client


def _what(store: Store) -> tuple:
    """Everything a sync made that can be compared between two databases."""
    emails = email_of(store)
    found = sorted(
        (
            i.external_key,
            i.occurred_at,
            i.direction.value,
            tuple(sorted(emails[p] for p in i.participants)),
        )
        for i in mail_interactions(store)
    )
    return found, per_person(store), outcomes(store), rows(store, "mail_suggestion")


def test_first_sync_is_the_maildir_sync_and_a_second_fetches_nothing(
    store: Store, tmp_path: Path, mail, dovecot: Dovecot, fetches: list[int]
):
    be_eva(store, mail.known)
    source = _add(store, dovecot)
    assert source.secret == "env:TIEWISE_IMAP_PASSWORD"
    assert PASSWORD not in repr(source.settings)
    first = sync(store, "eva", NOW, batch_size=200)
    assert sum(fetches) == 550  # every message; not the draft in Drafts, a folder left out
    assert max(fetches) <= 200
    # the same messages as files
    with Store.open(tmp_path / "files.db") as files:
        be_eva(files, mail.known)
        registry.add(files, "maildir", write_maildir(tmp_path / "Maildir", mail.mails), "eva", NOW)
        expected = sync(files, "eva", NOW)
        assert first.as_json() == expected.as_json()
        assert _what(store) == _what(files)
    assert first.messages == 550 and first.duplicates == 12 and first.interactions == 323
    with store.connect() as connection:
        folders = db.load_folders(connection, source.id)
    assert set(folders) == {"INBOX", "Sent"}
    assert all(state["uid"] > 0 and state["uidvalidity"] for state in folders.values())
    # nothing new: no header fetched, nothing counted
    fetches.clear()
    second = sync(store, "eva", NOW)
    assert fetches == [] and second.messages == 0
    # Dovecot says the same: headers were read, never a body
    ended = [line for line in dovecot.logged().splitlines() if "imap(eva)" in line]
    bodies = [re.search(r"body_count=(\d+)", line) for line in ended]
    assert any(bodies) and all(found.group(1) == "0" for found in bodies if found)
    assert any("hdr_count=" in line for line in ended)


def test_a_new_message_is_read_alone(store: Store, mail, dovecot: Dovecot, fetches: list[int]):
    be_eva(store, mail.known)
    _add(store, dovecot, "anna", folders=["INBOX", "Sent"])
    before = sync(store, "anna", NOW)
    new = Mail(
        f"{ME_NAME} <{ME}>",
        ["Nieuw Contact <nieuw@example.org>"],
        None,
        NOW.replace(month=11),
        "Mon, 2 Nov 2026 10:00:00 +0100",
        "<new-one@studiowit.nl>",
    )
    client = _client(dovecot, "anna")
    client.append("Sent", new.raw())
    client.logout()
    fetches.clear()
    after = sync(store, "anna", NOW)
    assert fetches == [1]
    assert (after.messages, after.interactions, after.sent, after.contacts) == (1, 1, 1, 1)
    assert before.messages == 40
    assert "nieuw@example.org" in email_of(store).values()


def test_a_renumbered_folder_is_read_again_without_counting_twice(
    store: Store, mail, dovecot: Dovecot, fetches: list[int]
):
    be_eva(store, mail.known)
    source = _add(store, dovecot, "bram", folders=["INBOX", "Sent"])
    first = sync(store, "bram", NOW)
    with store.connect() as connection:
        validity = db.load_folders(connection, source.id)["Sent"]["uidvalidity"]
    made = rows(store, "interaction")
    # the server renumbers Sent: the same messages under a new UIDVALIDITY
    client = _client(dovecot, "bram")
    client.select_folder("Sent")
    sent = [data[b"RFC822"] for data in client.fetch(client.search("ALL"), ["RFC822"]).values()]
    client.unselect_folder()
    client.delete_folder("Sent")
    client.create_folder("Sent")
    for message in sent:
        client.append("Sent", message)
    client.logout()
    fetches.clear()
    again = sync(store, "bram", NOW)
    assert sum(fetches) == len(sent) > 0  # Sent only, from the start
    assert again.messages == again.duplicates == len(sent)
    assert rows(store, "interaction") == made
    with store.connect() as connection:
        assert db.load_folders(connection, source.id)["Sent"]["uidvalidity"] != validity
    fetches.clear()
    assert sync(store, "bram", NOW).messages == 0 and fetches == []
    assert first.messages == 60


def test_a_server_stopped_mid_sync_keeps_whole_batches_and_the_next_sync_completes(
    store: Store, tmp_path: Path, mail, dovecot: Dovecot
):
    be_eva(store, mail.known)
    source = _add(store, dovecot)
    batches: list[int] = []

    def stop_after_first(batch) -> None:
        batches.append(len(batch.messages))
        if len(batches) == 1:
            dovecot.kill()

    try:
        with pytest.raises(SourceError) as failed:
            sync(store, "eva", NOW, progress=stop_after_first, batch_size=50)
    finally:
        if dovecot.process is None:
            dovecot.start()
    said = str(failed.value)
    assert said.startswith("source 'eva': expected an IMAP server at imaps://eva@127.0.0.1")
    assert "\n" not in said
    assert batches == [50]
    # the batch written is whole, and the state is where it ends
    with store.connect() as connection:
        folders = db.load_folders(connection, source.id)
        stored = db.load_source(connection, "eva")
    assert stored is not None
    assert rows(store, "mail_message") == 50 - stored.counts["duplicates"]
    assert folders["INBOX"]["uid"] >= 50 and folders["Sent"]["uid"] == 0  # Sent not read yet
    assert stored.last_error == said
    assert stored.counts["messages"] == 50
    # the next sync reads the rest, and the whole is what one sync makes
    rest = sync(store, "eva", NOW)
    assert rest.messages == 500
    with Store.open(tmp_path / "once.db") as once:
        be_eva(once, mail.known)
        _add(once, dovecot)
        sync(once, "eva", NOW)
        assert _what(store) == _what(once)
    with store.connect() as connection:
        assert db.load_source(connection, "eva").counts["messages"] == 550  # type: ignore[union-attr]


def test_a_wrong_password_is_one_line_and_writes_nothing(
    store: Store, mail, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
):
    be_eva(store, mail.known)
    monkeypatch.setenv("TIEWISE_IMAP_PASSWORD", "wrong")
    with pytest.raises(SourceError) as refused:
        _add(store, dovecot)
    assert str(refused.value) == (
        f"source 'eva': expected a login eva the server at imaps://eva@127.0.0.1:"
        f"{dovecot.imaps_port} accepts, found a refused login (check the user name and password)"
    )
    assert rows(store, "source") == 0
    # a password changed after the source was added
    monkeypatch.setenv("TIEWISE_IMAP_PASSWORD", PASSWORD)
    _add(store, dovecot)
    monkeypatch.setenv("TIEWISE_IMAP_PASSWORD", "wrong")
    with pytest.raises(SourceError, match="found a refused login"):
        sync(store, "eva", NOW)
    assert rows(store, "mail_message") == rows(store, "source_folder") == 0
    assert rows(store, "interaction") == 0


def test_an_untrusted_certificate_is_refused_unless_its_ca_file_is_given(
    store: Store, dovecot: Dovecot
):
    with pytest.raises(SourceError) as refused:
        _add(store, dovecot, ca_file=None)
    said = str(refused.value)
    assert "expected a certificate this machine trusts" in said and "--ca-file" in said
    assert "self-signed certificate" in said
    assert rows(store, "source") == 0
    assert _add(store, dovecot).name == "eva"


def test_starttls_reads_the_same(store: Store, mail, dovecot: Dovecot):
    be_eva(store, mail.known)
    source = _add(store, dovecot, "cees", port=dovecot.imap_port, starttls=True)
    assert imap.where(source.settings).startswith("imap+starttls://cees@127.0.0.1")
    assert sync(store, "cees", NOW).messages == 30


def test_bad_input_is_one_line_and_writes_nothing(
    store: Store, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
):
    with pytest.raises(SourceError) as missing:
        _add(store, dovecot, folders=["INBOX", "Archief"])
    assert "expected folders the server at" in str(missing.value)
    assert "found no folder Archief; there are: Drafts, INBOX, Sent" in str(missing.value)
    from tests.sources.dovecot import free_port

    with pytest.raises(SourceError, match=r"expected an IMAP server at .* found none that answers"):
        _add(store, dovecot, port=free_port())
    monkeypatch.delenv("TIEWISE_IMAP_PASSWORD")
    with pytest.raises(SourceError) as no_password:
        _add(store, dovecot)
    assert "TIEWISE_SECRET_EVA" in str(no_password.value)
    assert "--prompt" in str(no_password.value)
    assert rows(store, "source") == 0


def test_the_cli_keeps_the_password_in_the_keyring_and_removing_forgets_it(
    tmp_path: Path, mail, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
):
    import keyring
    from keyring.backend import KeyringBackend

    kept: dict[tuple[str, str], str] = {}

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service, username):
            return kept.get((service, username))

        def set_password(self, service, username, password):
            kept[(service, username)] = password

        def delete_password(self, service, username):
            kept.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    monkeypatch.setattr(secrets, "has_keyring", lambda: True)
    try:
        database = tmp_path / "eva.db"

        def run(*args: str, code: int = 0, lang: str = "en"):
            result = runner.invoke(app, ["--db", str(database), "--lang", lang, *args])
            assert result.exit_code == code, (result.output, result.exception)
            return result

        run("me", "--name", ME_NAME, "--email", ME, "--email", ME_ALT)
        added = run(
            "sources", "add", "imap", "--host", "127.0.0.1", "--port", str(dovecot.imaps_port),
            "--user", "daan", "--ca-file", str(dovecot.cert), "--name", "werk",
        )  # fmt: skip
        assert "imaps://daan@127.0.0.1" in added.stdout
        assert kept == {("tiewise", "source:werk"): PASSWORD}
        assert PASSWORD.encode() not in database.read_bytes()
        monkeypatch.delenv("TIEWISE_IMAP_PASSWORD")  # from the keyring now
        assert json.loads(run("sync", "werk", "--json").stdout)["sources"][0]["messages"] == 20
        listed = run("sources", "list", lang="nl").stdout
        assert "sleutelhanger" in listed and "source:werk" in listed
        run("sources", "remove", "werk", "--yes")
        assert kept == {}
    finally:
        keyring.set_keyring(previous)
