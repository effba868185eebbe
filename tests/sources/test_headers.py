"""Mail headers as real mail has them: encoded names, every shape of date, missing fields, and
the marks of lists, newsletters and automatic mail."""

from __future__ import annotations

from datetime import datetime

import pytest

from tiewise.model import Direction
from tiewise.sources.headers import (
    FIELDS,
    Address,
    automatic_reason,
    decoded_name,
    is_no_reply,
    parse_header_block,
    sent_at,
    wanted_fields,
)
from tiewise.sources.mail import judge
from tiewise.sources.mbox import from_line_date

from .conftest import digest

NOW = datetime(2026, 12, 1)
MINE = frozenset({"eva@studiowit.nl", "eva.dewit@gmail.com"})


def _headers(text: str | bytes, **options):
    block = text if isinstance(text, bytes) else text.encode()
    return parse_header_block(block, "INBOX", **options)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j@acme.io>", "Jürgen Müller"),
        ("=?ISO-8859-1?B?Wm/rIMdlbGlr?= <j@acme.io>", "Zoë Çelik"),
        ("=?utf-8?b?U8O4cmVuIMOYZGVnw6VyZA==?= <j@acme.io>", "Søren Ødegård"),
        ("=?iso-8859-1?q?Ren=E9e_Dupr=E9?= <j@acme.io>", "Renée Dupré"),
        ('"de Vries, Anouk" <J@Acme.IO>', "de Vries, Anouk"),
        ("=?utf-8?q?Jan?= =?utf-8?q?_Jansen?= <j@acme.io>", "Jan Jansen"),  # two words joined
        ("j@acme.io (Jan Jansen)", "Jan Jansen"),  # the old comment form
        ("<j@acme.io>", ""),
        ("j@acme.io", ""),
        ("=?x-unknown?q?Jan?= <j@acme.io>", "=?x-unknown?q?Jan?="),  # kept as written
        ("=?utf-8?b?Q?= <j@acme.io>", "=?utf-8?b?Q?="),  # broken base64: kept as written
    ],
)
def test_names_are_decoded_as_written(written: str, name: str):
    found = _headers(f"From: {written}\nTo: eva@studiowit.nl\n")
    assert found.sender == Address("j@acme.io", name)


def test_raw_8_bit_names_read_as_utf_8_or_else_latin_1():
    utf8 = _headers("From: Ana Lúcia <a@x.org>\n".encode())
    latin1 = _headers("From: Ana Lúcia <a@x.org>\n".encode("latin-1"))
    assert utf8.sender == latin1.sender == Address("a@x.org", "Ana Lúcia")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Tue, 03 Nov 2026 10:15:00 +0100", datetime(2026, 11, 3, 9, 15)),
        ("3 Nov 2026 10:15:00 -0500", datetime(2026, 11, 3, 15, 15)),
        ("Tue, 3 Nov 2026 10:15:00 GMT", datetime(2026, 11, 3, 10, 15)),
        ("Tue, 03 Nov 2026 10:15:00 +0000 (UTC)", datetime(2026, 11, 3, 10, 15)),
        ("Tue, 03 Nov 26 10:15:00 +0200", datetime(2026, 11, 3, 8, 15)),
        ("Tue, 03 Nov 2026 10:15:00 -0000", datetime(2026, 11, 3, 10, 15)),
        ("Tue,  3 Nov 2026 10:15 +0100", datetime(2026, 11, 3, 9, 15)),
        ("not a date", None),
        ("Tue, 32 Nov 2026 25:61:00 +0100", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_every_zone_and_shape_become_utc(written, expected):
    assert sent_at(written) == expected


def test_a_date_before_1980_or_far_ahead_gives_way_to_the_delivery_time():
    delivered = datetime(2026, 3, 1, 8, 0)
    epoch = _headers(
        "From: a@x.org\nTo: eva@studiowit.nl\nDate: Thu, 01 Jan 1970 00:00:00 +0000\n",
        received_at=delivered,
    )
    ahead = _headers(
        "From: a@x.org\nTo: eva@studiowit.nl\nDate: Fri, 01 Jan 2049 00:00:00 +0000\n",
        received_at=delivered,
    )
    assert judge(epoch, MINE, NOW).occurred_at == delivered
    assert judge(ahead, MINE, NOW).occurred_at == delivered
    undated = _headers("From: a@x.org\nTo: eva@studiowit.nl\nDate: soon\n")
    assert judge(undated, MINE, NOW).reason == "no_date"


def test_message_ids_give_the_key_and_the_thread():
    found = _headers(
        "From: a@x.org\nMessage-ID:  <3@x.org>  \nIn-Reply-To: <2@x.org> (Anna's message)\n"
        "References: <1@x.org>\n\t<2@x.org>\n"
    )
    assert (found.digest, found.parent, found.thread) == (
        digest("<3@x.org>"),
        digest("<2@x.org>"),
        digest("<1@x.org>"),
    )
    only_references = _headers("From: a@x.org\nMessage-ID: <3@x.org>\nReferences: <1@x> <2@x>\n")
    assert only_references.parent == digest("<2@x>")
    first = _headers("From: a@x.org\nMessage-ID: <1@x.org>\n")
    assert (first.parent, first.thread) == (None, first.digest)


def test_a_message_without_message_id_is_known_by_its_headers():
    text = "From: a@x.org\nTo: eva@studiowit.nl\nDate: Tue, 3 Nov 2026 10:15:00 GMT\n"
    assert _headers(text).digest == _headers(text.replace("\n", "\r\n")).digest
    assert not _headers(text).has_message_id
    assert _headers(text).digest != _headers(text.replace("10:15", "10:16")).digest


def test_only_the_wanted_fields_reach_the_parser():
    block = (
        b"Received: from x\n\tby y\nSubject: secret plans\nFrom: a@x.org\nX-Spam: yes\n"
        b"To: b@x.org,\n c@x.org\nDKIM-Signature: v=1;\n\tb=abc\n"
    )
    assert wanted_fields(block) == b"From: a@x.org\nTo: b@x.org,\n c@x.org\n"
    assert "Subject" not in FIELDS
    found = _headers(block)
    assert [r.email for r in found.recipients] == ["b@x.org", "c@x.org"]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"list-id": "Design NL <design.lists.example.org>"}, "list"),
        ({"list-unsubscribe": "<https://x/u>"}, "newsletter"),
        ({"list-id": "<a>", "list-unsubscribe": "<b>"}, "list"),
        ({"precedence": "bulk"}, "bulk"),
        ({"precedence": "junk"}, "bulk"),
        ({"precedence": "list"}, "list"),
        ({"auto-submitted": "auto-replied"}, "automated"),
        ({"auto-submitted": "auto-generated; type=dsn"}, "automated"),
        ({"auto-submitted": "no"}, None),
        ({"x-auto-response-suppress": "All"}, "automated"),
        ({"x-auto-response-suppress": "None"}, None),
        ({"x-gmail-labels": "Inbox,Spam"}, "spam"),
        ({"x-gmail-labels": 'Opened,"Drafts"'}, "draft"),
        ({"x-gmail-labels": "Sent,Important"}, None),
        ({"x-mozilla-status": "0009"}, "deleted"),
        ({"x-mozilla-status": "0001"}, None),
        ({"precedence": "first-class"}, None),
        ({}, None),
    ],
)
def test_lists_newsletters_bulk_and_automatic_mail_are_told(fields, reason):
    assert automatic_reason(fields) == reason


