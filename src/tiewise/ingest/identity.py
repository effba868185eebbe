"""Who is who: recognising the same person across sources.

Two rules (issue "Capture", docs/decisions.md):

1. **Automatic**: the same normalised e-mail address, phone number (E.164) or profile URL means
   the same person. :class:`IdentityIndex` maps every identifier to the contact that holds it,
   following merge pointers to the surviving contact.
2. **Suggested**: a similar name *and* a shared employer — the same organisation, the same work
   e-mail domain, or a work e-mail domain that names the other's organisation (a calendar
   attendee ``anouk@radboudumc.nl`` and a LinkedIn connection at "Radboudumc") — suggest the
   same person; the user decides (``tiewise merge``, the web's merge review). A name alone never
   merges: "Anouk van der Berg" at one firm and "Anouk van den Berg" at another are two people.
   Each suggestion carries the evidence for *and against* with a score (:func:`suggest_merges`):
   different e-mail addresses at one organisation, or two profiles on one site, speak against,
   and a pair whose evidence against outweighs the evidence for is not suggested.

Name similarity is rapidfuzz's ``token_sort_ratio`` (0–100) on names folded to lower case without
accents and with Dutch particles (van, der, de, 't …) removed, so that "A. van der Berg" and
"Berg, A." compare on what distinguishes them. Candidates are blocked by normalised name token
and employer (organisation or work e-mail domain) and scored per block with
``rapidfuzz.process.cdist`` (vectorised, no Python loop over all pairs); only the pairs above
the threshold are judged on their identifiers.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz, process

from tiewise.advice.reasons import Reason
from tiewise.errors import InputError
from tiewise.i18n import text as _text
from tiewise.identifiers import is_identity
from tiewise.ingest.records import ImportWarning, PersonRecord
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
        """Surviving contacts holding any of ``identifiers``, in order of first match; a phone
        number recognises someone only when it is valid (``identifiers.is_identity``)."""
        found: list[int] = []
        for identifier in identifiers:
            if not is_identity(identifier):  # a phone number that is not valid
                continue
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


#: Points of evidence (Fellegi & Sunter 1969: agreement on a field adds, disagreement subtracts;
#: pairs above a threshold go to review). A transparent starting point, not estimated weights.
EMPLOYER_POINTS = 1.0
DIFFERENT_EMAILS_POINTS = -2.0
DIFFERENT_PROFILES_POINTS = -1.0
DIFFERENT_ORGANISATIONS_POINTS = -1.0
#: Free mail providers: a shared domain there says nothing about an employer.
PUBLIC_MAIL_DOMAINS = frozenset(
    (
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "yahoo.com",
        "yahoo.nl",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "fastmail.com",
        "hey.com",
        "mail.com",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "home.nl",
        "xs4all.nl",
        "hetnet.nl",
        "chello.nl",
        "casema.nl",
        "upcmail.nl",
        "telfort.nl",
        "tele2.nl",
        "zeelandnet.nl",
        "quicknet.nl",
        "caiway.nl",
        "solcon.nl",
        "online.nl",
        "freeler.nl",
        "telenet.be",
        "skynet.be",
    )
)
_SECOND_LEVEL = frozenset(("co", "com", "ac", "org", "net", "gov", "edu", "or", "ne"))
#: A domain label that is a prefix of an organisation (or the reverse) must be this long.
_PREFIX_CHARS = 5


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence about a suggested pair: a reason (message id and figures, rendered
    in any language) and its points — positive for, negative against."""

    reason: Reason
    points: float

    @property
    def against(self) -> bool:
        return self.points < 0

    def render(self, language: str = "en") -> str:
        text = self.reason.render(language)
        return _text("merge.against", language, evidence=text) if self.against else text


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """Two contacts that may be one person, with the evidence for and against and its score
    (the sum of the evidence's points)."""

    contact_a: int
    contact_b: int
    name_similarity: float
    organisation: str  # the shared organisation or e-mail domain
    score: float = 0.0
    evidence: tuple[Evidence, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """The evidence in English, evidence against marked as such."""
        return self.reasons_in("en")

    def reasons_in(self, language: str) -> list[str]:
        return [item.render(language) for item in self.evidence]

    @property
    def against(self) -> bool:
        """Whether any evidence speaks against the merge."""
        return any(item.against for item in self.evidence)

    def to_json(self, language: str = "en") -> dict[str, object]:
        return {
            "contact_a": self.contact_a,
            "contact_b": self.contact_b,
            "organisation": self.organisation,
            "name_similarity": round(self.name_similarity, 1),
            "score": round(self.score, 2),
            "reasons": self.reasons_in(language),
            "evidence": [
                {**item.reason.to_json(language), "points": round(item.points, 2)}
                for item in self.evidence
            ],
        }


def suggest_merges(
    contacts: Sequence[Contact],
    decided: Iterable[tuple[int, int]] = (),
    threshold: float = NAME_SIMILARITY,
) -> list[MergeSuggestion]:
    """Pairs of surviving contacts that may be one person, highest score first.

    Candidates: names at least ``threshold`` similar (``token_sort_ratio`` on :func:`name_key`),
    blocked by normalised name token and employer token (:func:`_employer_tokens`) — only
    contacts sharing both are compared, with ``rapidfuzz.process.cdist`` per block over the
    distinct names, never all pairs. A candidate is judged on identity
    evidence, each piece with points (Fellegi & Sunter 1969, *JASA* 64: agreement adds,
    disagreement subtracts, the sum decides):

    - for: the name, ``1 + (similarity − threshold)/(100 − threshold)`` points (1–2, the same
      name 2); the same employer, +1 — the same organisation, the same e-mail domain, or an
      e-mail domain that names the other's organisation (``radboudumc.nl`` ↔ "Radboudumc"), free
      mail providers excluded. Without an employer in common a pair is never suggested: a name
      alone does not make one person ("Anouk van der Berg" at one firm and "Anouk van den Berg"
      at another are two people);
    - against: different e-mail addresses at the same organisation's domain, −2 (an
      organisation gives one person one address); different profiles on the same site (two
      LinkedIn profiles), −1; different organisations recorded, −1.

    A pair is suggested when the score is above 0 — the evidence for outweighs the evidence
    against — and evidence against is always shown. ``decided`` are pairs the user already
    merged or kept apart; they are not suggested again.
    """
    if not 0 <= threshold < 100:
        raise InputError(
            f"threshold: expected a name similarity from 0 to below 100, found {threshold}",
            field="threshold",
            key="error.threshold_similarity",
            values={"found": threshold},
        )
    done = {tuple(sorted(pair)) for pair in decided}
    people = [c for c in contacts if c.merged_into is None and c.id is not None]
    names: dict[str, str] = {}
    organisations: dict[str | None, str] = {}
    identities = [_Identity.of(c, organisations) for c in people]
    employers = _employer_tokens(identities)
    keys = [names.get(c.name) or names.setdefault(c.name, name_key(c.name)) for c in people]
    suggestions = []
    for i, j, similarity in _similar_pairs(keys, threshold, employers):
        if people[j].id < people[i].id:  # type: ignore[operator]
            i, j = j, i
        a, b = people[i], people[j]
        if (a.id, b.id) in done:
            continue
        suggestion = _judge(a, b, identities[i], identities[j], similarity, threshold)
        if suggestion is not None:
            suggestions.append(suggestion)
    return sorted(
        suggestions,
        key=lambda s: (-s.score, -s.name_similarity, s.contact_a, s.contact_b),
    )


def email_domain_label(domain: str) -> str:
    """The label that names the organisation: "mail.radboudumc.nl" → "radboudumc",
    "dept.ox.ac.uk" → "ox", "hendriks-bouw.nl" → "hendriksbouw"."""
    labels = domain.split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return re.sub(r"[^0-9a-z]", "", labels[-1]) if labels else ""


def _compact(organisation: str | None) -> str:
    return organisation_key(organisation).replace(" ", "")


@dataclass(frozen=True, slots=True)
class _Identity:
    """What identifies a contact beyond the name: organisation, work e-mail domains, profiles."""

    organisation: str
    organisation_key: str
    by_domain: dict[str, tuple[str, tuple[str, ...]]]  # label → (domain, addresses)
    profiles: dict[str, frozenset[str]]  # site → profile URLs

    @classmethod
    def of(cls, contact: Contact, organisations: dict[str | None, str]) -> _Identity:
        """``organisations`` caches compact organisation keys (few distinct, many contacts)."""
        by_domain: dict[str, tuple[str, tuple[str, ...]]] = {}
        profiles: dict[str, set[str]] = defaultdict(set)
        for item in contact.identifiers:  # one pass: this runs for every contact
            if item.kind == IdentifierKind.EMAIL:
                domain = item.value.rpartition("@")[2]
                if domain in PUBLIC_MAIL_DOMAINS or not (label := email_domain_label(domain)):
                    continue
                known = by_domain.get(label, (domain, ()))
                by_domain[label] = (known[0], (*known[1], item.value))
            elif item.kind == IdentifierKind.PROFILE_URL:
                profiles[item.value.split("/", 1)[0]].add(item.value)
        return cls(
            organisation=contact.organisation or "",
            organisation_key=organisations.get(contact.organisation)
            or organisations.setdefault(contact.organisation, _compact(contact.organisation)),
            by_domain=by_domain,
            profiles={site: frozenset(urls) for site, urls in profiles.items()},
        )


def _employer_tokens(identities: Sequence[_Identity]) -> list[tuple[str, ...]]:
    """Per contact the employers it may share with another: its organisation (``o:`` + compact
    key), its work e-mail domains (``d:`` + label) and every recorded organisation such a domain
    names (equal, or a prefix either way of ≥ 5 characters) — so that a calendar attendee with
    only ``anouk@radboudumc.nl`` meets the LinkedIn connection at "Radboudumc". Organisations a
    label names are found in the sorted distinct keys (a range for those it begins, a set look-up
    for its own prefixes), not by comparing every label with every organisation."""
    organisations = sorted({i.organisation_key for i in identities if i.organisation_key})
    known = set(organisations)
    named: dict[str, tuple[str, ...]] = {}
    for label in {label for i in identities for label in i.by_domain}:
        found = {label} & known
        found |= {label[:n] for n in range(_PREFIX_CHARS, len(label))} & known
        if len(label) >= _PREFIX_CHARS:
            start = bisect.bisect_left(organisations, label)
            for key in itertools.islice(organisations, start, None):
                if not key.startswith(label):
                    break
                found.add(key)
        named[label] = tuple(sorted(found))
    tokens = []
    for identity in identities:
        own = {"o:" + identity.organisation_key} if identity.organisation_key else set()
        for label in identity.by_domain:
            own.add("d:" + label)
            own.update("o:" + key for key in named[label])
        tokens.append(tuple(sorted(own)))
    return tokens


def _names_organisation(label: str, organisation_key: str) -> bool:
    """An e-mail domain label names an organisation: equal, or one a prefix of the other of at
    least five characters ("ondernemersclubnij" ↔ "ondernemersclubnijmegen")."""
    if not label or not organisation_key:
        return False
    if label == organisation_key:
        return True
    short, long = sorted((label, organisation_key), key=len)
    return len(short) >= _PREFIX_CHARS and long.startswith(short)


def _employer(a: _Identity, b: _Identity) -> tuple[Reason, str] | None:
    """The strongest evidence of a shared employer, with the organisation (or domain) shared."""
    if a.organisation_key and a.organisation_key == b.organisation_key:
        return Reason("merge.same_organisation", {"organisation": a.organisation}), a.organisation
    shared = sorted(a.by_domain.keys() & b.by_domain.keys())
    if shared:
        domain = a.by_domain[shared[0]][0]
        return Reason("merge.same_domain", {"domain": domain}), domain
    for mine, theirs in ((a, b), (b, a)):
        for label, (domain, _) in sorted(mine.by_domain.items()):
            if _names_organisation(label, theirs.organisation_key):
                reason = Reason(
                    "merge.domain_matches",
                    {"domain": domain, "organisation": theirs.organisation},
                )
                return reason, theirs.organisation
    return None


def _judge(
    a: Contact,
    b: Contact,
    first: _Identity,
    second: _Identity,
    similarity: float,
    threshold: float,
) -> MergeSuggestion | None:
    employer = _employer(first, second)
    if employer is None:
        return None
    if similarity >= 100.0:  # the same tokens, whatever their order: "Berg, Anouk" = "Anouk Berg"
        name = Evidence(Reason("merge.same_name", {"name": b.name}), 2.0)
    else:
        points = 1.0 + (similarity - threshold) / (100.0 - threshold)
        name = Evidence(
            Reason("merge.similar_names", {"similarity": round(similarity)}), min(points, 2.0)
        )
    evidence = [name, Evidence(employer[0], EMPLOYER_POINTS)]
    shared = first.by_domain.keys() & second.by_domain.keys() if second.by_domain else ()
    for label in sorted(shared):
        mine, theirs = first.by_domain[label][1], second.by_domain[label][1]
        if not set(mine) & set(theirs):
            reason = Reason(
                "merge.different_emails", {"a": ", ".join(mine), "b": ", ".join(theirs)}
            )
            evidence.append(Evidence(reason, DIFFERENT_EMAILS_POINTS))
    if (
        first.organisation_key
        and second.organisation_key
        and first.organisation_key != second.organisation_key
    ):
        reason = Reason(
            "merge.different_organisations",
            {"a": first.organisation, "b": second.organisation},
        )
        evidence.append(Evidence(reason, DIFFERENT_ORGANISATIONS_POINTS))
    sites = first.profiles.keys() & second.profiles.keys() if second.profiles else ()
    for site in sorted(sites):
        if not first.profiles[site] & second.profiles[site]:
            reason = Reason("merge.different_profiles", {"site": site})
            evidence.append(Evidence(reason, DIFFERENT_PROFILES_POINTS))
    score = sum(item.points for item in evidence)
    if score <= 0:
        return None
    return MergeSuggestion(
        a.id,  # type: ignore[arg-type]
        b.id,  # type: ignore[arg-type]
        similarity,
        employer[1],
        score,
        tuple(evidence),
    )


def _similar_pairs(
    names: list[str],
    threshold: float,
    groups: Sequence[Iterable[str]] | None = None,
) -> list[tuple[int, int, float]]:
    """Index pairs ``i < j`` whose names score at least ``threshold`` (``token_sort_ratio``).

    Blocked: names are compared only within a block of items that share a normalised name token
    and (when ``groups`` is given) a group — an employer token. A pair of similar names almost
    always shares a token (the first or the family name), so nothing is lost but pairs with a
    typo in every token; no Python loop runs over all pairs. Within a block ``cdist`` scores the
    distinct names only (vectorised) and identical names score 100 without a call; empty names
    are never paired. A pair found in several blocks is listed once.
    """
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        tokens = set(name.split())
        for group in ("",) if groups is None else groups[index]:
            for token in tokens:
                blocks[(group, token)].append(index)
    similar: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) < 2:
            continue
        holders: dict[str, list[int]] = defaultdict(list)
        for index in members:
            holders[names[index]].append(index)
        distinct = list(holders)
        for group in holders.values():
            for x, y in itertools.combinations(group, 2):
                similar[(x, y)] = 100.0
        if len(distinct) < 2:
            continue
        scores = process.cdist(
            distinct,
            distinct,
            scorer=fuzz.token_sort_ratio,
            dtype=np.float32,
            score_cutoff=threshold,
            workers=1,
        )
        for a, b in zip(*np.nonzero(np.triu(scores >= threshold, k=1)), strict=True):
            score = float(scores[a, b])
            for i in holders[distinct[a]]:
                for j in holders[distinct[b]]:
                    similar[(min(i, j), max(i, j))] = score
    return [(i, j, score) for (i, j), score in similar.items()]


