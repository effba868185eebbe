"""Realistic test mail, generated, with what tiewise must make of every message.

``corpus(seed, scale)`` builds the mailbox of Eva de Wit (``eva@studiowit.nl``, also
``eva.dewit@gmail.com``): threads with people who answer and people who do not, in both
directions; people who only write to her; mailing lists (``List-Id``), newsletters
(``List-Unsubscribe``), bulk mail (``Precedence: bulk``), no-reply senders, automatic replies
(``Auto-Submitted``, ``X-Auto-Response-Suppress``); names in RFC 2047 (UTF-8 and ISO-8859-1, Q
and B) and in raw 8-bit; dates in every zone and shape, broken dates (the ``From_`` line or the
Maildir delivery time stands in) and messages without any date; messages without Message-ID,
without From, to herself; duplicates. At ``scale=1`` it holds about 600 messages.

Each :class:`Mail` says what it must become (``reason`` left out, or an interaction with
``direction`` and ``correspondents`` at ``when``); :class:`Corpus` adds them up per person.

Writers: :func:`write_mbox` (mboxrd, LF or CRLF), :func:`write_takeout` (one big ``.mbox`` as
Google Takeout writes it: ``From 1234…@xxx`` lines, ``X-GM-THRID``, ``X-Gmail-Labels``, CRLF,
with spam and drafts in it), :func:`write_thunderbird` (a profile's ``Mail/Local Folders``:
``Inbox``, ``Sent``, ``Drafts``, ``Trash``, ``.msf`` files, ``Archives.sbd/2025``, and a message
deleted but not compacted away) and :func:`write_maildir` (``cur``/``new``/``tmp``, Maildir++
``.Sent`` and ``.Drafts``, some files with CRLF).
"""

from __future__ import annotations

import base64
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

ME = "eva@studiowit.nl"
ME_ALT = "eva.dewit@gmail.com"
ME_NAME = "Eva de Wit"
START = datetime(2025, 1, 6, 8, 0)  # naive UTC
DOMAINS = ("radboudumc.nl", "nijmegen.nl", "acme.io", "example.org", "han.nl", "ziggo.nl")


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    #: the name as the header writes it (RFC 2047, quoted, raw 8-bit …)
    shown: str | None = None

    def header(self) -> str:
        shown = self.shown if self.shown is not None else self.name
        return f"{shown} <{self.email}>" if shown else self.email


ENCODED = [
    # UTF-8, Q
    Person("Jürgen Müller", "j.mueller@acme.io", "=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?="),
    # ISO-8859-1, B
    Person(
        "Zoë Çelik",
        "zoe.celik@han.nl",
        "=?ISO-8859-1?B?" + base64.b64encode("Zoë Çelik".encode("latin-1")).decode() + "?=",
    ),
    # UTF-8, B
    Person(
        "Søren Ødegård",
        "soren@example.org",
        "=?utf-8?b?" + base64.b64encode("Søren Ødegård".encode()).decode() + "?=",
    ),
    # ISO-8859-1, Q
    Person("Renée Dupré", "renee.dupre@ziggo.nl", "=?iso-8859-1?q?Ren=E9e_Dupr=E9?="),
    # quoted, with a comma
    Person("de Vries, Anouk", "anouk@radboudumc.nl", '"de Vries, Anouk"'),
]
#: written as raw UTF-8 bytes in the header (against the rules, common in practice)
RAW_8BIT = Person("Ana Lúcia Gonçalves", "ana.lucia@example.org")

GIVEN = "Anouk Bram Chantal Daan Emma Floor Gijs Hanna Ilse Joris Kees Lotte Mila Noor Otto Pien"
FAMILY = "Bakker Jansen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer"


