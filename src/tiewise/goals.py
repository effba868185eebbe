"""The goal catalogue: the thirteen networking goals of the column "Netwerken en prestaties"
(seed 004) with their class and the tie profile each needs.

Class (Lin 2001; Lin 1999, *Connections* 22(1)): *expressive* goals keep what one has and are
served by strong ties to like-minded people in interconnected groups (strength of strong ties;
Coleman 1988 on closure); *instrumental* goals gain what one lacks and are served by weak ties to
diverse people who do not know each other (Granovetter 1973; Burt 1992; Lin's strength of
location). *Mixed* goals need both. The user may override the class of any goal.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiewise.model import Goal, GoalClass

EXPRESSIVE, INSTRUMENTAL, MIXED = GoalClass.EXPRESSIVE, GoalClass.INSTRUMENTAL, GoalClass.MIXED


@dataclass(frozen=True, slots=True)
class TieProfile:
    """What kind of ties serve a goal: ``strength`` strong|weak|both; ``structure``
    closure|bridging|both; ``composition`` similar|diverse|both."""

    strength: str
    structure: str
    composition: str


STRONG_CLOSED = TieProfile("strong", "closure", "similar")
WEAK_BRIDGING = TieProfile("weak", "bridging", "diverse")
BOTH = TieProfile("both", "both", "both")


@dataclass(frozen=True, slots=True)
class CatalogueGoal:
    key: str
    label_en: str
    label_nl: str
    description_en: str
    description_nl: str
    goal_class: GoalClass
    profile: TieProfile
    rationale: str

    def label(self, language: str) -> str:
        return self.label_nl if language == "nl" else self.label_en


CATALOGUE: tuple[CatalogueGoal, ...] = (
    CatalogueGoal(
        "clients",
        "Finding clients",
        "Klanten vinden",
        "New assignments and customers.",
        "Nieuwe opdrachten en klanten.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "Opportunities arrive through weak, bridging ties (Granovetter 1973; Burt 1992).",
    ),
    CatalogueGoal(
        "influence",
        "Exercising influence",
        "Invloed uitoefenen",
        "Support for a cause or a decision.",
        "Steun voor een zaak of een besluit.",
        MIXED,
        BOTH,
        "Support for a shared cause needs closure and trust (Coleman 1988); reaching decision "
        "makers needs bridges (Burt 1992). Lin (2001): mixed.",
    ),
    CatalogueGoal(
        "new_job",
        "Finding a new job",
        "Een nieuwe baan vinden",
        "Hearing of and getting a new position.",
        "Horen van en komen aan een nieuwe functie.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "Job information flows mostly through weak ties (Granovetter 1973, 1974).",
    ),
    CatalogueGoal(
        "visibility",
        "Being visible and findable",
        "Zichtbaar en vindbaar zijn",
        "Being known to people who may need you.",
        "Bekend zijn bij wie je nodig kan hebben.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "Reach into many non-redundant circles makes you findable (Burt 1992); seed 004: "
        "not how many you know, but that you are known.",
    ),
    CatalogueGoal(
        "knowledge_sharing",
        "Sharing information and knowledge",
        "Informatie en kennis delen",
        "Exchanging what you and others know.",
        "Uitwisselen wat jij en anderen weten.",
        MIXED,
        BOTH,
        "Novel information through bridges (Burt 1992), complex knowledge through strong ties "
        "(Hansen 1999, ASQ 44).",
    ),
    CatalogueGoal(
        "staff",
        "Finding new staff",
        "Nieuw personeel vinden",
        "Recruiting people to work with or for you.",
        "Mensen vinden om mee of voor je te werken.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "Candidates outside your circle are reached through weak, diverse ties "
        "(Granovetter 1973; Lin 2001).",
    ),
    CatalogueGoal(
        "fun",
        "Fun",
        "Plezier",
        "Enjoying time with people.",
        "Plezier hebben met mensen.",
        EXPRESSIVE,
        STRONG_CLOSED,
        "Seed 004: having fun with people is a fine goal too; an expressive return (Lin 2001).",
    ),
    CatalogueGoal(
        "sociability",
        "Sociability",
        "Gezelligheid",
        "Belonging and good company.",
        "Erbij horen en goed gezelschap.",
        EXPRESSIVE,
        STRONG_CLOSED,
        "Belonging rests on strong ties in interconnected groups (Coleman 1988; Lin 2001).",
    ),
    CatalogueGoal(
        "new_worlds",
        "Access to new worlds",
        "Toegang tot nieuwe werelden",
        "Reaching sectors and circles you are not part of.",
        "Sectoren en kringen bereiken waar je geen deel van uitmaakt.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "Only bridges reach other worlds (Granovetter 1973; Burt 1992; Lin's strength of "
        "location).",
    ),
    CatalogueGoal(
        "advice",
        "Getting advice",
        "Advies krijgen",
        "Expert and honest advice on problems.",
        "Deskundig en eerlijk advies bij problemen.",
        MIXED,
        BOTH,
        "Expertise may sit anywhere (weak ties), candour needs trust (strong ties); "
        "Levin & Cross 2004, Management Science 50.",
    ),
    CatalogueGoal(
        "sounding_board",
        "A sounding board for ideas",
        "Een klankbord voor ideeën",
        "People who listen and think along.",
        "Mensen die luisteren en meedenken.",
        EXPRESSIVE,
        STRONG_CLOSED,
        "Sharing personal plans needs confidence and a shared history: strong ties "
        "(seed 004; Granovetter 1973 on intimacy).",
    ),
    CatalogueGoal(
        "being_seen",
        "Being seen and associated with others",
        "Gezien worden en geassocieerd worden met anderen",
        "Being seen with people whose reputation rubs off.",
        "Gezien worden met mensen wier reputatie afstraalt.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "Reputation gains through ties to well-placed others (Lin 2001: reputation is an "
        "instrumental return).",
    ),
    CatalogueGoal(
        "keeping_up",
        "Keeping up with your field",
        "Bijblijven in je vak",
        "Knowing what happens in your field.",
        "Weten wat er speelt in je vakgebied.",
        INSTRUMENTAL,
        WEAK_BRIDGING,
        "News travels through weak, bridging ties (Granovetter 1973; Burt 2004, AJS 110).",
    ),
)

BY_KEY: dict[str, CatalogueGoal] = {goal.key: goal for goal in CATALOGUE}
CUSTOM = "custom"


def catalogue_goal(key: str) -> CatalogueGoal | None:
    return BY_KEY.get(key)


def catalogue_choices(language: str, goal_class: GoalClass | None = None) -> str:
    """The catalogue's keys with their labels, e.g. ``fun (Fun), sociability (Sociability)`` —
    only the goals of ``goal_class`` when given."""
    return ", ".join(
        f"{g.key} ({g.label(language)})"
        for g in CATALOGUE
        if goal_class is None or g.goal_class == goal_class
    )


def goal_class(goal: Goal) -> GoalClass:
    """The class the user set, else the catalogue's default; a custom goal is mixed."""
    if goal.goal_class is not None:
        return goal.goal_class
    entry = catalogue_goal(goal.key)
    return entry.goal_class if entry else GoalClass.MIXED


def goal_label(goal: Goal, language: str) -> str:
    entry = catalogue_goal(goal.key)
    return goal.label or (entry.label(language) if entry else goal.key)
