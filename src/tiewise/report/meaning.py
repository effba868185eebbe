"""What each measure of the analysis means for the reader, in one sentence with their own value.

The report used to print "constraint 0.008" and leave the reader to know Burt. Each function
here turns one measure of :class:`~tiewise.analysis.profile.Profile` into a sentence that says
what it means for *my* network, with my figure in it. Where a sentence says more than the
formula, it says where that comes from:

- **Tie classes** — strong ties give support and trust, weak and medium ones new information
  and chances (Granovetter 1973; Lin 2001).
- **Density** ``L / (n(n − 1)/2)`` — printed as the percentage of pairs of contacts who know
  each other; exact, no reading.
- **Effective size and efficiency** (Burt 1992; Borgatti 1997: ``n − 2t/n`` unweighted, the
  ego model of ``analysis/structure.py``) — efficiency is the share of my contacts that are not
  redundant. The words chosen by its value are a *reading aid*, not a published cut-off:
  :data:`BROKER_EFFICIENCY` (0.8) and above reads "your contacts hardly know each other: you
  broker between circles", :data:`CLOSE_KNIT_EFFICIENCY` (0.5) and below "many of your contacts
  know each other" (closure builds trust, Coleman 1988), between them "a mix". The figures are
  always printed beside the words.
- **Constraint** (Burt 1992) — no reading threshold; the sentence gives the two reference
  values that hold for my own number of contacts ``n`` on the unweighted ego network: the
  lowest possible, ``1/n``, when none of them know each other (each dyadic constraint is then
  ``(1/n)²``, and any link among contacts only adds to it), and 1 with a single contact.
- **Hierarchy** (Burt 1992) — 0 when constraint is spread evenly over my contacts, towards 1
  when one contact holds most of it; no reading threshold.
- **Dunbar's layers** (5, 15, 50, 150; Zhou, Sornette, Hill & Dunbar 2005) — my strong and
  medium ties against the about 150 a person keeps up; the difference is printed, not judged.
- **Blau** ``1 − Σ p²`` — printed as "two contacts picked at random differ in N of 100
  cases", which is its definition (drawn with replacement); **IQV** as Blau scaled to the
  number of kinds; **E-I with me** ``(E − I)/(E + I)`` as the share of my contacts in another
  category than mine, ``(1 + E-I)/2``, exact. **E-I among contacts** (Krackhardt & Stern 1988):
  the words are a reading aid at ±1/3 (:data:`EI_MOSTLY`) — at −1/3 there are twice as many
  links within a category as across it, at +1/3 twice as many across; between them "about
  equally".
- **Being known** — the share of contact others started, printed as a percentage (the column
  "Netwerken en prestaties", Notten 2010: not how many you know, but that you are known).
"""

from __future__ import annotations

import math

from tiewise.analysis.profile import Profile
from tiewise.display import number
from tiewise.goals import goal_label
from tiewise.i18n import plural, text

#: Reading aids for efficiency (Burt's effective size / number of contacts); see the docstring.
BROKER_EFFICIENCY = 0.8
CLOSE_KNIT_EFFICIENCY = 0.5
#: Reading aid for the E-I index among contacts: twice as many links one way as the other.
EI_MOSTLY = 1 / 3
#: The outer Dunbar layer (Zhou, Sornette, Hill & Dunbar 2005).
DUNBAR_OUTER = 150


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _percent(share: float) -> int:
    return round(100 * share)


def tie_classes(profile: Profile, language: str) -> str:
    """How many strong, medium, weak and dormant ties, and what each kind is good for."""
    counts = profile.structure.by_class
    return text(
        "meaning.classes",
        language,
        strong=counts.get("strong", 0),
        medium=counts.get("medium", 0),
        weak=counts.get("weak", 0),
        dormant=counts.get("dormant", 0),
    )


def shape(profile: Profile, language: str) -> str | None:
    """Density as the share of pairs who know each other, the groups they form, the isolates."""
    s = profile.structure
    if s.density is None:
        return None
    digits = 1 if s.density < 0.1 else 0
    return plural(
        "meaning.shape",
        s.links,
        language,
        percent=number(100 * s.density, digits, language),
        density=number(s.density, 3, language),
        links=s.links,
        groups=plural("unit.groups", s.components, language),
        largest=plural("unit.contacts", s.largest_component, language),
        isolates=plural("unit.contacts", s.isolates, language),
    )


def circles(profile: Profile, language: str) -> str:
    """The circles (clusters) and the closest-knit one, with its density as a percentage."""
    s = profile.structure
    measured = [c for c in s.clusters if not _missing(c.density)]
    if not measured:
        return text("meaning.no_clusters", language)
    closest = max(measured, key=lambda c: c.density)
    return text(
        "meaning.clusters",
        language,
        circles=plural("unit.circles", len(s.clusters), language),
        unclustered=s.unclustered,
        label=closest.label,
        density=number(closest.density, 2, language),
        percent=_percent(closest.density),
    )


