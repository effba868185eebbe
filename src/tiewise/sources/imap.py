"""An IMAP account, read header by header (``imapclient``).

**Connection.** TLS from the start (port 993) or plain IMAP upgraded with ``STARTTLS`` (port
143, ``--starttls``) — a password is never sent unencrypted. The server's certificate is checked
against the system's trusted certificates, or only against ``--ca-file`` (a PEM file) when it
is given; an untrusted certificate is refused. The password comes from where ``source.secret``
says (``sources/secrets.py``), never from the database.

**Folders.** The mailboxes named with ``--folders``, or every selectable one but drafts,
templates, spam and unsent mail (by name, as the mbox and Maildir readers leave them out, and
by the special-use flags ``\\Drafts`` and ``\\Junk``). Each is opened read-only (``EXAMINE``):
nothing on the server changes, not even the ``\\Seen`` flag.

**Messages.** Only ``BODY.PEEK[HEADER.FIELDS (…)]`` with exactly ``headers.FIELDS`` and the
``INTERNALDATE`` (the delivery time, standing in for a missing or malformed ``Date``) are
fetched, in batches of UIDs; the bytes go to ``headers.parse_header_block``, so the same rules
hold as for files. A body is never fetched.

**Incremental.** The folder state is ``{"uidvalidity": …, "uid": …}``: the mailbox's
``UIDVALIDITY`` and the highest UID read. A folder whose ``UIDNEXT`` says nothing came since is
not searched; otherwise ``UID SEARCH UID <uid+1>:*`` (with ``SINCE`` the date of ``--since``)
gives the UIDs to fetch. Each batch carries the state up to its highest UID, so the engine
writes state and data together. A changed ``UIDVALIDITY`` (the server renumbered the mailbox)
reads that folder again from the start; the message digests keep every message from being
counted twice.

**Failures.** An unreachable host, an untrusted certificate, a refused login, a folder that
does not exist, a connection lost half way and an answer that is no IMAP are each a
:class:`~tiewise.sources.errors.SourceError` naming the source, raised before the batch it
concerns is written.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from tiewise.sources import secrets
from tiewise.sources.base import BATCH_SIZE, Batch, SyncState
from tiewise.sources.errors import SourceError
from tiewise.sources.headers import FIELDS, MailHeaders, parse_header_block
from tiewise.sources.mbox import LEFT_OUT_FOLDERS

TLS_PORT = 993
STARTTLS_PORT = 143
#: Seconds to wait for a connection, and for an answer.
CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 120.0
#: What is fetched of each message: the header fields tiewise reads, and the delivery time.
HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS ({})]".format(" ".join(FIELDS))
FETCHED = [HEADER_ITEM, "INTERNALDATE"]
LEFT_OUT_FLAGS = frozenset({b"\\drafts", b"\\junk", b"\\noselect", b"\\nonexistent"})


def where(settings: dict[str, Any]) -> str:
    """The account as one line: ``imap://user@host:port`` (``+starttls``)."""
    user = f"{settings['user']}@" if settings.get("user") else ""
    scheme = "imap+starttls" if settings.get("starttls") else "imaps"
    return f"{scheme}://{user}{settings['host']}:{settings['port']}"


def _utc(moment: object) -> datetime | None:
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