@dataclass
class Mail:
    """One message, and what it must become."""

    sender: str | None  # the From header value
    to: list[str]
    when: datetime | None  # expected occurred_at (naive UTC); None: left out for no date
    delivered: datetime  # the From_ line / Maildir delivery time (naive UTC)
    date_header: str | None
    message_id: str | None
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    body: str = ""
    reason: str | None = None  # the reason it is left out
    direction: str | None = None  # outbound | inbound
    correspondents: tuple[str, ...] = ()
    duplicate: bool = False  # a second copy of an earlier message
    dated_delivery: bool = True  # whether the From_ line / unique name carries the time
    raw_from: bytes | None = None  # a From header in raw 8-bit bytes
    labels: str = ""  # Gmail labels (Takeout)
    folder: str = "inbox"  # inbox | sent | drafts | archive
    mozilla_status: str | None = None

    def header_bytes(self) -> bytes:
        lines: list[bytes] = [
            b"Received: from mx.example.net (mx.example.net [192.0.2.1])",
            b"\tby mail.studiowit.nl with ESMTPS id 4AbCd; " + _rfc(self.delivered).encode(),
            b"Return-Path: <bounce@example.net>",
        ]
        if self.raw_from is not None:
            lines.append(b"From: " + self.raw_from)
        elif self.sender is not None:
            lines.append(b"From: " + self.sender.encode())
        if self.to:
            lines.append(_folded("To", self.to))
        if self.cc:
            lines.append(_folded("Cc", self.cc))
        if self.bcc:
            lines.append(_folded("Bcc", self.bcc))
        lines.append(b"Subject: " + _subject(self).encode())
        if self.date_header is not None:
            lines.append(b"Date: " + self.date_header.encode())
        if self.message_id is not None:
            lines.append(b"Message-ID: " + self.message_id.encode())
        if self.in_reply_to:
            lines.append(b"In-Reply-To: " + self.in_reply_to.encode())
        if self.references:
            lines.append(_folded("References", self.references, separator=" "))
        for name, value in self.extra:
            lines.append(f"{name}: {value}".encode())
        if self.mozilla_status is not None:
            lines.append(b"X-Mozilla-Status: " + self.mozilla_status.encode())
        lines += [
            b"MIME-Version: 1.0",
            b"Content-Type: text/plain; charset=utf-8",
            b"Content-Transfer-Encoding: 8bit",
        ]
        return b"\n".join(lines) + b"\n"

    def raw(self) -> bytes:
        return self.header_bytes() + b"\n" + self.body.encode()


def _folded(name: str, values: list[str], separator: str = ", ") -> bytes:
    """A header with one value per line after the first (folded, as long headers are)."""
    joiner = separator.rstrip() + "\n\t" if len(values) > 2 else separator
    return f"{name}: {joiner.join(values)}".encode()


def _subject(mail: Mail) -> str:
    return "Re: plans for the fair" if mail.in_reply_to or mail.references else "Plans for the fair"


def _rfc(moment: datetime, zone: timezone = UTC) -> str:
    local = moment.replace(tzinfo=UTC).astimezone(zone)
    return local.strftime("%a, %d %b %Y %H:%M:%S %z")


#: Date header shapes: (make the header from naive UTC, whether it reads)
def _date_variants() -> list:
    def plus_one(m: datetime) -> str:
        return _rfc(m, timezone(timedelta(hours=1)))

    def minus_five(m: datetime) -> str:
        return _rfc(m, timezone(timedelta(hours=-5)))[5:]  # no day name

    def gmt(m: datetime) -> str:
        return m.strftime("%a, %-d %b %Y %H:%M:%S GMT")

    def comment(m: datetime) -> str:
        return _rfc(m) + " (UTC)"

    def two_digit_year(m: datetime) -> str:
        local = m.replace(tzinfo=UTC).astimezone(timezone(timedelta(hours=2)))
        return local.strftime("%a, %d %b %y %H:%M:%S +0200")

    def no_zone(m: datetime) -> str:
        return m.strftime("%a, %d %b %Y %H:%M:%S -0000")

    return [plus_one, minus_five, gmt, comment, two_digit_year, no_zone]


BROKEN_DATES = (
    "not a date",
    "Tue, 32 Nov 2026 25:61:00 +0100",
    "Thu, 01 Jan 1970 00:00:00 +0000",  # the epoch: a clock never set
    "",
)