def bridges(profile: Profile, language: str, shown: int = 10) -> str | None:
    """The contacts who are my only way into a circle, the first ``shown`` by name."""
    s = profile.structure
    if not s.bridges:
        return None
    names = [
        f"{profile.snapshot.contacts[b.contact].name} → {s.clusters[b.cluster].label}"
        for b in s.bridges[:shown]
    ]
    return plural("meaning.bridges", len(s.bridges), language) + " " + "; ".join(names)


def brokerage(profile: Profile, language: str) -> list[str]:
    """Efficiency read as brokerage or closure, then constraint and hierarchy, with the
    reference values for my own number of contacts (see the module docstring)."""
    burt, n = profile.structure.burt, profile.snapshot.size
    if n == 0 or _missing(burt.efficiency) or _missing(burt.constraint):
        return []
    efficiency = float(burt.efficiency)  # type: ignore[arg-type]
    if efficiency >= BROKER_EFFICIENCY:
        key = "meaning.efficiency_high"
    elif efficiency <= CLOSE_KNIT_EFFICIENCY:
        key = "meaning.efficiency_low"
    else:
        key = "meaning.efficiency_mid"
    contacts = plural("unit.contacts", n, language)
    sentences = [
        text(
            key,
            language,
            efficiency=number(efficiency, 2, language),
            effective=number(burt.effective_size, 1, language),
            contacts=contacts,
        ),
        text(
            "meaning.constraint",
            language,
            constraint=number(burt.constraint, 3, language),
            contacts=contacts,
            floor=number(1 / n, 3 if n < 500 else 4, language),
        ),
    ]
    if not _missing(burt.hierarchy):
        sentences.append(
            text("meaning.hierarchy", language, hierarchy=number(burt.hierarchy, 3, language))
        )
    return sentences


def dunbar(profile: Profile, language: str) -> list[str]:
    """My strong and medium ties in Dunbar's layers, and how far from the about 150."""
    s = profile.structure
    active = s.by_class.get("strong", 0) + s.by_class.get("medium", 0)
    layers = ", ".join(f"{layer.filled}/{layer.capacity}" for layer in s.dunbar)
    sentences = [text("meaning.dunbar", language, active=active, layers=layers)]
    if active > DUNBAR_OUTER:
        sentences.append(plural("meaning.dunbar_over", active - DUNBAR_OUTER, language))
    elif active < DUNBAR_OUTER:
        sentences.append(plural("meaning.dunbar_under", DUNBAR_OUTER - active, language))
    return sentences


def diversity(profile: Profile, language: str) -> list[str]:
    """One sentence per attribute with known values: the kinds, Blau as the chance that two
    contacts differ, IQV, how many differ from me (E-I with me) and whether contacts who know
    each other share a kind (E-I among them)."""
    sentences = []
    for d in profile.diversity:
        if d.known == 0 or _missing(d.blau):
            continue
        top = ", ".join(f"{value} ({count})" for value, count in d.top[:3])
        parts = [
            text(
                "meaning.diversity",
                language,
                attribute=text(f"meaning.attribute.{d.attribute}", language),
                kinds=plural("unit.kinds", d.categories, language),
                top=top,
                percent=_percent(d.blau),
                blau=number(d.blau, 2, language),
                iqv=number(d.iqv, 2, language),
            )
        ]
        if not _missing(d.ei_me):
            parts.append(
                text(
                    "meaning.diversity_me",
                    language,
                    percent=_percent((1 + d.ei_me) / 2),
                    noun=text(f"meaning.noun.{d.attribute}", language),
                    ei=number(d.ei_me, 2, language),
                )
            )
        if not _missing(d.ei_among):
            if d.ei_among <= -EI_MOSTLY:
                among = "meaning.among_within"
            elif d.ei_among >= EI_MOSTLY:
                among = "meaning.among_across"
            else:
                among = "meaning.among_even"
            noun = text(f"meaning.noun.{d.attribute}", language)
            parts.append(text(among, language, noun=noun, ei=number(d.ei_among, 2, language)))
        sentences.append("; ".join(parts) + ".")
    return sentences


def being_known(profile: Profile, language: str) -> str | None:
    """Who starts contact: the share others started, and the recognition received."""
    k = profile.known
    total = k.inbound + k.outbound
    if total == 0 or _missing(k.inbound_share):
        return None
    return text(
        "meaning.known",
        language,
        share=_percent(k.inbound / total),
        inbound=k.inbound,
        total=total,
        people=plural("unit.people", k.contacts_initiating, language),
        invitations=plural("unit.invitations", k.invitations_received, language),
        endorsements=plural("unit.endorsements", k.endorsements_received, language),
        recommendations=plural("unit.recommendations", k.recommendations_received, language),
    )


def goal_fit(profile: Profile, language: str) -> str | None:
    """What the fit score measures, with my best- and least-served goal."""
    if not profile.fit:
        return None
    ranked = sorted(profile.fit, key=lambda f: (-f.score, -f.goal.priority))
    best, worst = ranked[0], ranked[-1]
    return text(
        "meaning.fit",
        language,
        best=goal_label(best.goal, language),
        best_score=number(best.score, 0, language),
        worst=goal_label(worst.goal, language),
        worst_score=number(worst.score, 0, language),
    )