@pytest.mark.parametrize(
    ("email", "no_reply"),
    [
        ("noreply@bank.example", True),
        ("no-reply@x.example", True),
        ("no_reply@x.example", True),
        ("do-not-reply@x.example", True),
        ("donotreply@x.example", True),
        ("noreply+abc@x.example", True),
        ("noreply-12345@x.example", True),
        ("mailer-daemon@x.example", True),
        ("bounces+1234-ab@sendgrid.example", True),
        ("notifications@github.example", True),
        ("anouk@radboudumc.nl", False),
        ("info@drukkerij.example", False),
        ("norbert@x.example", False),
    ],
)
def test_no_reply_senders_are_told(email, no_reply):
    assert is_no_reply(email) is no_reply


def test_direction_and_correspondents_follow_my_addresses():
    sent = _headers(
        "From: Eva <Eva.DeWit@gmail.com>\nTo: a@x.org, eva@studiowit.nl\n"
        "Cc: noreply@x.org, b@x.org\nBcc: c@x.org\nDate: Tue, 3 Nov 2026 10:15:00 GMT\n"
    )
    judged = judge(sent, MINE, NOW)
    assert judged.direction is Direction.OUTBOUND
    assert [a.email for a in judged.correspondents] == ["a@x.org", "b@x.org", "c@x.org"]
    received = _headers(
        "From: a@x.org\nTo: eva@studiowit.nl\nCc: b@x.org\nDate: Tue, 3 Nov 2026 10:15:00 GMT\n"
    )
    judged = judge(received, MINE, NOW)
    assert judged.direction is Direction.INBOUND
    assert [a.email for a in judged.correspondents] == ["a@x.org"]
    to_me = _headers(
        "From: eva@studiowit.nl\nTo: eva.dewit@gmail.com\nDate: Tue, 3 Nov 2026 10:15:00 GMT\n"
    )
    assert judge(to_me, MINE, NOW).reason == "to_yourself"
    assert judge(_headers("To: eva@studiowit.nl\n"), MINE, NOW).reason == "no_sender"
    assert judge(_headers("From: Bank <noreply@bank.example>\n"), MINE, NOW).reason == "no_reply"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"From MAILER-DAEMON Thu Jan  2 10:00:00 2020", datetime(2020, 1, 2, 10, 0)),
        (b"From - Sat Jan 03 10:00:00 2026\r\n", datetime(2026, 1, 3, 10, 0)),
        (b"From 1700000000000000000@xxx Thu Jan 02 10:00:00 +0100 2020", datetime(2020, 1, 2, 9)),
        (b"From a@b.c Mon Feb 30 10:00:00 2020", None),
        (b"From MAILER-DAEMON", None),
    ],
)
def test_the_from_line_date(line, expected):
    assert from_line_date(line) == expected


def test_a_name_in_an_unknown_or_damaged_charset_is_kept_as_written():
    """A flipped byte in a real mbox turned ``=?utf-8?`` into ``=?tf-8?``: the standard library
    raises CharsetError for it, which must not stop the sync (found by the mail fuzz test)."""
    assert decoded_name("=?tf-8?Q?J=C3=BCrgen?= ") == "=?tf-8?Q?J=C3=BCrgen?="
    assert decoded_name("=?x-unknown?B?SsO8cmdlbg==?=") == "=?x-unknown?B?SsO8cmdlbg==?="
