"""LinkedIn "Download your data" export → :class:`~tiewise.ingest.records.ParsedSource`.

The export is a zip of UTF-8 CSV files (CRLF line ends, sometimes a byte order mark). It can be
given as the zip itself, as the folder it was unpacked into, or as one or more of its CSV files.
Files are recognised by the name LinkedIn gives them (case-insensitive, anywhere in the zip or
folder); a CSV given on its own under another name is recognised by its header. Inside a zip or
folder only the known names count: an export holds dozens of other CSVs, some with similar
headers, and those are ignored. Columns are always found by name, never by position — LinkedIn
has added columns over the years and the older layouts are read too.

What each file becomes:

- ``Connections.csv`` — one :class:`PersonRecord` per connection (``is_connection=True``,
  ``met_how="LinkedIn"``, ``met_on`` = *Connected On*). The header is the first row holding
  ``First Name`` and ``Last Name``: the ``Notes:`` preamble before it (quoted or not, with its blank
  line) varies and is absent in older exports; the old header without ``URL`` is read as well.
  The key is the normalised profile URL, or ``linkedin:name:<first> <last>|<company>``.
- ``Invitations.csv`` — one :class:`InvitationRecord` per row (status pending: the export lists
  open invitations). ``INCOMING`` is inbound from *From*, ``OUTGOING`` is outbound to *To*. The
  invitation's ``person`` is set only when the same export also describes that person (by profile
  URL); a stranger's invitation does not create a contact.
- ``messages.csv`` — message metadata as :class:`InteractionRecord` (``kind=MESSAGE``,
  ``channel="linkedin"``): outbound when I sent it (participants: the recipients), inbound
  otherwise (participants: the sender and the other recipients). Everyone but me gets a
  :class:`PersonRecord` with ``is_connection=False``. Every pair of people (me excluded) in a
  conversation of three or more people gets one :class:`LinkRecord` per conversation.
  The 2018-2020 ``Messages.csv`` (``From,To,Date,Subject,Content,Direction,Folder``) has no
  conversation id and no URLs: *Direction* says who sent it, the sender of an OUTGOING row and
  the only recipient of an INCOMING one recognise me by name, and the conversation is the set of
  everyone's names.
- ``Endorsement_Received_Info.csv`` / ``Endorsement_Given_Info.csv`` and
  ``Recommendations_Received.csv`` / ``Recommendations_Given.csv`` — :class:`ExchangeRecord`
  (endorsement: the skill as description; recommendation: job title and company).
- ``Profile.csv`` (with ``Positions.csv`` for the current organisation and ``Email Addresses.csv``
  for my own addresses) — the :class:`MeRecord`.
  Its name also recognises me in the messages when ``me.name`` is empty.

Me is recognised by profile URL (``me``'s ``profile_url`` identifiers) or by name
(case-insensitive, ``me.name`` or the name in Profile.csv). When neither is known, I show up as an
ordinary participant: provide ``me`` for correct message directions.

Quirks handled: the ``Notes:`` preamble; the byte order mark; CRLF and newlines inside quoted
fields (records and messages carry the 1-based physical line where their row *starts*); rows of
only commas; hidden members (empty names); quoted companies with commas, quotes and emoji;
profile URLs without scheme; English month names whatever the locale (``15 Mar 2024``); US
``M/D/YY, h:mm AM`` times with a narrow no-break space (U+202F) before AM/PM; ``2023-05-01
14:22:10 UTC`` and ``2023/06/05 15:47:58 UTC``; other forms are tried with ``dateutil`` (month
before day) but only accepted when they name a full date. Aware times become naive UTC; times
without a zone are taken as they are (LinkedIn does not say which zone they are in).

Policies:

- *skipped* (``ParsedSource.skipped``, no warning): blank and comma-only rows, hidden members and
  parties without name or URL, message drafts (``IS MESSAGE DRAFT``), messages with nobody but me,
  rows repeating an invitation or exchange already read.
- *warned and skipped* (:class:`ImportWarning` naming file, line, column, expected and found): a
  row whose date cannot be read (*Connected On*, *Sent At*, *DATE*, *Endorsement Date*,
  *Creation Date*), an invitation *Direction* other than INCOMING/OUTGOING, a message without
  *CONVERSATION ID*. An empty *Connected On* is no error: the connection is kept without
  ``met_on``. An e-mail address or profile URL that is not valid is left out of the identifiers.
- *kept whatever their status*: endorsements and recommendations. The status tells whether
  LinkedIn shows them on the profile, not whether they were given: a hidden recommendation was
  still written, so it still counts in the give/receive ledger.
- *text*: message bodies (``CONTENT``) and recommendation texts are kept only with
  ``keep_message_text=True``; subjects and invitation notes (needed to triage invitations) always.
- *row left out with a warning*: a row holding a byte that is not UTF-8 (one damaged byte) or a
  NUL byte; the warning quotes the row (``\xe9`` for the byte). A row with a field over
  :data:`~tiewise.ingest.limits.MAX_FIELD_CHARS` (1 MiB of characters); the warning names the
  column and gives the size, never the text.
- *file left out with a warning* (``file left out: expected …, found …``), the other files
  imported: a file of the export that cannot be read — not UTF-8 (UTF-16, or bytes that are not
  UTF-8 in more than one row in a hundred: another encoding), without its header
  (Connections.csv: no row with ``First Name``), or a zip member that is damaged, encrypted, or
  larger than :data:`~tiewise.ingest.linkedin_export.MAX_FILE_BYTES`.
- *raised* (:class:`~tiewise.errors.ImportFormatError`, nothing is returned): a path that does not
  exist or is not a zip, folder or CSV file; a zip whose directory cannot be read; a zip whose
  known files declare more than
  :data:`~tiewise.ingest.linkedin_export.MAX_EXPORT_BYTES` together (refused before anything is
  inflated; a member is never inflated beyond its declared size); a zip or folder without any
  known file; a CSV given on its own that is not a LinkedIn export file; an export none of whose
  files can be read (the first file's error).

File names are matched whatever their case and whether words are joined by ``_`` or a space
(2017-2018 exports wrote ``Recommendations Given.csv``); older layouts read: Connections without
``URL`` (2018 also with ``Address``, ``Websites``, ``Instant Messengers``), Email Addresses with
``Is primary`` (2017: tab-separated), Invitations without the profile URL columns, the 2018
Profile.csv. docs/capture.md lists the layouts with their years and sources.

Keys: persons as above (``linkedin:name:<name>`` for people only seen in messages, endorsements and
recommendations without URL); ``linkedin:invitation:<direction>:<url or name>:<sent at>``,
``linkedin:message:<conversation id>:<date>:<sender key>`` (``:2``, ``:3`` … added when one sender
sends several messages in the same second),
``linkedin:endorsement:<direction>:<person>:<skill>:<day>`` and
``linkedin:recommendation:<direction>:<person>:<day>``, all built from the row alone, so they do
not change with the other files imported alongside.

Persons are deduplicated by key, the richer record winning (a connection over someone only seen in
a message); identifiers and contexts of both are kept. Someone seen only by name (a recipient in an
old messages.csv, a recommender) whose name is that of exactly one person with a profile URL in
the same export is taken to be that person: references to the name key (participants, links,
exchanges) point to the URL key instead. Connections are never merged by name.

Where each part lives (this module only runs them in order, :func:`parse_linkedin`):

- ``linkedin_layouts.py`` — the files read (:class:`~tiewise.ingest.linkedin_layouts.Kind`, in
  reading order) and their table layouts: the columns per year and how each layout is recognised.
- ``linkedin_export.py`` — reading the export: collecting the CSVs from a zip, folder or files,
  finding LinkedIn's files by name, the size limits against zip bombs, decoding, rows with their
  lines, the header row, damaged rows and the quoting of found values in messages.
- ``linkedin_dates.py`` — LinkedIn's dates and times.
- ``linkedin_builder.py`` — the result as it is built: people deduplicated by key, me recognised,
  name keys resolved to profile URLs, the links of group conversations.
- ``linkedin_readers.py`` — one reader per file, rows → records: profile (with positions and
  e-mail addresses), connections, invitations, messages (also the 2018-2020 *Direction* layout),
  endorsements, recommendations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tiewise.errors import ImportFormatError
from tiewise.ingest.linkedin_builder import SOURCE, Builder, MeMatcher
from tiewise.ingest.linkedin_export import Table, collect, damaged_row_warning, read_table
from tiewise.ingest.linkedin_layouts import Kind
from tiewise.ingest.linkedin_readers import READERS
from tiewise.ingest.records import ImportWarning, ParsedSource
from tiewise.model import Me

__all__ = ["parse_linkedin"]

_ORDER = list(Kind)


def parse_linkedin(paths: Sequence[Path], me: Me, keep_message_text: bool = False) -> ParsedSource:
    """Read a LinkedIn export — one .zip, one unpacked folder, or one or more of its CSV files.

    ``me`` recognises the user in the messages; ``keep_message_text`` keeps message bodies and
    recommendation texts. The result's ``file`` is the path given (several paths: joined with
    ``", "``). Raises :class:`~tiewise.errors.ImportFormatError` when a file cannot be read as
    what it should be; rows that are bad on their own become warnings (see the module docstring).
    """
    files, failures = collect(paths)
    tables: list[Table] = []
    for file in files:
        try:
            tables.append(read_table(file))
        except ImportFormatError as error:  # one bad file does not cost the others
            failures.append(error)
    if not tables:
        raise failures[0]
    tables.sort(key=lambda table: _ORDER.index(table.kind))
    label = str(paths[0]) if len(paths) == 1 else ", ".join(str(path) for path in paths)
    builder = Builder(ParsedSource(SOURCE, label), MeMatcher(me), keep_message_text)
    builder.parsed.warnings += [_left_out(error) for error in failures]
    for table in tables:
        # records name their file when it is not the path given: a CSV in a zip or folder
        builder.file = table.file if table.file != label else None
        builder.parsed.warnings += [
            damaged_row_warning(table.file, line, found) for line, found in table.damaged
        ]
        builder.parsed.warnings += table.left_out
        lists = (builder.parsed.interactions, builder.parsed.exchanges, builder.parsed.invitations)
        before = [len(records) for records in lists]
        READERS[table.kind](table, builder)
        for records, start in zip(lists, before, strict=True):
            records[start:] = [replace(r, file=builder.file) for r in records[start:]]
    return builder.finish()


def _left_out(error: ImportFormatError) -> ImportWarning:
    """A file of the export that could not be read, as a warning: the others are imported."""
    where = f"in '{error.field}' " if error.field else ""
    message = f"file left out: expected {error.expected} {where}found {error.found}"
    return ImportWarning(error.file, error.line or 1, message)