@dataclass
class Corpus:
    mails: list[Mail]
    people: dict[str, str]  # e-mail → name, everyone who corresponds
    contacts: set[str]  # e-mail addresses that must become (or be) contacts
    suggestions: set[str]  # e-mail addresses that must become suggestions
    known: dict[str, str]  # contacts that exist before the sync: e-mail → name
    takeout_extra: list[Mail] = field(default_factory=list)  # spam and drafts, in Takeout only
    thunderbird_extra: list[Mail] = field(default_factory=list)  # a deleted message

    def kept(self, mails: list[Mail] | None = None) -> list[Mail]:
        return [m for m in (mails or self.mails) if m.reason is None and not m.duplicate]

    def left_out(self, mails: list[Mail] | None = None) -> Counter[str]:
        counts: Counter[str] = Counter()
        for mail in mails or self.mails:
            if mail.duplicate:
                counts["duplicate"] += 1
            elif mail.reason is not None:
                counts[mail.reason] += 1
        return counts

    def per_person(self, mails: list[Mail] | None = None) -> dict[str, tuple[int, int]]:
        """E-mail → (messages from me to them, messages from them to me) that are kept and
        reach a contact (suggestions' messages wait)."""
        counts: dict[str, list[int]] = {}
        for mail in self.kept(mails):
            for email in mail.correspondents:
                if email in self.suggestions:
                    continue
                pair = counts.setdefault(email, [0, 0])
                pair[0 if mail.direction == "outbound" else 1] += 1
        return {email: (a, b) for email, (a, b) in counts.items()}


class _Builder:
    def __init__(self, seed: int, scale: int = 1) -> None:
        self.scale = scale  # more mail, closer together: every corpus spans the same months
        self.rng = random.Random(seed)
        self.clock = START
        self.count = 0
        self.mails: list[Mail] = []
        self.dates = _date_variants()

    def tick(self) -> datetime:
        self.clock += timedelta(seconds=round(self.rng.randint(20, 600) * 60 / self.scale))
        return self.clock

    def message_id(self, domain: str = "studiowit.nl") -> str:
        self.count += 1
        return f"<{self.count}.{self.rng.getrandbits(40):x}@{domain}>"

    def body(self) -> str:
        words = "ok thanks for the plans see you at the fair next week coffee".split()
        lines = []
        for _ in range(self.rng.randint(3, 40)):
            lines.append(" ".join(self.rng.choice(words) for _ in range(self.rng.randint(3, 12))))
        if self.rng.random() < 0.1:
            lines.append(">From the minutes of last week:")  # an escaped From_ line (mboxrd)
        if self.rng.random() < 0.08:
            blob = base64.b64encode(self.rng.randbytes(self.rng.randint(2000, 30000))).decode()
            lines += [blob[i : i + 76] for i in range(0, len(blob), 76)]
        return "\n".join(lines) + "\n"

    def mail(self, **fields) -> Mail:
        when = fields.pop("at", None) or self.tick()
        shape = fields.pop("date_shape", None)
        if "date_header" not in fields:
            fields["date_header"] = (shape or self.rng.choice(self.dates))(when)
        fields.setdefault("message_id", self.message_id())
        fields.setdefault("body", self.body())
        mail = Mail(when=when, delivered=when + timedelta(seconds=30), **fields)
        self.mails.append(mail)
        return mail


def _me(rng: random.Random) -> str:
    return f"{ME_NAME} <{ME if rng.random() < 0.85 else ME_ALT}>"


