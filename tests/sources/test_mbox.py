"""mbox and Maildir readers: where a message starts, what is read of it, and what a second
read leaves out."""

from __future__ import annotations

import mailbox
import os
from pathlib import Path

import pytest

from tests.mailgen import mbox_bytes, write_maildir, write_mbox, write_thunderbird
from tiewise.sources.base import SyncState
from tiewise.sources.errors import SourceError
from tiewise.sources.maildir import MaildirSource, delivered_at, header_block, unique_name
from tiewise.sources.mbox import CHUNK, MboxSource, scan

from .conftest import digest


def _read(source, state=None, batch_size=2000):
    state = state or SyncState()
    batches = list(source.read(state, batch_size))
    for batch in batches:
        state.folders.update(batch.folders)
    return [m for b in batches for m in b.messages], batches, state


def test_the_same_messages_as_the_standard_library_in_lf_and_crlf(tmp_path: Path, mail):
    """Every message Python's ``mailbox`` finds, in the same order, from header blocks only."""
    for crlf in (False, True):
        path = write_mbox(tmp_path / f"m{crlf}.mbox", mail.mails, crlf=crlf)
        ours, _, _ = _read(MboxSource("m", path))
        theirs = list(mailbox.mbox(path))
        assert len(ours) == len(theirs) == 550
        expected = [digest(m["Message-ID"]) for m in theirs if m["Message-ID"]]
        assert [m.digest for m in ours if m.has_message_id] == expected


def test_a_from_line_in_a_body_is_no_message_unless_it_reads_like_one(tmp_path: Path):
    data = (
        b"From a@x Thu Jan  2 10:00:00 2020\nFrom: a@x.org\nMessage-ID: <1@x>\n\nHello\n"
        b"From my side all is well\n\nFrom here on we go.\n\n"  # unescaped, after a blank line
        b"From b@x Fri Jan  3 10:00:00 2020\nFrom: b@x.org\nMessage-ID: <2@x>\n\nBye\n"
        b"From c@x Sat Jan  4 10:00:00 2020\nFrom: c@x.org\nMessage-ID: <3@x>\n\n"  # no blank
    )
    path = tmp_path / "m.mbox"
    path.write_bytes(data)
    ours, _, _ = _read(MboxSource("m", path))
    senders = [m.sender.email if m.sender else None for m in ours]
    # "From here on" after a blank line starts a message (as mboxo writers intend); the body
    # line without a blank line before it does not; a From_ line with a date always does
    assert senders == ["a@x.org", None, "b@x.org", "c@x.org"]
    assert [m.line for m in ours] == [1, 8, 10, 15]


