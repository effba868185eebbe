"""Mail as it comes in the wild: damaged mbox files and header blocks of any bytes are read
or refused with a SourceError — never another exception."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mailgen import corpus, mbox_bytes
from tiewise.sources.base import SyncState
from tiewise.sources.errors import SourceError
from tiewise.sources.headers import parse_header_block
from tiewise.sources.mail import judge
from tiewise.sources.mbox import MboxSource

NOW = datetime(2026, 12, 1)
MINE = frozenset({"eva@studiowit.nl"})
SAMPLE = mbox_bytes(corpus().mails[:40])
HEADER_PARTS = [
    b"From: ",
    b"To: ",
    b"Cc: ",
    b"Date: ",
    b"Message-ID: ",
    b"References: ",
    b"In-Reply-To: ",
    b"List-Id: ",
    b"X-Mozilla-Status: ",
    b"=?utf-8?b?",
    b"=?iso-8859-1?q?",
    b"=?x?B?@@@?=",
    b"=?utf-8?b?Q?=",
    b"?=",
    b"<",
    b">",
    b'"',
    b",",
    b"\r\n",
    b"\n",
    b"\n\t",
    b"\xff\xfe",
    b"\xc3",
    b"@",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HEADER_PARTS), st.binary(max_size=12)), max_size=40))
def test_any_header_block_parses_and_is_judged(parts):
    headers = parse_header_block(b"".join(parts), "INBOX")
    judged = judge(headers, MINE, NOW)
    assert (judged.reason is None) == (judged.direction is not None)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, len(SAMPLE) - 1), st.binary(min_size=0, max_size=8)),
        max_size=12,
    ),
    st.integers(0, len(SAMPLE)),
)
def test_a_damaged_mbox_is_read_or_refused_in_one_line(flips, cut):
    data = bytearray(SAMPLE[:cut])
    for at, replacement in flips:
        data[at : at + len(replacement)] = replacement
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.mbox"
        path.write_bytes(bytes(data))
        try:
            for batch in MboxSource("damaged", path).read(SyncState(), batch_size=7):
                for headers in batch.messages:
                    judge(headers, MINE, NOW)
        except SourceError as error:
            assert "\n" not in str(error)