def corpus(seed: int = 20, scale: int = 1) -> Corpus:
    """Eva's mailbox (see the module docstring); ``scale`` multiplies the people and threads."""
    b = _Builder(seed, scale)
    rng = b.rng
    names = [f"{g} {f}" for g in GIVEN.split() for f in FAMILY.split()]
    rng.shuffle(names)
    plain = iter(names * (1 + scale))
    serial = iter(range(10**6))

    def person() -> Person:
        name = next(plain)
        domain = rng.choice(DOMAINS)
        local = name.lower().replace(" ", ".")
        return Person(name, f"{local}{next(serial)}@{domain}")

    two_way = ENCODED[:3] + [person() for _ in range(20 * scale)]
    silent = [person() for _ in range(5 * scale)] + [ENCODED[3]]  # I write, no answer
    writers = [person() for _ in range(7 * scale)] + [ENCODED[4], RAW_8BIT]  # only write to me
    known = [person() for _ in range(2)]  # contacts already, who only write to me
    people: dict[str, str] = {p.email: p.name for p in two_way + silent + writers + known}
    contacts = {p.email for p in two_way + silent + known}
    suggestions = {p.email for p in writers}

    def header(p: Person) -> str:
        return p.header()

    # threads, replies both ways
    for p in two_way:
        for _ in range(rng.randint(2, 6)):
            ids: list[str] = []
            mine = rng.random() < 0.5
            for _step in range(rng.randint(1, 5)):
                cc_person = rng.choice(two_way) if rng.random() < 0.15 else None
                cc = [header(cc_person)] if cc_person and cc_person is not p else []
                if mine:
                    fields = dict(
                        sender=_me(rng),
                        to=[header(p)],
                        cc=cc,
                        direction="outbound",
                        correspondents=(p.email, *([cc_person.email] if cc else [])),
                        folder="sent",
                    )
                else:
                    fields = dict(
                        sender=header(p),
                        to=[f"{ME_NAME} <{ME}>"],
                        cc=cc,
                        direction="inbound",
                        correspondents=(p.email,),
                    )
                reply: dict = {}
                if ids:
                    style = rng.random()
                    if style < 0.6:
                        reply = {"in_reply_to": ids[-1], "references": list(ids)}
                    elif style < 0.8:
                        reply = {"in_reply_to": ids[-1]}
                    else:
                        reply = {"references": list(ids)}
                mail = b.mail(**fields, **reply)
                ids.append(mail.message_id)
                mine = not mine
    # people I write to who never answer (one by Bcc)
    for p in silent:
        for i in range(rng.randint(1, 3)):
            bcc = i == 0 and p is silent[0]
            b.mail(
                sender=_me(rng),
                to=[] if bcc else [header(p)],
                bcc=[header(p)] if bcc else [],
                direction="outbound",
                correspondents=(p.email,),
                folder="sent",
            )
    # people who only write to me; the raw 8-bit name
    for p in writers + known:
        for _ in range(rng.randint(1, 4)):
            if p is RAW_8BIT:
                mail = b.mail(sender=None, to=[ME], direction="inbound", correspondents=(p.email,))
                mail.raw_from = f"{p.name} <{p.email}>".encode()
            else:
                b.mail(sender=header(p), to=[ME], direction="inbound", correspondents=(p.email,))
    # mailing lists: posts by others and by me
    for _ in range(60 * scale):
        poster = rng.choice([*two_way, Person(ME_NAME, ME)])
        b.mail(
            sender=header(poster),
            to=["design-nl@lists.example.org"],
            extra=[
                ("List-Id", "Design NL <design-nl.lists.example.org>"),
                ("List-Post", "<mailto:design-nl@lists.example.org>"),
            ],
            reason="list",
            folder="sent" if poster.email == ME else "inbox",
        )
    # newsletters, bulk mail, no-reply senders
    for i in range(50 * scale):
        b.mail(
            sender=f"Vakblad Design <nieuws{i % 3}@vakblad.example>",
            to=[ME],
            extra=[("List-Unsubscribe", "<https://vakblad.example/u?x=1>")],
            reason="newsletter",
        )
    for _ in range(20 * scale):
        b.mail(
            sender="Drukkerij <info@drukkerij.example>",
            to=[ME],
            extra=[("Precedence", "bulk")],
            reason="bulk",
        )
    senders = (
        "noreply@bank.example",
        "no-reply@accounts.example",
        "do_not_reply@shop.example",
        "DoNotReply@portal.example",
        "MAILER-DAEMON@mail.studiowit.nl",
        "bounces+1234-abcd@sendgrid.example",
    )
    for i in range(40 * scale):
        b.mail(sender=senders[i % len(senders)], to=[ME], reason="no_reply")
    # automatic replies from people I do write to
    for p in two_way[:10]:
        b.mail(
            sender=header(p),
            to=[ME],
            extra=[("Auto-Submitted", "auto-replied")],
            reason="automated",
        )
    for p in two_way[:5]:
        b.mail(
            sender=header(p),
            to=[ME],
            extra=[("X-Auto-Response-Suppress", "All")],
            reason="automated",
        )
    # broken dates (the delivery time stands in), and no date at all
    for broken in BROKEN_DATES * 3:
        p = rng.choice(two_way)
        mail = b.mail(sender=header(p), to=[ME], direction="inbound", correspondents=(p.email,))
        mail.date_header = broken or None
        mail.when = mail.delivered.replace(microsecond=0)
    for i in range(4):
        p = rng.choice(two_way)
        mail = b.mail(sender=header(p), to=[ME], reason="no_date")
        mail.date_header = BROKEN_DATES[i % 2]
        mail.dated_delivery = False
        mail.when = None
    # missing headers, mail to myself
    for _ in range(5):
        p = rng.choice(two_way)
        mail = b.mail(sender=header(p), to=[ME], direction="inbound", correspondents=(p.email,))
        mail.message_id = None
    for _ in range(3):
        b.mail(sender=None, to=[ME], reason="no_sender")
    for _ in range(3):
        b.mail(sender=f"{ME_NAME} <{ME}>", to=[ME_ALT], reason="to_yourself", folder="sent")
    # duplicates: a second copy of some messages
    originals = [m for m in b.mails if m.reason is None and m.message_id][::25]
    for original in originals[: 12 * scale]:
        copy = replace(original, duplicate=True)
        b.mails.append(copy)
    mails = list(b.mails)
    # Takeout-only: spam and drafts
    takeout_extra = []
    for _ in range(6):
        p = rng.choice(writers)
        takeout_extra.append(b.mail(sender=header(p), to=[ME], labels="Spam", reason="spam"))
    for _ in range(3):
        p = rng.choice(two_way)
        takeout_extra.append(
            b.mail(sender=_me(rng), to=[header(p)], labels="Drafts,Opened", reason="draft")
        )
    # Thunderbird-only: a message deleted but still in the file
    p = rng.choice(writers)
    deleted = b.mail(sender=header(p), to=[ME], mozilla_status="0009", reason="deleted")
    return Corpus(
        mails=mails,
        people=people,
        contacts=contacts,
        suggestions=suggestions,
        known={p.email: p.name for p in known},
        takeout_extra=takeout_extra,
        thunderbird_extra=[deleted],
    )


