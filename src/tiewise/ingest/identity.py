"""Who is who: recognising the same person across sources.

Two rules (issue "Capture", docs/decisions.md):

1. **Automatic**: the same normalised e-mail address, phone number (E.164) or profile URL means
   the same person. :class:`IdentityIndex` maps every identifier to the contact that holds it,
   following merge pointers to the surviving contact.
2. **Suggested**: a similar name *and* the same organisation suggest the same person; the user
   decides (``tiewise merge``). A name alone never merges: "Anouk van der Berg" at one firm and
   "Anouk van den Berg" at another are two people.

Name similarity is rapidfuzz's ``token_sort_ratio`` (0–100) on names folded to lower case without
accents and with Dutch particles (van, der, de, 't …) removed, so that "A. van der Berg" and
"Berg, A." compare on what distinguishes them. Candidates are blocked by normalised organisation
and scored per block with ``rapidfuzz.process.cdist`` (vectorised, no Python loop over pairs).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from tiewise.model import Contact, Identifier, IdentifierKind

#: Dutch (and a few neighbouring) name particles, "tussenvoegsels".
PARTICLES = frozenset(
    (
        "van",
        "der",
        "den",
        "de",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "aan",
        "bij",
        "uit",
        "d'",
        "vd",
        "v",
        "d",
        "von",
        "zu",
        "la",
        "le",
        "du",
        "del",
        "della",
        "di",
        "da",
    )
)
#: Minimum ``token_sort_ratio`` for a suggested merge.
NAME_SIMILARITY = 85.0
_LEGAL_FORMS = re.compile(
    r"(?<!\w)(b\.?\s?v|n\.?\s?v|v\.?o\.?f|holding|group|groep|ltd|inc|gmbh)\.?(?!\w)"
)


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w']+", " ", plain).split())


def name_key(name: str) -> str:
    """A person's name folded, without particles: "Anouk van der Berg" → "anouk berg"."""
    return " ".join(token for token in fold(name).split() if token not in PARTICLES)


def organisation_key(organisation: str | None) -> str:
    """An organisation folded, without legal forms: "Dekker Bouw B.V." → "dekker bouw"."""
    if not organisation:
        return ""
    return fold(_LEGAL_FORMS.sub(" ", organisation.casefold()))


class IdentityIndex:
    """Identifier → surviving contact id, for automatic matching during an import."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._parent: dict[int, int | None] = {}
        self._owner: dict[tuple[IdentifierKind, str], int] = {}
        for contact in contacts:
            assert contact.id is not None
            self._parent[contact.id] = contact.merged_into
            for identifier in contact.identifiers:
                self._owner[(identifier.kind, identifier.value)] = contact.id

    def survivor(self, contact_id: int) -> int:
        seen = {contact_id}
        while (parent := self._parent.get(contact_id)) is not None and parent not in seen:
            contact_id = parent
            seen.add(parent)
        return contact_id

    def owner(self, identifier: Identifier) -> int | None:
        """The surviving contact that holds ``identifier``, if any."""
        holder = self._owner.get((identifier.kind, identifier.value))
        return None if holder is None else self.survivor(holder)

    def matches(self, identifiers: Iterable[Identifier]) -> list[int]:
        """Surviving contacts holding any of ``identifiers``, in order of first match."""
        found: list[int] = []
        for identifier in identifiers:
            holder = self.owner(identifier)
            if holder is not None and holder not in found:
                found.append(holder)
        return found

    def add(self, contact_id: int, identifiers: Iterable[Identifier]) -> None:
        self._parent.setdefault(contact_id, None)
        for identifier in identifiers:
            self._owner.setdefault((identifier.kind, identifier.value), contact_id)

    def merge(self, survivor: int, merged: int) -> None:
        self._parent[merged] = survivor

    def renumber(self, ids: dict[int, int]) -> None:
        """Replace temporary ids (of contacts not yet written) by their real ids."""
        self._parent = {
            ids.get(child, child): (None if parent is None else ids.get(parent, parent))
            for child, parent in self._parent.items()
        }
        self._owner = {key: ids.get(holder, holder) for key, holder in self._owner.items()}


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """Two contacts that may be one person, with the figures behind the suggestion."""

    contact_a: int
    contact_b: int
    name_similarity: float
    organisation: str

    @property
    def reasons(self) -> list[str]:
        return [
            f"names {self.name_similarity:.0f}% similar (token sort ratio, particles ignored)",
            f"same organisation ({self.organisation})",
        ]


def suggest_merges(
    contacts: Sequence[Contact],
    decided: Iterable[tuple[int, int]] = (),
    threshold: float = NAME_SIMILARITY,
) -> list[MergeSuggestion]:
    """Pairs of surviving contacts with similar names at the same organisation, best first.

    ``decided`` are pairs the user already merged or kept apart; they are not suggested again.
    Contacts without an organisation are never suggested (a name alone is not enough).
    """
    done = {tuple(sorted(pair)) for pair in decided}
    blocks: dict[str, list[Contact]] = defaultdict(list)
    for contact in contacts:
        key = organisation_key(contact.organisation)
        if key and contact.merged_into is None and contact.id is not None:
            blocks[key].append(contact)
    suggestions = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        for i, j, score in _similar_pairs([name_key(c.name) for c in members], threshold):
            a, b = sorted((members[i].id, members[j].id))  # type: ignore[type-var]
            if (a, b) not in done:
                suggestions.append(MergeSuggestion(a, b, score, members[i].organisation or ""))
    return sorted(suggestions, key=lambda s: (-s.name_similarity, s.contact_a, s.contact_b))


def _similar_pairs(names: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Index pairs ``i < j`` whose names score at least ``threshold``. Identical names are
    scored once: ``cdist`` runs over the distinct names only, and the pairs are expanded."""
    distinct, inverse = np.unique(np.array(names, dtype=object), return_inverse=True)
    scores = process.cdist(
        list(distinct),
        list(distinct),
        scorer=fuzz.token_sort_ratio,
        dtype=np.float32,
        score_cutoff=threshold,
        workers=1,
    )
    holders: list[list[int]] = [[] for _ in distinct]
    for index, name in enumerate(inverse.tolist()):
        holders[name].append(index)
    pairs = []
    for a, b in zip(*np.nonzero(np.triu(scores >= threshold)), strict=True):
        score = float(scores[a, b])
        if a == b:
            group = holders[a]
            pairs += [
                (group[x], group[y], score)
                for x in range(len(group))
                for y in range(x + 1, len(group))
            ]
        else:
            pairs += [(min(i, j), max(i, j), score) for i in holders[a] for j in holders[b]]
    return pairs
