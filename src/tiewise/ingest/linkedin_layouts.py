"""The files of a LinkedIn export this importer reads, and the table layouts of each.

:class:`Kind` names the files (and the order they are read in); :data:`SPECS` gives, per kind,
the columns of the current layout and of the older ones still read, and how a CSV given under
another name is recognised by its header. Where the files are looked up and how the header row is
found: :mod:`tiewise.ingest.linkedin_export`. The layouts with their years and sources:
docs/capture.md; the overview: :mod:`tiewise.ingest.linkedin`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """The export files this parser reads, in the order they are read (Profile first: its name
    recognises me in the messages)."""

    PROFILE = "Profile"
    EMAIL_ADDRESSES = "Email Addresses"
    POSITIONS = "Positions"
    CONNECTIONS = "Connections"
    INVITATIONS = "Invitations"
    MESSAGES = "messages"
    ENDORSEMENTS_RECEIVED = "Endorsement_Received_Info"
    ENDORSEMENTS_GIVEN = "Endorsement_Given_Info"
    RECOMMENDATIONS_RECEIVED = "Recommendations_Received"
    RECOMMENDATIONS_GIVEN = "Recommendations_Given"

    @property
    def file_name(self) -> str:
        return f"{self.value}.csv"


@dataclass(frozen=True, slots=True)
class Spec:
    """What the header of one kind of file looks like."""

    required: tuple[str, ...]  # columns that must be in the header row of a current export
    example: str  # the header of a current export, for error messages
    name_hint: str = ""  # recognising by header also needs this in the file name
    sniff: tuple[str, ...] = ()  # recognising by header also needs these columns
    older: tuple[tuple[str, ...], ...] = ()  # the required columns of older layouts

    def layout(self, columns: dict[str, int]) -> tuple[str, ...] | None:
        """The required columns of the layout this header row has, or None."""
        for wanted in (self.required, *self.older):
            if all(column.casefold() in columns for column in wanted):
                return wanted
        return None

    def recognises(self, columns: dict[str, int], file_name: str) -> bool:
        """Whether a CSV under an unknown name, with this header row, is of this kind."""
        if self.name_hint not in file_name.lower() or self.layout(columns) is None:
            return False
        return all(column.casefold() in columns for column in self.sniff)


SPECS: dict[Kind, Spec] = {
    Kind.PROFILE: Spec(
        ("First Name", "Last Name", "Headline"),
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,...",
    ),
    Kind.EMAIL_ADDRESSES: Spec(  # 2017-2018: Email Address,Confirmed,Is primary,...
        ("Email Address", "Confirmed"),
        "Email Address,Confirmed,Primary,Updated On",
        name_hint="email",
    ),
    Kind.POSITIONS: Spec(
        ("Company Name", "Title", "Finished On"),
        "Company Name,Title,Description,Location,Started On,Finished On",
    ),
    Kind.CONNECTIONS: Spec(
        ("First Name", "Last Name"),
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        sniff=("Connected On",),  # else a recommendations file would pass for connections
    ),
    Kind.INVITATIONS: Spec(
        ("From", "To", "Sent At", "Direction"),
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    ),
    Kind.MESSAGES: Spec(
        ("CONVERSATION ID", "FROM", "TO", "DATE"),
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,...",
        older=(("FROM", "TO", "DATE", "DIRECTION"),),  # 2018-2020: From,To,Date,...,Direction
    ),
    Kind.ENDORSEMENTS_RECEIVED: Spec(
        ("Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name"),
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
        "Endorser Public Url,Endorsement Status",
    ),
    Kind.ENDORSEMENTS_GIVEN: Spec(
        ("Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name"),
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,"
        "Endorsee Public Url,Endorsement Status",
    ),
    Kind.RECOMMENDATIONS_RECEIVED: Spec(
        ("First Name", "Last Name", "Job Title", "Creation Date"),
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
        name_hint="received",
    ),
    Kind.RECOMMENDATIONS_GIVEN: Spec(
        ("First Name", "Last Name", "Job Title", "Creation Date"),
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
        name_hint="given",
    ),
}