# --- writers ----------------------------------------------------------------------------------


def _asctime(moment: datetime) -> str:
    return moment.strftime("%a %b %e %H:%M:%S %Y")


def _escaped(body: bytes) -> bytes:
    """mboxrd: a body line starting with ``From `` or ``>…From `` gets one more ``>``."""
    out = []
    for line in body.split(b"\n"):
        stripped = line.lstrip(b">")
        out.append(b">" + line if stripped.startswith(b"From ") else line)
    return b"\n".join(out)


def mbox_bytes(mails: list[Mail], crlf: bool = False, style: str = "plain") -> bytes:
    """The messages as one mbox (mboxrd); ``style`` ``takeout`` or ``thunderbird`` writes their
    ``From_`` lines."""
    parts = []
    for i, mail in enumerate(mails):
        if style == "takeout":
            stamp = mail.delivered.strftime("%a %b %d %H:%M:%S +0000 %Y")
            from_line = f"From {1700000000000000000 + i}@xxx {stamp}"
        elif style == "thunderbird":
            from_line = f"From - {_asctime(mail.delivered)}"
        else:
            sender = "MAILER-DAEMON"
            if mail.sender and "<" in mail.sender:
                sender = mail.sender.split("<")[1].rstrip(">")
            from_line = f"From {sender} {_asctime(mail.delivered)}"
        if not mail.dated_delivery:
            from_line = "From MAILER-DAEMON"
        header = mail.header_bytes()
        if style == "takeout":
            labels = mail.labels or ("Sent" if mail.direction == "outbound" else "Inbox,Opened")
            header = (
                f"X-GM-THRID: {1600000000000000000 + i}\nX-Gmail-Labels: {labels}\n".encode()
                + header
            )
        data = from_line.encode() + b"\n" + header + b"\n" + _escaped(mail.body.encode())
        if not data.endswith(b"\n"):
            data += b"\n"
        parts.append(data + b"\n")
    out = b"".join(parts)
    return out.replace(b"\n", b"\r\n") if crlf else out


