"""The demo network: Eva de Wit, owner of a small design studio in Nijmegen.

A deterministic, synthetic but realistic network (same seed and ``today`` → the same database):

- about 400 contacts in nine recognisable clusters (clients, suppliers, former colleagues,
  family and friends, the entrepreneurs' club, the tennis club, the university, the municipality,
  online-only LinkedIn connections), Dutch names from Faker ``nl_NL``;
- contact–contact links: dense inside close-knit clusters, denser still inside one organisation,
  sparse among online connections, plus a few contacts who bridge two clusters;
- three years of interactions with heavy-tailed (log-normal) rates per contact, a share of
  dormant ties that fell silent over a year ago, and group meetings among people who know each
  other;
- eight event series with two years of attendance: one attended habitually that yields little,
  one I stopped going to eleven months ago, one that yields clients, one attended for fun, and
  upcoming occurrences; plus a new series whose first occurrence draws mostly new people;
- four goals (two instrumental, two expressive), exchanges, invitations, needs and offers, notes
  and stories;
- weeks lived with tiewise (``demo_week.py``): activities Eva logged herself, some with several
  people, invitations she accepted, ignored or put off, and advice she accepted or dismissed —
  chosen by analysing the network written so far, inside the same transaction, and written
  through the same functions ``tiewise log`` and ``tiewise decisions`` use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
from faker import Faker
from sqlalchemy import Connection, delete

from tiewise import model
from tiewise.demo_week import write_week
from tiewise.errors import InputError
from tiewise.identifiers import identifier
from tiewise.model import IdentifierKind as IK
from tiewise.store import Store, schema
from tiewise.store import repository as repo

DEMO_SETTING = "demo_seed"
DEMO_ORIGINS_SETTING = "demo_last_origin"  # the demo's own origins (its logged week) end here
Members = dict[int, np.ndarray]  # cluster index → positions of its members
ORIGIN = model.Origin("demo")


@dataclass(frozen=True)
class Cluster:
    key: str
    size: int
    context: str
    organisations: tuple[str, ...]
    sectors: tuple[str, ...]
    roles: tuple[str, ...]
    regions: tuple[str, ...]
    density: float  # link probability between two members
    same_org_density: float  # link probability between two members of one organisation
    rate_per_year: float  # median interactions per year (log-normal across members)
    closeness: tuple[float, ...]  # probabilities of self-rated closeness 1..5
    rated_share: float  # share of members whose closeness the user rated
    dormant_share: float  # share of ties silent for more than a year
    channels: tuple[str, ...]
    met_how: str
    years_known: tuple[float, float]


CLUSTERS: tuple[Cluster, ...] = (
    Cluster(
        "clients",
        48,
        "client",
        (
            "Radboudumc",
            "Sint Maartenskliniek",
            "Bakkerij Van Aken",
            "Dekker Bouw",
            "Stichting Huis73",
            "Museum Het Valkhof",
            "Brouwerij De Hemel",
            "Zorggroep Oosterlengte",
        ),
        (
            "healthcare",
            "healthcare",
            "food",
            "construction",
            "social care",
            "culture",
            "food",
            "healthcare",
        ),
        ("marketing manager", "director", "communication advisor", "owner"),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen", "Arnhem-Nijmegen"),
        0.03,
        0.55,
        9.0,
        (0.05, 0.3, 0.45, 0.18, 0.02),
        0.5,
        0.2,
        ("email", "meeting", "call"),
        "a project",
        (0.5, 8),
    ),
    Cluster(
        "suppliers",
        24,
        "supplier",
        ("Drukkerij Roos", "Fotostudio Licht", "Webbureau Pixelwerk", "Vertaalbureau Taalkracht"),
        ("printing", "photography", "software", "translation"),
        ("account manager", "photographer", "developer", "owner"),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen", "Arnhem-Nijmegen"),
        0.08,
        0.6,
        7.0,
        (0.05, 0.25, 0.5, 0.18, 0.02),
        0.5,
        0.15,
        ("email", "call", "meeting"),
        "a job for a client",
        (1, 10),
    ),
    Cluster(
        "former_colleagues",
        40,
        "work",
        ("Ontwerpbureau Lava", "Studio Dumbar", "Total Design"),
        ("design", "design", "design"),
        ("designer", "art director", "creative director", "project manager"),
        ("Amsterdam", "Rotterdam", "Utrecht"),
        0.12,
        0.5,
        3.0,
        (0.1, 0.35, 0.35, 0.15, 0.05),
        0.6,
        0.45,
        ("message", "email", "meeting"),
        "working together",
        (6, 15),
    ),
    Cluster(
        "family_friends",
        34,
        "family",
        ("", "", "Ziekenhuis Rijnstate", "Basisschool De Klimop", "ING"),
        ("", "", "healthcare", "education", "finance"),
        ("",),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen", "Arnhem-Nijmegen", "Utrecht"),
        0.45,
        0.45,
        26.0,
        (0.0, 0.05, 0.2, 0.4, 0.35),
        0.8,
        0.05,
        ("call", "meeting", "message"),
        "family or old friends",
        (10, 40),
    ),
    Cluster(
        "entrepreneurs_club",
        52,
        "club",
        ("Ondernemersclub Nijmegen",),
        ("consulting", "retail", "finance", "legal", "real estate", "it", "hospitality"),
        ("owner", "director", "partner", "freelancer"),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen", "Arnhem-Nijmegen", "Arnhem-Nijmegen"),
        0.22,
        0.22,
        4.0,
        (0.15, 0.45, 0.3, 0.08, 0.02),
        0.55,
        0.25,
        ("meeting", "email", "message"),
        "the club's drinks",
        (1, 8),
    ),
    Cluster(
        "tennis_club",
        34,
        "sports",
        ("",),
        ("", "education", "healthcare", "it", "retail"),
        ("",),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen"),
        0.35,
        0.35,
        10.0,
        (0.0, 0.2, 0.45, 0.3, 0.05),
        0.6,
        0.1,
        ("meeting", "message"),
        "the tennis club",
        (2, 12),
    ),
    Cluster(
        "university",
        28,
        "university",
        ("Radboud Universiteit", "HAN University of Applied Sciences"),
        ("education", "education"),
        ("lecturer", "researcher", "programme manager", "student"),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen"),
        0.15,
        0.35,
        3.0,
        (0.1, 0.45, 0.35, 0.1, 0.0),
        0.4,
        0.3,
        ("email", "meeting"),
        "guest lectures",
        (1, 9),
    ),
    Cluster(
        "municipality",
        20,
        "municipality",
        ("Gemeente Nijmegen", "Provincie Gelderland"),
        ("government", "government"),
        ("policy advisor", "alderman", "communication advisor", "project leader"),
        ("Arnhem-Nijmegen", "Arnhem-Nijmegen"),
        0.2,
        0.45,
        2.5,
        (0.2, 0.5, 0.25, 0.05, 0.0),
        0.35,
        0.3,
        ("email", "meeting"),
        "a municipal project",
        (1, 7),
    ),
    Cluster(
        "linkedin_only",
        130,
        "online",
        (
            "Coolblue",
            "Bol",
            "Philips",
            "ASML",
            "Rabobank",
            "KPN",
            "Booking.com",
            "Ahold Delhaize",
            "Randstad",
            "Deloitte",
            "Accenture",
            "Gemeente Utrecht",
            "Rijkswaterstaat",
            "UMC Utrecht",
            "Mediamonks",
            "Ace & Company",
        ),
        (
            "retail",
            "retail",
            "technology",
            "technology",
            "finance",
            "telecom",
            "technology",
            "retail",
            "staffing",
            "consulting",
            "consulting",
            "government",
            "government",
            "healthcare",
            "design",
            "design",
        ),
        ("recruiter", "manager", "consultant", "designer", "developer", "director", "sales"),
        (
            "Amsterdam",
            "Utrecht",
            "Eindhoven",
            "Rotterdam",
            "Den Haag",
            "Arnhem-Nijmegen",
            "Arnhem-Nijmegen",
        ),
        0.004,
        0.15,
        0.3,
        (0.6, 0.35, 0.05, 0.0, 0.0),
        0.25,
        0.5,
        ("message",),
        "a LinkedIn invitation",
        (0.2, 6),
    ),
)


@dataclass(frozen=True)
class SeriesPlan:
    name: str
    organiser: str
    category: str
    location: str
    every_days: int  # interval between occurrences
    attend_share: float
    hours: float  # including travel
    cost_eur: float
    enjoyment: tuple[float, ...]  # probabilities of enjoyment 1..5
    crowd: str  # the cluster most people there come from
    outcome_rate: float  # expected outcomes per visit
    outcome_kinds: tuple[str, ...]
    value_eur: tuple[float, float]  # value range of valuable outcomes (clients, deals)
    goal: str | None  # goal key the outcomes serve
    stopped_days_ago: int = 0  # I stopped going this many days ago (0: still going)
    history_days: int = 730  # the first occurrence is this many days ago


SERIES: tuple[SeriesPlan, ...] = (
    SeriesPlan(
        "Ondernemersborrel Nijmegen",
        "Ondernemersclub Nijmegen",
        "borrel",
        "Nijmegen",
        30,
        0.88,
        3.0,
        15.0,
        (0.1, 0.45, 0.35, 0.1, 0.0),
        "entrepreneurs_club",
        0.04,
        ("information",),
        (0, 0),
        "clients",
        history_days=1095,
    ),
    SeriesPlan(
        "Zakenontbijt Gelderland",
        "Zakenkring Gelderland",
        "breakfast",
        "Arnhem",
        30,
        0.55,
        2.5,
        25.0,
        (0.0, 0.1, 0.45, 0.4, 0.05),
        "clients",
        0.9,
        ("client", "lead", "referral", "deal"),
        (2500, 14000),
        "clients",
    ),
    SeriesPlan(
        "Vrijdagborrel tennisclub",
        "Tennisclub De Kwakkenberg",
        "fun",
        "Nijmegen",
        30,
        0.75,
        2.5,
        10.0,
        (0.0, 0.0, 0.05, 0.35, 0.6),
        "tennis_club",
        0.5,
        ("fun",),
        (0, 0),
        "fun",
    ),
    SeriesPlan(
        "UX Meetup Arnhem-Nijmegen",
        "UX Meetup",
        "meetup",
        "Arnhem",
        60,
        0.65,
        3.0,
        0.0,
        (0.0, 0.1, 0.4, 0.4, 0.1),
        "former_colleagues",
        0.45,
        ("information", "advice", "hire"),
        (0, 0),
        "keeping_up",
    ),
    SeriesPlan(
        "Dutch Design Week",
        "Dutch Design Foundation",
        "fair",
        "Eindhoven",
        365,
        1.0,
        10.0,
        60.0,
        (0.0, 0.0, 0.2, 0.5, 0.3),
        "linkedin_only",
        1.2,
        ("information", "lead", "introduction"),
        (0, 0),
        "keeping_up",
    ),
    SeriesPlan(
        "Nieuwjaarsreceptie Gemeente Nijmegen",
        "Gemeente Nijmegen",
        "reception",
        "Nijmegen",
        365,
        1.0,
        2.5,
        0.0,
        (0.1, 0.3, 0.4, 0.2, 0.0),
        "municipality",
        0.5,
        ("introduction", "information"),
        (0, 0),
        "clients",
    ),
    SeriesPlan(
        "Congres Zorg & Design",
        "Zorginnovatie Netwerk",
        "congres",
        "Utrecht",
        365,
        0.5,
        9.0,
        295.0,
        (0.0, 0.15, 0.45, 0.35, 0.05),
        "clients",
        1.0,
        ("client", "lead"),
        (6000, 18000),
        "clients",
    ),
    SeriesPlan(
        "Netwerkcafé Arnhem",
        "Netwerkcafé Arnhem",
        "borrel",
        "Arnhem",
        30,
        0.85,
        2.5,
        10.0,
        (0.05, 0.4, 0.45, 0.1, 0.0),
        "entrepreneurs_club",
        0.0,
        ("information",),
        (0, 0),
        "clients",
        stopped_days_ago=330,
        history_days=1095,
    ),
)

GOALS = (
    model.Goal(
        "clients",
        priority=5,
        targets=(
            model.GoalTarget(model.TargetAttribute.SECTOR, "healthcare"),
            model.GoalTarget(model.TargetAttribute.REGION, "Arnhem-Nijmegen"),
        ),
    ),
    model.Goal("sounding_board", priority=4),
    model.Goal("fun", priority=3),
    model.Goal("keeping_up", priority=2),
)


class _Builder:
    """Draws the demo network; all randomness comes from one seeded generator."""

    def __init__(self, seed: int, today: date) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(seed)
        self.today = today
        self.now = datetime.combine(today, time(9, 0))
        self.used_emails: set[str] = set()

    def days_ago(self, days: float) -> datetime:
        return self.now - timedelta(days=float(days))

    def person(self, cluster: Cluster, index: int) -> tuple[model.Contact, dict]:
        rng, faker = self.rng, self.faker
        given, family = faker.first_name(), faker.last_name()
        slot = int(rng.integers(len(cluster.organisations)))
        organisation = cluster.organisations[slot] or None
        sector = cluster.sectors[slot % len(cluster.sectors)] or None
        if cluster.key in ("entrepreneurs_club", "tennis_club", "linkedin_only"):
            sector = cluster.sectors[int(rng.integers(len(cluster.sectors)))] or None
        role = cluster.roles[int(rng.integers(len(cluster.roles)))] or None
        region = cluster.regions[int(rng.integers(len(cluster.regions)))]
        identifiers = []
        slug = f"{given}.{family}".lower().replace(" ", "").replace("'", "")
        domain = (organisation or "ziggo").lower().replace(" ", "").replace("&", "")
        domain = "".join(ch for ch in domain if ch.isalnum())[:18] + ".nl"
        email = f"{slug}@{domain}"
        while email in self.used_emails:
            email = f"{slug}{int(rng.integers(2, 99))}@{domain}"
        self.used_emails.add(email)
        if cluster.key != "linkedin_only" or rng.random() < 0.1:
            identifiers.append(identifier(IK.EMAIL, email))
        if cluster.key in ("family_friends", "tennis_club", "suppliers") or rng.random() < 0.2:
            identifiers.append(
                identifier(IK.PHONE, f"06{int(rng.integers(10_000_000, 99_999_999))}")
            )
        if cluster.key not in ("family_friends",) or rng.random() < 0.3:
            identifiers.append(
                identifier(
                    IK.PROFILE_URL, f"https://www.linkedin.com/in/{slug.replace('.', '-')}-{index}"
                )
            )
        contact = model.Contact(
            name=f"{given} {family}",
            given_name=given,
            family_name=family,
            organisation=organisation,
            role=role,
            sector=sector,
            region=region,
            identifiers=tuple(i for i in identifiers if i is not None),
            origin=ORIGIN,
        )
        return contact, {"cluster": cluster, "slot": slot}


def build_demo(store: Store, seed: int = 1, today: date | None = None) -> dict[str, int]:
    """Write the demo network into ``store`` in one transaction and return counts per record type.

    Refuses a database with data of its own; a database holding only an earlier demo (no fact
    from a source but the demo's own: the origin ``demo`` and the ``manual`` origins of the
    activities it logged, up to the origin id kept in ``DEMO_ORIGINS_SETTING``) is replaced.
    """
    today = today or date.today()
    builder = _Builder(seed, today)
    with store.begin() as connection:
        if not repo.is_empty(connection):
            earlier_demo = repo.get_setting(connection, DEMO_SETTING) is not None
            own = int(repo.get_setting(connection, DEMO_ORIGINS_SETTING) or 0)
            if not earlier_demo or repo.origin_sources(connection, after=own) - {"demo"}:
                raise InputError(
                    "this database holds your own data; the demo writes only into a new database "
                    "or one that holds an earlier demo (use --db to choose another file)",
                    key="error.demo_own_data",
                )
            _wipe(connection)
        counts = _write(connection, builder, seed)
        repo.set_setting(connection, DEMO_SETTING, str(seed))
        repo.set_setting(connection, DEMO_ORIGINS_SETTING, str(repo.last_origin(connection)))
    return counts


def _wipe(connection: Connection) -> None:
    for table in reversed(schema.metadata.sorted_tables):
        connection.execute(delete(table))


def _write(connection: Connection, b: _Builder, seed: int) -> dict[str, int]:
    rng = b.rng
    origin_id = repo.add_origin(connection, "demo", b.now, file=f"seed {seed}")
    repo.save_me(
        connection,
        model.Me(
            name="Eva de Wit",
            identifiers=tuple(
                i
                for i in (
                    identifier(IK.EMAIL, "eva@studiowit.nl"),
                    identifier(IK.EMAIL, "eva.dewit@gmail.com"),
                    identifier(IK.PROFILE_URL, "https://www.linkedin.com/in/evadewit"),
                    identifier(IK.PHONE, "0612345678"),
                )
                if i is not None
            ),
            organisation="Studio Wit",
            role="owner",
            sector="design",
            region="Arnhem-Nijmegen",
        ),
    )

    # contacts, cluster by cluster
    people: list[model.Contact] = []
    info: list[dict] = []
    for cluster in CLUSTERS:
        for _ in range(cluster.size):
            contact, extra = b.person(cluster, len(people))
            people.append(contact)
            info.append(extra)
    ids = repo.add_contacts(connection, people, origin_id)
    n = len(ids)
    cluster_of = np.array([CLUSTERS.index(x["cluster"]) for x in info])
    members = {c: np.flatnonzero(cluster_of == c) for c in range(len(CLUSTERS))}

    # ties: closeness, contexts, how and when we met
    bridges = _pick_bridges(rng, members)
    ties = []
    for i, extra in enumerate(info):
        cluster: Cluster = extra["cluster"]
        closeness = None
        if rng.random() < cluster.rated_share:
            closeness = (
                int(rng.choice(5, p=np.array(cluster.closeness) / sum(cluster.closeness))) + 1
            )
        contexts = {cluster.context}
        if cluster.key == "family_friends":
            contexts = {"family"} if rng.random() < 0.45 else {"friends"}
        if i in bridges:
            contexts.add(CLUSTERS[bridges[i]].context)
        years = rng.uniform(*cluster.years_known)
        ties.append(
            model.Tie(
                contact_id=ids[i],
                closeness=closeness,
                contexts=tuple(sorted(contexts)),
                met_how=cluster.met_how,
                met_on=b.today - timedelta(days=int(years * 365.25)),
                status=model.TieStatus.KEEP
                if cluster.key == "family_friends" and closeness == 5
                else model.TieStatus.ACTIVE,
            )
        )
    repo.save_ties(connection, ties)

    # who knows whom
    links = _draw_links(rng, info, members, bridges, ids, b.today)
    repo.add_links(connection, links)

    # three years of interactions
    interactions = _draw_interactions(b, info, ids, members, ties)
    repo.add_interactions(connection, interactions, origin_id)

    # goals
    goal_ids = {goal.key: repo.add_goal(connection, goal) for goal in GOALS}

    # events, attendance, encounters, outcomes
    event_counts = _write_events(connection, b, ids, members, goal_ids, origin_id)

    # exchanges, invitations, needs and offers, notes and stories
    exchanges = _draw_exchanges(b, ids, cluster_of)
    repo.add_exchanges(connection, exchanges, origin_id)
    invitations = _draw_invitations(b, ids, members, [person.name for person in people])
    repo.add_invitations(connection, invitations, origin_id)
    topics = _draw_topics(rng, ids, members)
    repo.add_topics(connection, topics)
    notes = _draw_notes(b, ids, ties, info)
    repo.add_notes(connection, notes)
    newcomers = _write_new_meetup(connection, b, ids, members, origin_id)

    # the weeks lived with tiewise: logged activities, decided invitations and advice
    circles = {c.key: [ids[int(p)] for p in members[k]] for k, c in enumerate(CLUSTERS)}
    week = write_week(connection, b.seed, b.today, circles)
    return {
        "contacts": n + newcomers,
        "links": len(links),
        "interactions": len(interactions),
        "goals": len(goal_ids),
        **event_counts,
        "exchanges": len(exchanges),
        "invitations": len(invitations),
        "notes": len(notes),
        **week,
    }


NEW_MEETUP = "Zorginnovatie Meetup Nijmegen"


def _write_new_meetup(
    connection: Connection, b: _Builder, ids: list[int], members: Members, origin_id: int
) -> int:
    """A series I have never been to, with one occurrence in nine days and an attendee list of
    mostly new people in healthcare: the case for "try once". Returns the people added."""
    clients = CLUSTERS[[c.key for c in CLUSTERS].index("clients")]
    newcomers = [b.person(clients, 10_000 + k)[0] for k in range(7)]
    new_ids = repo.add_contacts(connection, newcomers, origin_id)
    (series_id,) = repo.add_series(
        connection,
        [model.EventSeries(NEW_MEETUP, organiser="Health Valley", category="meetup")],
    )
    start = b.days_ago(-9).replace(hour=18, minute=0)
    (occurrence_id,) = repo.add_occurrences(
        connection,
        [
            model.EventOccurrence(
                starts_at=start,
                series_id=series_id,
                name=NEW_MEETUP,
                ends_at=start + timedelta(hours=2),
                location="Nijmegen",
                external_key=f"demo:{NEW_MEETUP}:{start.date().isoformat()}",
            )
        ],
        origin_id,
    )
    known = [ids[int(p)] for p in b.rng.choice(members[0], size=2, replace=False)]
    repo.add_encounters(
        connection,
        [
            model.Encounter(occurrence_id, contact_id, model.EncounterKind.EXPECTED)
            for contact_id in [*new_ids, *known]
        ],
    )
    return len(new_ids)


def _pick_bridges(rng: np.random.Generator, members: Members) -> dict[int, int]:
    """A few contacts who also belong to a second cluster: index → that cluster."""
    pairs = [
        ("family_friends", "tennis_club"),
        ("entrepreneurs_club", "clients"),
        ("former_colleagues", "clients"),
        ("tennis_club", "municipality"),
        ("university", "clients"),
        ("entrepreneurs_club", "municipality"),
        ("former_colleagues", "university"),
    ]
    keys = [c.key for c in CLUSTERS]
    bridges: dict[int, int] = {}
    for home, away in pairs:
        person = int(rng.choice(members[keys.index(home)]))
        bridges.setdefault(person, keys.index(away))
    return bridges


def _draw_links(
    rng: np.random.Generator,
    info: list[dict],
    members: Members,
    bridges: dict[int, int],
    ids: list[int],
    today: date,
) -> list[model.ContactLink]:
    links = []
    for c, group in members.items():
        cluster = CLUSTERS[c]
        slots = np.array([info[i]["slot"] for i in group])
        same_org = slots[:, None] == slots[None, :]
        if not any(cluster.organisations):
            same_org[:] = False
        p = np.where(same_org, cluster.same_org_density, cluster.density)
        draw = rng.random(p.shape) < p
        a_idx, b_idx = np.nonzero(np.triu(draw, k=1))
        for a, b_ in zip(group[a_idx], group[b_idx], strict=True):
            links.append(_link(rng, ids[a], ids[b_], today))
    for person, away in bridges.items():
        for other in rng.choice(members[away], size=min(6, len(members[away])), replace=False):
            links.append(_link(rng, ids[person], ids[int(other)], today))
    return links


def _link(rng: np.random.Generator, a: int, b: int, today: date) -> model.ContactLink:
    first = today - timedelta(days=int(rng.integers(60, 2000)))
    last = today - timedelta(days=int(rng.integers(0, 60)))
    source = "calendar" if rng.random() < 0.7 else "manual"
    return model.ContactLink(min(a, b), max(a, b), source, int(rng.integers(1, 12)), first, last)


_KIND_OF_CHANNEL = {
    "email": (model.InteractionKind.EMAIL, "email"),
    "meeting": (model.InteractionKind.MEETING, "calendar"),
    "call": (model.InteractionKind.CALL, "phone"),
    "message": (model.InteractionKind.MESSAGE, "linkedin"),
}


def _draw_interactions(
    b: _Builder, info: list[dict], ids: list[int], members: Members, ties: list[model.Tie]
) -> list[model.Interaction]:
    rng = b.rng
    horizon = 3 * 365
    interactions: list[model.Interaction] = []
    for i, extra in enumerate(info):
        cluster: Cluster = extra["cluster"]
        rate = cluster.rate_per_year * float(rng.lognormal(0.0, 0.9))
        closeness = ties[i].closeness
        if closeness is not None:
            rate *= 0.5 + 0.35 * closeness
        dormant = rng.random() < cluster.dormant_share
        start_ago = min(horizon, (b.today - ties[i].met_on).days)
        end_ago = int(rng.integers(380, 900)) if dormant else 0
        if start_ago <= end_ago:
            continue
        expected = rate * (start_ago - end_ago) / 365.0
        count = int(rng.poisson(expected))
        if count == 0 and not dormant and rng.random() < 0.6:
            count = 1
        outbound_share = 0.65 if cluster.key in ("clients", "linkedin_only") else 0.5
        for ago in np.sort(rng.uniform(end_ago, start_ago, size=count))[::-1]:
            channel = cluster.channels[int(rng.integers(len(cluster.channels)))]
            kind, source = _KIND_OF_CHANNEL[channel]
            participants = [ids[i]]
            if kind == model.InteractionKind.MEETING and rng.random() < 0.25:
                group = members[CLUSTERS.index(cluster)]
                extra_people = rng.choice(
                    group, size=min(int(rng.integers(1, 4)), len(group)), replace=False
                )
                participants += [ids[int(p)] for p in extra_people]
            roll = rng.random()
            direction = (
                model.Direction.MUTUAL
                if kind == model.InteractionKind.MEETING and roll < 0.5
                else model.Direction.OUTBOUND
                if roll < outbound_share
                else model.Direction.INBOUND
            )
            when = b.days_ago(ago).replace(hour=int(rng.integers(8, 20)), minute=0)
            interactions.append(
                model.Interaction(
                    occurred_at=when,
                    kind=kind,
                    channel=source,
                    direction=direction,
                    participants=tuple(sorted(set(participants))),
                    duration_minutes=int(rng.choice([30, 45, 60, 90]))
                    if kind in (model.InteractionKind.MEETING, model.InteractionKind.CALL)
                    else None,
                    external_key=f"demo:{len(interactions)}",
                )
            )
    interactions.sort(key=lambda x: (x.occurred_at, x.external_key))
    return interactions


def _write_events(
    connection: Connection,
    b: _Builder,
    ids: list[int],
    members: Members,
    goal_ids: dict[str, int],
    origin_id: int,
) -> dict[str, int]:
    keys = [c.key for c in CLUSTERS]
    series_ids = repo.add_series(
        connection,
        [
            model.EventSeries(
                p.name, organiser=p.organiser, category=p.category, location=p.location
            )
            for p in SERIES
        ],
    )
    counts = {"occurrences": 0, "attendances": 0, "encounters": 0, "outcomes": 0}
    for number, (plan, series_id) in enumerate(zip(SERIES, series_ids, strict=True)):
        rng = np.random.default_rng([b.seed, number])  # one stream per series: stable demo
        offset = int(rng.integers(0, min(plan.every_days, 60)))
        days = list(range(plan.history_days - offset, -120, -plan.every_days))
        occurrences = []
        for ago in days:
            start = b.days_ago(ago).replace(
                hour=8 if plan.category == "breakfast" else 17, minute=0
            )
            occurrences.append(
                model.EventOccurrence(
                    starts_at=start,
                    series_id=series_id,
                    name=plan.name,
                    ends_at=start + timedelta(hours=max(1.5, plan.hours - 1.0)),
                    location=plan.location,
                    external_key=f"demo:{plan.name}:{start.date().isoformat()}",
                )
            )
        occurrence_ids = repo.add_occurrences(connection, occurrences, origin_id)
        counts["occurrences"] += len(occurrences)
        attendances, encounters, outcomes = [], [], []
        crowd = members[keys.index(plan.crowd)]
        for occurrence, occurrence_id in zip(occurrences, occurrence_ids, strict=True):
            if occurrence.starts_at.date() > b.today:
                if rng.random() < 0.8:
                    attendances.append(
                        model.Attendance(occurrence_id, model.AttendanceStatus.PLANNED)
                    )
                expected = rng.choice(crowd, size=min(8, len(crowd)), replace=False)
                encounters += [
                    model.Encounter(occurrence_id, ids[int(p)], model.EncounterKind.EXPECTED)
                    for p in expected
                ]
                continue
            stopped = plan.stopped_days_ago and occurrence.starts_at >= b.days_ago(
                plan.stopped_days_ago
            )
            if stopped or rng.random() >= plan.attend_share:
                attendances.append(model.Attendance(occurrence_id, model.AttendanceStatus.SKIPPED))
                continue
            enjoyment = int(rng.choice(5, p=plan.enjoyment)) + 1
            hours = round(plan.hours * float(rng.uniform(0.85, 1.15)) * 4) / 4
            attendances.append(
                model.Attendance(
                    occurrence_id,
                    model.AttendanceStatus.ATTENDED,
                    hours=hours,
                    cost_eur=plan.cost_eur,
                    enjoyment=enjoyment,
                )
            )
            met = rng.choice(crowd, size=min(int(rng.integers(2, 7)), len(crowd)), replace=False)
            encounters += [
                model.Encounter(
                    occurrence_id,
                    ids[int(p)],
                    model.EncounterKind.MET,
                    first_meeting=bool(rng.random() < 0.15),
                )
                for p in met
            ]
            for _ in range(int(rng.poisson(plan.outcome_rate))):
                kind = model.OutcomeKind(
                    plan.outcome_kinds[int(rng.integers(len(plan.outcome_kinds)))]
                )
                valuable = kind in (model.OutcomeKind.CLIENT, model.OutcomeKind.DEAL)
                value = round(float(rng.uniform(*plan.value_eur)), -2) if valuable else None
                when = occurrence.starts_at.date() + timedelta(days=int(rng.integers(0, 60)))
                if when > b.today:
                    continue
                outcomes.append(
                    model.Outcome(
                        kind=kind,
                        occurred_on=when,
                        value_eur=value,
                        description=f"{kind.value} via {plan.name}",
                        occurrence_id=occurrence_id,
                        goal_id=goal_ids.get(plan.goal) if plan.goal else None,
                        contact_ids=(ids[int(met[0])],),
                    )
                )
        repo.save_attendances(connection, attendances)
        repo.add_encounters(connection, encounters)
        repo.add_outcomes(connection, outcomes)
        counts["attendances"] += len(attendances)
        counts["encounters"] += len(encounters)
        counts["outcomes"] += len(outcomes)
    return counts


def _draw_exchanges(b: _Builder, ids: list[int], cluster_of: np.ndarray) -> list[model.Exchange]:
    rng = b.rng
    exchanges = []
    kinds = [
        model.ExchangeKind.HELP,
        model.ExchangeKind.ADVICE,
        model.ExchangeKind.INTRODUCTION,
        model.ExchangeKind.REFERRAL,
        model.ExchangeKind.ENDORSEMENT,
        model.ExchangeKind.RECOMMENDATION,
    ]
    for _ in range(90):
        i = int(rng.integers(len(ids)))
        kind = kinds[int(rng.integers(len(kinds)))]
        direction = (
            model.ExchangeDirection.RECEIVED
            if rng.random() < 0.55
            else model.ExchangeDirection.GIVEN
        )
        counterpart = None
        if kind == model.ExchangeKind.INTRODUCTION:
            candidates = np.flatnonzero(cluster_of != cluster_of[i])
            counterpart = ids[int(rng.choice(candidates))]
        exchanges.append(
            model.Exchange(
                contact_id=ids[i],
                direction=direction,
                kind=kind,
                occurred_on=b.today - timedelta(days=int(rng.integers(1, 1000))),
                counterpart_id=counterpart,
            )
        )
    exchanges.sort(key=lambda e: (e.occurred_on, e.contact_id))
    return exchanges


STRANGERS = 14  # pending invitations from people not among the contacts
#: What strangers write with an invitation: mostly nothing, sometimes a sales pitch, sometimes
#: a personal note (shares of none / pitch / personal, an assumption of the demo).
STRANGER_MESSAGE_SHARES = (0.55, 0.15, 0.30)
STRANGER_PITCHES = (
    "Hoi Eva, wij helpen ontwerpbureaus aan meer klanten via LinkedIn. Zullen we een "
    "vrijblijvend kennismakingsgesprek plannen?",
    "Hi Eva, I'd love to tell you about our lead generation services. Can we book a quick call "
    "this week?",
)
STRANGER_NOTES = (
    "Leuk je gesproken te hebben op de borrel!",
    "Ik zag je werk voor het Radboudumc — graag in contact.",
    "Wij zoeken een ontwerpbureau voor onze zorgapp.",
    "Mooie presentatie bij de ondernemersvereniging; ik wil graag eens sparren over huisstijlen.",
    "Hi Eva, I am starting a health-tech company in Nijmegen and liked your portfolio.",
    "Een collega van de HAN gaf me je naam: ik zoek iemand voor een toegankelijk webontwerp.",
)


def _stranger_messages(seed: int, count: int) -> list[str | None]:
    """The messages of ``count`` strangers, from a stream of their own (seed, 16): each writes
    nothing, a pitch or a note by ``STRANGER_MESSAGE_SHARES``; pitches and notes are taken in a
    shuffled order, so two strangers rarely send the same text."""
    rng = np.random.default_rng([seed, 16])
    kinds = rng.choice(3, size=count, p=STRANGER_MESSAGE_SHARES)
    pitches = [STRANGER_PITCHES[i] for i in rng.permutation(len(STRANGER_PITCHES))]
    notes = [STRANGER_NOTES[i] for i in rng.permutation(len(STRANGER_NOTES))]
    pools: dict[int, list[str]] = {1: pitches, 2: notes}
    used = {1: 0, 2: 0}
    drawn: list[str | None] = []
    for kind in map(int, kinds):
        if kind == 0:
            drawn.append(None)
            continue
        drawn.append(pools[kind][used[kind] % len(pools[kind])])
        used[kind] += 1
    return drawn


def _draw_invitations(
    b: _Builder, ids: list[int], members: Members, names: list[str]
) -> list[model.Invitation]:
    rng, faker = b.rng, b.faker
    invitations = []
    messages = _stranger_messages(b.seed, STRANGERS)
    for k in range(STRANGERS):
        name = f"{faker.first_name()} {faker.last_name()}"
        sent_at = b.days_ago(int(rng.integers(1, 90)))
        rng.integers(6)  # the draw that once chose the message: kept, so later draws stay put
        invitations.append(
            model.Invitation(
                name=name,
                direction=model.Direction.INBOUND,
                sent_at=sent_at,
                profile_url=f"linkedin.com/in/{name.lower().replace(' ', '-')}-{k}",
                message=messages[k],
            )
        )
    keys = [c.key for c in CLUSTERS]
    # pending invitations from people already met (a meeting, an event), some with a message
    for key, message in (
        ("clients", "Fijn u te spreken op de zorginnovatiemiddag — laten we verbinden."),
        ("municipality", "Dank voor uw presentatie; ik blijf graag op de hoogte."),
        ("university", None),
        ("tennis_club", None),
    ):
        p = int(rng.choice(members[keys.index(key)]))
        invitations.append(
            model.Invitation(
                name=names[p],
                contact_id=ids[p],
                direction=model.Direction.INBOUND,
                sent_at=b.days_ago(int(rng.integers(1, 30))),
                message=message,
            )
        )
    online = members[keys.index("linkedin_only")]
    for p in rng.choice(online, size=10, replace=False):
        invitations.append(
            model.Invitation(
                name="",
                contact_id=ids[int(p)],
                direction=model.Direction.OUTBOUND,
                sent_at=b.days_ago(int(rng.integers(100, 1500))),
                status=model.InvitationStatus.ACCEPTED,
            )
        )
    invitations.sort(key=lambda x: (x.sent_at, x.name))
    return invitations


def _draw_topics(rng: np.random.Generator, ids: list[int], members: Members) -> list[model.Topic]:
    keys = [c.key for c in CLUSTERS]
    needs = [
        "photographer",
        "web developer",
        "funding",
        "accountant",
        "care-sector clients",
        "interns",
        "printing",
    ]
    offers = {
        "suppliers": ["photographer", "web developer", "printing"],
        "entrepreneurs_club": ["accountant", "funding", "legal advice"],
        "university": ["interns", "research"],
        "clients": ["care-sector clients"],
    }
    topics = set()
    for key, offered in offers.items():
        for p in rng.choice(members[keys.index(key)], size=4, replace=False):
            topics.add(
                (ids[int(p)], model.TopicKind.OFFER, offered[int(rng.integers(len(offered)))])
            )
    for key in ("clients", "entrepreneurs_club", "former_colleagues"):
        for p in rng.choice(members[keys.index(key)], size=4, replace=False):
            topics.add((ids[int(p)], model.TopicKind.NEED, needs[int(rng.integers(len(needs)))]))
    return [model.Topic(c, k, t) for c, k, t in sorted(topics)]


def _draw_notes(
    b: _Builder, ids: list[int], ties: list[model.Tie], info: list[dict]
) -> list[model.Note]:
    stories = [
        "Helped me through the first year of the studio; we still have breakfast every quarter.",
        "Gave me my first healthcare assignment and told everyone about it.",
        "We ran the Zevenheuvelenloop together in the rain.",
        "Asked the sharpest question about my business plan anyone ever asked.",
    ]
    notes = []
    close = [i for i, t in enumerate(ties) if t.closeness is not None and t.closeness >= 4]
    for k, i in enumerate(close[:: max(1, len(close) // 8)][:8]):
        notes.append(
            model.Note(
                ids[i], stories[k % len(stories)], b.days_ago(30 * k + 5), model.NoteKind.STORY
            )
        )
    for k, i in enumerate(range(0, len(ids), 37)):
        cluster: Cluster = info[i]["cluster"]
        notes.append(model.Note(ids[i], f"Met through {cluster.met_how}.", b.days_ago(10 * k + 3)))
    return notes
