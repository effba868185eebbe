"""Mail headers, and nothing else: the fields tiewise reads from a message, parsed with the
standard library's ``email`` package.

Every mail source hands over the *header block* of a message — the bytes up to the first blank
line; mbox and Maildir readers stop reading there, an IMAP reader will ask the server for
``BODY.PEEK[HEADER.FIELDS (…)]`` with :data:`FIELDS` — and :func:`parse_header_block` turns it
into :class:`MailHeaders`. A body is never read, parsed or stored.

What is read, and why:

- ``From``, ``To``, ``Cc``, ``Bcc`` — who wrote to whom (``Bcc`` appears only in the copy of a
  message I sent, and names people I wrote to);
- ``Date`` — when; a missing or malformed date leaves ``sent_at`` empty, and the reader's own
  time (an mbox ``From_`` line, a Maildir delivery time) may stand in for it;
- ``Message-ID`` — the key that keeps a message from being counted twice; only its SHA-256
  digest is kept (:func:`message_digest`);
- ``In-Reply-To``, ``References`` — the thread, so that replies can be told (did they answer,
  did I), again as digests;
- ``List-Id``, ``List-Unsubscribe``, ``Precedence``, ``Auto-Submitted``,
  ``X-Auto-Response-Suppress`` — mail no person wrote to me: lists, newsletters, bulk and
  automatic mail (:func:`automatic_reason`);
- ``X-Gmail-Labels`` (Google Takeout) and ``X-Mozilla-Status`` (Thunderbird) — spam, drafts
  and messages deleted but still in the file.

Subject, body and attachments are not among them.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.errors import MessageError  # HeaderParseError, CharsetError ("=?tf-8?…")
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from tiewise.identifiers import normalise_email

#: The header fields read, in the order an IMAP ``HEADER.FIELDS`` request will list them.
FIELDS = (
    "From",
    "To",
    "Cc",
    "Bcc",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "List-Id",
    "List-Unsubscribe",
    "Precedence",
    "Auto-Submitted",
    "X-Auto-Response-Suppress",
    "X-Gmail-Labels",
    "X-Mozilla-Status",
)
_WANTED = frozenset(name.lower().encode() for name in FIELDS)
_PARSER = BytesHeaderParser(policy=compat32)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")

#: Local parts of addresses no person reads or writes from: no-reply senders, bounces and
#: mailer daemons. Compared without ``-``, ``_``, ``.`` and a ``+tag``.
NO_REPLY_LOCAL_PARTS = frozenset(
    {
        "noreply",
        "donotreply",
        "noreplies",
        "mailerdaemon",
        "postmaster",
        "bounce",
        "bounces",
        "notification",
        "notifications",
    }
)
_NO_REPLY_PREFIXES = ("noreply", "donotreply", "bounce")
_SEPARATORS = str.maketrans("", "", "-_.")

#: ``Precedence`` values that mark mail sent to many (RFC 2076; ``list`` is a mailing list).
BULK_PRECEDENCE = frozenset({"bulk", "junk", "list"})
#: Gmail labels (Google Takeout's ``X-Gmail-Labels``) that mark mail that is no correspondence.
GMAIL_LEFT_OUT = {"spam": "spam", "draft": "draft", "drafts": "draft"}
#: Thunderbird's ``X-Mozilla-Status`` flag of a message deleted but not yet compacted away.
MOZILLA_EXPUNGED = 0x0008


@dataclass(frozen=True, slots=True)
class Address:
    """A person in a header: an e-mail address in normal form (``identifiers.normalise_email``)
    and the name shown with it, decoded (RFC 2047), ``""`` when there is none."""

    email: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class MailHeaders:
    """What one message's header says, in the form every mail source produces.

    ``digest`` identifies the message (of its Message-ID, or of its headers when it has none);
    ``parent`` is the digest of the message it answers, ``thread`` that of the first message
    of its thread (its own digest when it starts one). ``sent_at`` is naive UTC, ``None`` when
    the ``Date`` is missing or malformed; ``received_at`` is the time the reader knows from
    elsewhere (an mbox ``From_`` line, a Maildir delivery time), if any. ``reason`` says why
    the message is no correspondence between people (``list``, ``newsletter``, ``bulk``,
    ``automated``, ``spam``, ``draft``, ``deleted``), ``None`` when nothing says so.
    ``folder`` and ``line`` say where it was read (an mbox file and the line of its ``From_``
    line; a Maildir folder)."""

    digest: str
    sender: Address | None
    recipients: tuple[Address, ...]
    sent_at: datetime | None
    parent: str | None
    thread: str
    reason: str | None
    folder: str
    line: int | None = None
    received_at: datetime | None = None
    has_message_id: bool = True


def message_digest(message_id: str) -> str:
    """The key kept for a Message-ID: the first 128 bits of its SHA-256, in hex. The same
    Message-ID read from any source gives the same digest; the digest gives no Message-ID back
    that was not guessed already."""
    return hashlib.sha256(message_id.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def wanted_fields(block: bytes) -> bytes:
    """Only the fields of :data:`FIELDS` from a header block (with their folded lines), so that
    the parser never sees the rest — what an IMAP server sends for ``HEADER.FIELDS``."""
    kept = []
    keep = False
    for line in block.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if keep:
                kept.append(line)
            continue
        name, colon, _ = line.partition(b":")
        keep = bool(colon) and name.strip().lower() in _WANTED
        if keep:
            kept.append(line)
    kept.append(b"")
    return b"\n".join(kept)


def _text(value: object) -> str:
    """A header value as text: 8-bit bytes a sender put in raw (not RFC 2047) read as UTF-8,
    else as Latin-1."""
    if not isinstance(value, str):
        value = str(value)
    if value.isascii():
        return value
    try:
        value.encode("utf-8")  # no byte the parser could not decode as ASCII
        return value
    except UnicodeEncodeError:
        raw = value.encode("ascii", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decoded_name(name: str) -> str:
    """A display name with its RFC 2047 encoded words decoded (``=?UTF-8?Q?J=C3=BCrgen?=``,
    ``=?ISO-8859-1?B?…?=``), without surrounding quotes and blanks; a name that does not decode
    is kept as written."""
    if "=?" in name:
        with suppress(ValueError, LookupError, UnicodeError, AssertionError, MessageError):
            name = str(make_header(decode_header(name)))
    return " ".join(name.strip().strip("\"'").split())


def addresses(values: list[str]) -> tuple[Address, ...]:
    """The addresses of the header values (``To``, ``Cc`` …), each once, in order; a part that
    is no e-mail address is left out."""
    if len(values) == 1:
        return _addresses(_text(values[0]))
    found: dict[str, Address] = {}
    for value in values:
        for address in _addresses(_text(value)):
            found.setdefault(address.email, address)
    return tuple(found.values())


@lru_cache(maxsize=8192)
def _addresses(value: str) -> tuple[Address, ...]:
    """The addresses of one header value. Mail repeats its senders and recipients, and
    ``getaddresses`` costs tens of microseconds a call: the last 8,192 values are remembered."""
    found: dict[str, Address] = {}
    for name, raw in getaddresses([value]):
        email = normalise_email(raw)
        if email is None or email in found:
            continue
        shown = decoded_name(name)
        found[email] = Address(email, "" if shown.lower() == email else shown)
    return tuple(found.values())


def sent_at(value: str | None) -> datetime | None:
    """The ``Date`` as naive UTC, ``None`` when missing or malformed (a date without a zone,
    ``-0000``, is taken as UTC)."""
    if not value:
        return None
    try:
        found = parsedate_to_datetime(_text(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if found.tzinfo is not None:
        try:
            found = found.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError):
            return None
    return found


def message_ids(value: str | None) -> list[str]:
    """The ``<…>`` message ids in a header value, in order."""
    return _MESSAGE_ID.findall(_text(value)) if value else []


def is_no_reply(email: str) -> bool:
    """Whether an address is one nobody writes from or reads: ``noreply@``, ``no-reply@``,
    ``do_not_reply@``, ``mailer-daemon@``, ``bounces+123@`` …"""
    local = email.partition("@")[0].partition("+")[0].translate(_SEPARATORS)
    return local in NO_REPLY_LOCAL_PARTS or local.startswith(_NO_REPLY_PREFIXES)


def automatic_reason(fields: dict[str, str]) -> str | None:
    """Why a message is no correspondence between people, from its headers (lower-case field
    names); ``None`` when nothing says so. In this order: spam or a draft (Gmail's labels), a
    message deleted in Thunderbird, automatic mail (``Auto-Submitted`` other than ``no``, RFC
    3834; ``X-Auto-Response-Suppress``, which Exchange puts on automatic replies and notices),
    a mailing list (``List-Id``, RFC 2919), a newsletter (``List-Unsubscribe``, RFC 2369),
    bulk mail (``Precedence: bulk``, ``junk`` or ``list``)."""
    labels = fields.get("x-gmail-labels")
    if labels:
        for label in labels.split(","):
            reason = GMAIL_LEFT_OUT.get(label.strip().strip('"').lower())
            if reason:
                return reason
    status = fields.get("x-mozilla-status")
    if status:
        try:
            if int(status.strip(), 16) & MOZILLA_EXPUNGED:
                return "deleted"
        except ValueError:
            pass
    submitted = fields.get("auto-submitted", "").strip().lower()
    if submitted and submitted.split(";")[0].strip() != "no":
        return "automated"
    suppress = fields.get("x-auto-response-suppress", "").strip().lower()
    if suppress and suppress != "none":
        return "automated"
    if fields.get("list-id"):
        return "list"
    if fields.get("list-unsubscribe"):
        return "newsletter"
    precedence = fields.get("precedence", "").strip().lower()
    if precedence in BULK_PRECEDENCE:
        return "list" if precedence == "list" else "bulk"
    return None


def parse_header_block(
    block: bytes,
    folder: str,
    line: int | None = None,
    received_at: datetime | None = None,
) -> MailHeaders:
    """The :class:`MailHeaders` of one message's header block (CRLF or LF line ends; fields
    beyond :data:`FIELDS` are dropped before parsing)."""
    message = _PARSER.parsebytes(wanted_fields(block.replace(b"\r\n", b"\n")))
    fields: dict[str, str] = {}
    lists: dict[str, list[str]] = {"from": [], "to": [], "cc": [], "bcc": []}
    for name, value in message.raw_items():  # as written: items() would mangle 8-bit names
        key = name.lower()
        text = _text(value)
        if key in lists:
            lists[key].append(text)
        elif key not in fields:
            fields[key] = text
    senders = addresses(lists["from"])
    recipients = addresses(lists["to"] + lists["cc"] + lists["bcc"])
    ids = message_ids(fields.get("message-id"))
    if ids:
        digest = message_digest(ids[0])
    else:  # no Message-ID: the same headers give the same key, so a copy is still one message
        digest = message_digest(
            "\0".join(
                ["no-message-id", fields.get("date", ""), *lists["from"], *lists["to"]]
                + lists["cc"]
            )
        )
    references = message_ids(fields.get("references"))
    replied = message_ids(fields.get("in-reply-to"))
    parent = replied[0] if replied else (references[-1] if references else None)
    first = references[0] if references else parent
    return MailHeaders(
        digest=digest,
        sender=senders[0] if senders else None,
        recipients=recipients,
        sent_at=sent_at(fields.get("date")),
        parent=message_digest(parent) if parent else None,
        thread=message_digest(first) if first else digest,
        reason=automatic_reason(fields),
        folder=folder,
        line=line,
        received_at=received_at,
        has_message_id=bool(ids),
    )