# --- identity during an import: shared phone lines, and whether a name may be mine ---------------


def names_one_person(a: str, b: str) -> bool:
    """Whether two names may name one person: every token of one in the other ("Eva" and "Eva
    de Wit", "Wit, Eva"), or ``token_sort_ratio`` of at least :data:`NAME_SIMILARITY` on
    :func:`name_key`. An empty name tells nothing, so it may."""
    first, second = name_key(a), name_key(b)
    tokens_a, tokens_b = set(first.split()), set(second.split())
    if not tokens_a or not tokens_b or tokens_a <= tokens_b or tokens_b <= tokens_a:
        return True
    return fuzz.token_sort_ratio(first, second) >= NAME_SIMILARITY


def _same_names(names: Iterable[str]) -> bool:
    """All names are one name (tokens in any order, accents, case and particles aside)."""
    keys = {" ".join(sorted(name_key(name).split())) for name in names}
    return len(keys) == 1 and "" not in keys


def shared_phones(
    persons: Sequence[PersonRecord], file: str
) -> tuple[list[PersonRecord], list[ImportWarning]]:
    """The records without the phone numbers that several records *of one file* with different
    names carry — an office line, a switchboard, a shared home number — and a warning for each
    such number. A phone number is an identity only when it belongs to one person: two cards
    with different names and one number are two people who share a line, not one person. The
    number is kept in each record's note (``Shared phone: +31…``), never used to recognise
    anyone. Records that share a number *and* a name (one person's two cards) keep it."""
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, person in enumerate(persons):
        for item in person.identifiers:
            if item.kind is IdentifierKind.PHONE:
                holders[(person.file or file, item.value)].append(index)
    shared: dict[int, list[str]] = defaultdict(list)
    warnings = []
    for (where, phone), indexes in holders.items():
        if len(indexes) < 2 or _same_names(persons[i].name for i in indexes):
            continue
        for index in indexes:
            shared[index].append(phone)
        people = "; ".join(f"{persons[i].name}, line {persons[i].line}" for i in indexes[:5])
        more = f"; and {len(indexes) - 5} more" if len(indexes) > 5 else ""
        message = (
            f"phone {phone}: on {len(indexes)} records with different names ({people}{more}):"
            " a shared line, not used to recognise anyone; kept in their notes"
        )
        warnings.append(ImportWarning(where, persons[indexes[0]].line, message, dropped=False))
    if not shared:
        return list(persons), []
    result = list(persons)
    for index, phones in shared.items():
        person = persons[index]
        lines = "\n".join(f"Shared phone: {phone}" for phone in phones)
        result[index] = replace(
            person,
            identifiers=tuple(
                i
                for i in person.identifiers
                if not (i.kind is IdentifierKind.PHONE and i.value in phones)
            ),
            note=f"{person.note}\n{lines}" if person.note else lines,
        )
    return result, warnings