def test_a_header_without_a_body_and_a_message_across_chunks(tmp_path: Path):
    big = b"x" * 70 + b"\n"
    body = big * (CHUNK // len(big) + 3)  # a body longer than a chunk
    data = (
        b"From a@x Thu Jan  2 10:00:00 2020\nFrom: a@x.org\nMessage-ID: <1@x>\n\n"
        + body
        + b"\nFrom b@x Fri Jan  3 10:00:00 2020\nFrom: b@x.org\nMessage-ID: <2@x>\n"
    )
    path = tmp_path / "m.mbox"
    path.write_bytes(data)
    with path.open("rb") as handle:
        found = list(scan(handle, 0, len(data), 1))
    assert [m.header for m, _, _ in found] == [
        b"From: a@x.org\nMessage-ID: <1@x>\n",
        b"From: b@x.org\nMessage-ID: <2@x>\n",
    ]
    assert found[0][1] == found[1][0].start == data.index(b"From b@x")
    assert found[1][2] == data.count(b"\n") + 1  # the line at the end
    assert found[1][0].line == data[: found[1][0].start].count(b"\n") + 1


def test_a_second_read_reads_nothing_and_an_append_is_read_alone(tmp_path: Path, mail):
    path = write_mbox(tmp_path / "m.mbox", mail.mails[:300])
    first, _, state = _read(MboxSource("m", path), batch_size=64)
    assert len(first) == 300
    again, batches, state = _read(MboxSource("m", path), state)
    assert again == [] and batches == []  # not even opened
    with path.open("ab") as handle:
        handle.write(mbox_bytes(mail.mails[300:305]))
    new, _, state = _read(MboxSource("m", path), state)
    assert [m.digest for m in new] == [digest(m.message_id) for m in mail.mails[300:305]]
    assert (
        new[0].line
        == path.read_bytes().count(b"\n") - mbox_bytes(mail.mails[300:305]).count(b"\n") + 1
    )


def test_a_rewritten_file_is_read_again_from_the_start(tmp_path: Path, mail):
    path = write_mbox(tmp_path / "m.mbox", mail.mails[:100])
    _, _, state = _read(MboxSource("m", path))
    write_mbox(path, mail.mails[1:100])  # compacted: the first message deleted
    again, _, _ = _read(MboxSource("m", path), state)
    assert len(again) == 99


def test_only_the_time_changed_reads_nothing(tmp_path: Path, mail):
    path = write_mbox(tmp_path / "m.mbox", mail.mails[:20])
    _, _, state = _read(MboxSource("m", path))
    os.utime(path, ns=(1, 1))
    again, batches, state = _read(MboxSource("m", path), state)
    assert again == [] and len(batches) == 1  # looked at, nothing new
    assert state.folders["m.mbox"]["mtime_ns"] == 1


def test_a_thunderbird_profile_reads_its_mail_folders_only(tmp_path: Path, mail):
    folder = write_thunderbird(tmp_path / "Local Folders", mail)
    source = MboxSource("tb", folder)
    assert source.folders() == ["Archives", "Inbox", "Sent", "Trash", "Archives.sbd/2025"]
    messages, _, _ = _read(source)
    assert len(messages) == len(mail.mails) + 1  # and the deleted one, counted apart
    assert sum(m.reason == "deleted" for m in messages) == 1


def test_the_maildir_reads_new_and_cur_and_leaves_tmp_and_drafts(tmp_path: Path, mail):
    folder = write_maildir(tmp_path / "Maildir", mail.mails)
    source = MaildirSource("md", folder)
    assert source.folders() == [".", ".Sent"]
    messages, _, state = _read(source)
    assert len(messages) == 550
    assert {m.folder for m in messages} == {".", ".Sent"}
    read = {(f, n) for b in source.read(SyncState()) for f, n, _ in b.items}
    known = {f: {n for g, n in read if g == f} for f in (".", ".Sent")}
    state.items = lambda f: known[f]
    # a mail program marks a message read: it moves from new to cur with flags
    moved = next((folder / "new").iterdir())
    moved.rename(folder / "cur" / f"{moved.name}:2,S")
    (folder / "new" / "1800000000.M9P9.gen").write_bytes(mail.mails[0].raw())
    again, _, _ = _read(source, state)
    assert [m.digest for m in again] == [digest(mail.mails[0].message_id)]


def test_maildir_names_and_header_blocks(tmp_path: Path):
    assert unique_name("1700000000.M1P2.host:2,RS") == "1700000000.M1P2.host"
    assert unique_name("1700000000.M1P2.host!2,S") == "1700000000.M1P2.host"
    assert delivered_at("1700000000.M1P2.host").isoformat() == "2023-11-14T22:13:20"
    assert delivered_at("undated.host") is None
    path = tmp_path / "m"
    path.write_bytes(b"From: a@x\r\nTo: b@x\r\n\r\nbody\r\n\r\nmore")
    assert header_block(path) == b"From: a@x\r\nTo: b@x\r\n"
    path.write_bytes(b"From: a@x\n" + b"X-Long: " + b"y" * 40000 + b"\n\nbody")
    assert header_block(path).endswith(b"y\n")


@pytest.mark.parametrize(
    ("make", "kind", "found"),
    [
        (lambda p: p, "mbox", "nothing there"),
        (lambda p: (p.write_text("hello\n"), p)[1], "mbox", "does not start with a 'From '"),
        (lambda p: (p.mkdir(), p)[1], "mbox", "no mbox file in it"),
        (lambda p: (p.mkdir(), p)[1], "maildir", "a folder without cur and new"),
        (lambda p: (p.write_text("x"), p)[1], "maildir", "found a file"),
    ],
)
def test_a_path_that_is_not_what_it_claims_is_one_line(tmp_path: Path, make, kind, found):
    path = make(tmp_path / "x")
    reader = MboxSource("x", path) if kind == "mbox" else MaildirSource("x", path)
    with pytest.raises(SourceError) as raised:
        reader.check()
    assert str(raised.value).startswith("source 'x': expected ")
    assert found in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_message_still_being_written_does_not_hide_the_next_ones(tmp_path: Path, mail):
    """A mail program was appending when the file was read: the next read starts in the middle
    of that message, and must still find every message after it."""
    whole = mbox_bytes(mail.mails[:12])
    cut = whole.index(b"From ", whole.index(mbox_bytes(mail.mails[10:11])[:40])) + 200
    path = tmp_path / "m.mbox"
    path.write_bytes(whole[:cut])  # the eleventh message half written
    first, _, state = _read(MboxSource("m", path))
    assert len(first) == 11
    path.write_bytes(whole)  # … and now written, and the twelfth after it
    again, _, _ = _read(MboxSource("m", path), state)
    assert [m.digest for m in again] == [digest(mail.mails[11].message_id)]
    assert again[0].line == whole[: whole.rindex(b"\nFrom ") + 1].count(b"\n") + 1