class ImapSource:
    """An IMAP account (see the module docstring). ``fetched`` counts the messages whose
    headers were fetched by this reader."""

    kind: ClassVar[str] = "imap"

    def __init__(
        self,
        name: str,
        settings: dict[str, Any],
        secret: str,
        password: str | None = None,
    ) -> None:
        self.name = name
        self.settings = settings
        self.secret = secret
        self._password = password
        self._client: Any = None
        self._folders: list[str] | None = None
        self.fetched = 0

    # --- connecting -----------------------------------------------------------------------

    def _error(self, expected: str, found: str, **values: object) -> SourceError:
        return SourceError(self.name, expected, found, server=where(self.settings), **values)

    def _lost(self, error: BaseException) -> SourceError:
        reason = str(error) or type(error).__name__
        return self._error("sources.expected.imap_answer", "sources.found.imap_lost", reason=reason)

    def _context(self) -> ssl.SSLContext:
        ca_file = self.settings.get("ca_file")
        try:
            return ssl.create_default_context(cafile=ca_file)
        except (OSError, ssl.SSLError) as error:
            raise self._error(
                "sources.expected.ca_file", "sources.found.unreadable", path=ca_file
            ) from error

    def connect(self) -> Any:
        """A logged-in client (opened once, kept until :meth:`close`)."""
        if self._client is not None:
            return self._client
        from imapclient import IMAPClient
        from imapclient.exceptions import IMAPClientError, LoginError
        from imapclient.imapclient import SocketTimeout

        host, port = self.settings["host"], int(self.settings["port"])
        starttls = bool(self.settings.get("starttls"))
        context = self._context()
        password = self._password
        if password is None:
            password = secrets.password(self.name, self.secret)
        client = None
        try:
            client = IMAPClient(
                host,
                port,
                ssl=not starttls,
                ssl_context=context,
                timeout=SocketTimeout(CONNECT_TIMEOUT, READ_TIMEOUT),
            )
            client.normalise_times = False
            if starttls:
                client.starttls(context)
            client.login(self.settings.get("user") or "", password)
        except ssl.SSLCertVerificationError as error:
            self._drop(client)
            raise self._error(
                "sources.expected.trusted_certificate",
                "sources.found.untrusted_certificate",
                reason=error.verify_message or str(error),
            ) from error
        except LoginError as error:
            self._drop(client)
            raise self._error(
                "sources.expected.imap_login",
                "sources.found.imap_refused",
                user=self.settings.get("user") or "",
            ) from error
        except (socket.gaierror, ConnectionRefusedError, TimeoutError) as error:
            self._drop(client)
            raise self._error(
                "sources.expected.imap_server",
                "sources.found.unreachable",
                reason=error.strerror or str(error) or type(error).__name__,
            ) from error
        except (OSError, imaplib.IMAP4.error, IMAPClientError) as error:
            self._drop(client)
            raise self._error(
                "sources.expected.imap_server",
                "sources.found.imap_garbage",
                reason=str(error) or type(error).__name__,
            ) from error
        self._client = client
        return client

    @staticmethod
    def _drop(client: Any) -> None:
        if client is not None:
            with suppress(Exception):
                client.shutdown()

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with suppress(Exception):
                client.logout()
            self._drop(client)

    # --- the Source interface -------------------------------------------------------------

    def check(self) -> None:
        """Connect, log in, and find the folders to read; a folder named with ``--folders``
        that the server does not have is an error."""
        self.folders()

    def folders(self) -> list[str]:
        if self._folders is not None:
            return self._folders
        client = self.connect()
        try:
            listed = client.list_folders()
        except (OSError, imaplib.IMAP4.error) as error:
            self.close()
            raise self._lost(error) from error
        selectable = {name: {flag.lower() for flag in flags} for flags, _delimiter, name in listed}
        wanted = self.settings.get("folders")
        if wanted:
            by_lower = {name.lower(): name for name in selectable}
            chosen = []
            for folder in wanted:
                # INBOX is case-insensitive (RFC 3501); other names are the server's
                found = folder if folder in selectable else by_lower.get(folder.lower())
                if found is None or b"\\noselect" in selectable[found]:
                    self.close()
                    raise self._error(
                        "sources.expected.imap_folders",
                        "sources.found.no_folder",
                        folder=folder,
                        folders=", ".join(sorted(selectable)),
                    )
                chosen.append(found)
        else:
            chosen = [
                name
                for name, flags in selectable.items()
                if not flags & LEFT_OUT_FLAGS
                and name.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower() not in LEFT_OUT_FOLDERS
            ]
            chosen.sort(key=lambda name: (name.upper() != "INBOX", name))
        self._folders = chosen
        return chosen

    def _since(self) -> date | None:
        since = self.settings.get("since")
        return date.fromisoformat(since) if since else None

    def read(self, state: SyncState, batch_size: int = BATCH_SIZE) -> Iterator[Batch]:
        try:
            yield from self._read(state, batch_size)
        except (OSError, imaplib.IMAP4.error, EOFError) as error:
            raise self._lost(error) from error
        finally:
            self.close()

    def _read(self, state: SyncState, batch_size: int) -> Iterator[Batch]:
        from imapclient.exceptions import IMAPClientError

        client = self.connect()
        plan: list[tuple[str, int, list[int]]] = []  # folder, UIDVALIDITY, UIDs to fetch
        changed: dict[str, dict[str, Any]] = {}
        for folder in self.folders():
            try:
                opened = client.select_folder(folder, readonly=True)
            except IMAPClientError as error:  # gone since it was listed
                raise self._error(
                    "sources.expected.imap_folders",
                    "sources.found.no_folder",
                    folder=folder,
                    folders=", ".join(self.folders()),
                ) from error
            validity = int(opened[b"UIDVALIDITY"])
            before = state.folders.get(folder) or {}
            last = int(before.get("uid", 0)) if before.get("uidvalidity") == validity else 0
            if before.get("uidvalidity") != validity:
                changed[folder] = {"uidvalidity": validity, "uid": 0}
            following = opened.get(b"UIDNEXT")
            if not opened.get(b"EXISTS") or (following is not None and int(following) <= last + 1):
                continue  # nothing new: no search, no fetch
            criteria: list[Any] = ["UID", f"{last + 1}:*"]
            since = self._since()
            if since is not None:
                criteria += ["SINCE", since]
            uids = sorted(uid for uid in client.search(criteria) if uid > last)
            if uids:
                plan.append((folder, validity, uids))
        total = sum(len(uids) for _, _, uids in plan)
        done = 0
        if changed and not total:  # a renumbered folder without messages: its state only
            yield Batch(folders=changed, total=0, unit="messages")
            return
        for folder, validity, uids in plan:
            client.select_folder(folder, readonly=True)
            for start in range(0, len(uids), batch_size):
                chunk = uids[start : start + batch_size]
                answer = client.fetch(chunk, FETCHED)
                messages: list[MailHeaders] = []
                for uid in chunk:
                    found = answer.get(uid)
                    if found is None:  # expunged since the search
                        continue
                    block = b""
                    for key, value in found.items():
                        if isinstance(key, bytes) and key.startswith(b"BODY[HEADER.FIELDS"):
                            block = value or b""
                    messages.append(
                        parse_header_block(
                            block, folder, received_at=_utc(found.get(b"INTERNALDATE"))
                        )
                    )
                self.fetched += len(messages)
                done += len(chunk)
                folders = {**changed, folder: {"uidvalidity": validity, "uid": chunk[-1]}}
                changed = {}  # the renumbered folders' new state goes with the first batch
                yield Batch(
                    messages=messages, folders=folders, done=done, total=total, unit="messages"
                )
        if changed:
            yield Batch(folders=changed, done=done, total=total, unit="messages")


