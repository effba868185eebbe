"""The choices the store keeps for sources, with no imports: the schema and the migration read
them without loading the readers."""

from __future__ import annotations

#: The kinds of source (``sources add KIND``); IMAP, CardDAV and CalDAV readers come next.
KINDS = ("mbox", "maildir", "imap", "carddav", "caldav")

#: Why a message is no correspondence between people, in the order they are judged.
LEFT_OUT = (
    "spam",
    "draft",
    "deleted",
    "automated",
    "list",
    "newsletter",
    "bulk",
    "no_reply",
    "no_sender",
    "no_date",
    "to_yourself",
    "erased",
)

#: What became of a message read: an interaction, a suggestion to review, or left out.
OUTCOMES = ("interaction", "suggestion", *LEFT_OUT)

#: A person who only wrote to me: waiting for the user's word, or kept out by it.
SUGGESTION_STATUSES = ("pending", "dismissed")