def write_mbox(path: Path, mails: list[Mail], crlf: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mbox_bytes(mails, crlf))
    return path


def append_mbox(path: Path, mails: list[Mail], crlf: bool = False) -> None:
    with path.open("ab") as handle:
        handle.write(mbox_bytes(mails, crlf))


def write_takeout(path: Path, corpus: Corpus) -> Path:
    """Google Takeout's ``All mail Including Spam and Trash.mbox``: every message once, CRLF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mbox_bytes(corpus.mails + corpus.takeout_extra, True, "takeout"))
    return path


def write_thunderbird(folder: Path, corpus: Corpus) -> Path:
    """A Thunderbird ``Local Folders``: Inbox, Sent, Archives.sbd/2025 (and Drafts, Trash and
    ``.msf`` files that are not read)."""
    folder.mkdir(parents=True, exist_ok=True)
    sent = [m for m in corpus.mails if m.folder == "sent"]
    rest = [m for m in corpus.mails if m.folder != "sent"]
    half = len(rest) // 2
    (folder / "Inbox").write_bytes(
        mbox_bytes(rest[:half] + corpus.thunderbird_extra, False, "thunderbird")
    )
    (folder / "Sent").write_bytes(mbox_bytes(sent, False, "thunderbird"))
    (folder / "Archives.sbd").mkdir(exist_ok=True)
    (folder / "Archives.sbd" / "2025").write_bytes(mbox_bytes(rest[half:], False, "thunderbird"))
    (folder / "Archives").write_bytes(b"")
    (folder / "Trash").write_bytes(b"")
    (folder / "Drafts").write_bytes(mbox_bytes(corpus.takeout_extra[-3:], False, "thunderbird"))
    for name in ("Inbox", "Sent", "Trash", "Drafts", "Archives"):
        (folder / f"{name}.msf").write_bytes(b'// <!-- <mdb:mork:z v="1.4"/> -->\n< <(a=c)>\n')
    (folder / "msgFilterRules.dat").write_bytes(b'version="9"\nlogging="no"\n')
    return folder


def write_maildir(folder: Path, mails: list[Mail], start: int = 0) -> Path:
    """A Maildir: messages I sent in ``.Sent``, the rest in ``cur`` (read) or ``new``;
    ``tmp`` holds a message still being delivered; ``.Drafts`` a draft. Every fifth file has
    CRLF line ends."""
    for part in ("cur", "new", "tmp"):
        (folder / part).mkdir(parents=True, exist_ok=True)
        (folder / ".Sent" / part).mkdir(parents=True, exist_ok=True)
        (folder / ".Drafts" / part).mkdir(parents=True, exist_ok=True)
    (folder / "tmp" / "1700000000.M0P0.gen").write_bytes(b"From: half@deliver.ed\nTo: ")
    (folder / ".Drafts" / "cur" / "1700000000.M1P0.gen:2,D").write_bytes(
        Mail(f"{ME_NAME} <{ME}>", ["x@example.org"], None, START, None, "<draft@x>").raw()
    )
    for i, mail in enumerate(mails, start):
        stamp = int(mail.delivered.replace(tzinfo=UTC).timestamp())
        unique = f"{stamp}.M{i}P4242.gen" if mail.dated_delivery else f"undated{i}.gen"
        box = folder / ".Sent" if mail.folder == "sent" else folder
        path = box / "new" / unique if i % 3 == 0 else box / "cur" / f"{unique}:2,S"
        data = mail.raw()
        if i % 5 == 0:
            data = data.replace(b"\n", b"\r\n")
        path.write_bytes(data)
    return folder