def add(
    store: Any,
    host: str,
    now: datetime,
    *,
    name: str | None = None,
    port: int | None = None,
    user: str | None = None,
    folders: list[str] | None = None,
    since: date | None = None,
    starttls: bool = False,
    ca_file: str | None = None,
    password_env: str | None = None,
    prompt: bool = False,
    ask: secrets.Ask | None = None,
) -> Any:
    """Add an IMAP account as a source: the settings (no password) in the database, the
    password where :mod:`~tiewise.sources.secrets` says — the keyring when this machine has
    one; else the environment variable that holds it, or ``prompt`` (``--prompt``: asked at
    each sync). The account is checked first (the connection, the certificate, the login, the
    folders): a failure writes nothing."""
    import os

    from tiewise.hygiene import check_text
    from tiewise.sources.registry import MAX_NAME
    from tiewise.store import sources as db

    chosen = (name if name is not None else host).strip()
    check_text(chosen, "--name")
    if not chosen or len(chosen) > MAX_NAME:
        raise SourceError(
            chosen or host, "sources.expected.name", "sources.found.name", limit=MAX_NAME
        )
    settings: dict[str, Any] = {
        "host": host.strip(),
        "port": port or (STARTTLS_PORT if starttls else TLS_PORT),
        "user": user,
        "folders": [f.strip() for f in folders if f.strip()] if folders else None,
        "since": since.isoformat() if since else None,
        "starttls": starttls,
        "ca_file": os.path.abspath(os.path.expanduser(ca_file)) if ca_file else None,
    }
    account = where(settings)
    with store.connect() as connection:
        for known in db.load_sources(connection):
            if known.name == chosen:
                raise SourceError(chosen, "sources.expected.new_name", "sources.found.taken")
            same = ("host", "port", "user")
            if known.kind == "imap" and all(known.settings.get(k) == settings[k] for k in same):
                raise SourceError(
                    chosen,
                    "sources.expected.new_path",
                    "sources.found.read_by",
                    other=known.name,
                    path=account,
                )
    # where the password lives, and the password itself to check the account now
    ask = ask or secrets.ASK
    if password_env:
        secret = secrets.ENV_PREFIX + password_env
        found = secrets.from_environment(chosen, password_env)
        if found is None:
            raise secrets.missing(chosen, secret)
        password = found[1]
    elif prompt:
        secret = secrets.PROMPT
        password = secrets.password(chosen, secret, ask)
    elif secrets.has_keyring():
        secret = secrets.KEYRING
        found = secrets.from_environment(chosen)
        if found is not None:
            password = found[1]
        elif ask is not None:
            password = ask(chosen)
        else:
            raise secrets.missing(chosen, secret)
    else:
        found = secrets.from_environment(chosen)
        if found is None:
            raise secrets.missing(chosen, secrets.KEYRING)
        secret = secrets.ENV_PREFIX + found[0]
        password = found[1]
    source = ImapSource(chosen, settings, secret, password=password)
    try:
        source.check()
    finally:
        source.close()
    with store.begin() as connection:
        db.add_source(connection, chosen, "imap", settings, secret, now)
        if secret == secrets.KEYRING:
            secrets.store(chosen, password)  # a failure rolls the source back
        return db.load_source(connection, chosen)
