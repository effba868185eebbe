"""Sector suggestions after an import: organisations grouped, a sector suggested per group from
the words of the organisation's name and of its people's positions, with the words that drove it
and a confidence. Pure functions over contacts — no database, no clock; the command line
(``cli/sectors.py``) and the web page (``web/sectors.py``) read, show and write.

An import from LinkedIn brings a company and a position for every connection but no sector, so a
goal target such as ``sector=healthcare`` (``goals.py``) finds nobody until the sectors are filled.
This module proposes them, one decision per organisation rather than per person.

**The vocabulary** (:data:`SECTORS`) is a simplification of the sections of NACE Rev. 2, the
European classification of economic activities, which the Dutch SBI 2008 follows to the fourth
digit: nineteen sectors with short lower-case keys that work as goal targets (``sector=it``),
each with an English and a Dutch label (``i18n``: ``sector.<key>``). Sections that small firms
and professionals rarely tell apart are joined (B mining and C manufacturing; D energy and E
water and waste), and the large section M (professional services) is split the way LinkedIn's
industry groups split it (legal, consulting; accountancy goes with finance, research with
education, design with the creative industries). The words behind each sector (English and
Dutch, :data:`WORDS`) were chosen for this project from the section titles of NACE/SBI and the
usual job titles and organisation names in Dutch and English LinkedIn exports.

**Grouping rule** (:func:`group_organisations`). A name is *folded* (accents dropped, lower case,
dots and apostrophes removed so that "B.V." is ``bv``, split at every other non-letter), known
long forms are shortened ("university medical center", "universitair medisch centrum" → ``umc``;
"university of applied sciences" → ``hogeschool``), a leading article (the, de, het) is dropped,
and legal forms and qualifiers at either end are dropped (B.V., N.V., V.O.F., GmbH, AG, Ltd, Inc,
LLC, PLC, S.A., …; group, holding, Nederland, Netherlands, international, …). Two names are
then the same organisation when

1. their words written together are equal ("Radboud UMC" = "Radboudumc" = "Radboud university
   medical center": ``radboudumc``); or
2. their *distinctive* words — those that are no sector word and no filler (van, en, the, of …;
   all its words for a name of sector words only, such as "Rijkswaterstaat") — written
   together are equal or a typo apart, *and* their sector words (``gemeente`` =
   ``municipality``, ``ziekenhuis`` = ``hospital`` …) agree: one name's set of them is
   contained in the largest such set among the names sharing those distinctive words, and in
   only one. A typo apart: rapidfuzz ``fuzz.ratio`` ≥ 90 between keys of at least 7 letters
   with the same digits, compared with ``process.cdist`` per block of keys that begin with the
   same two letters (never all pairs); the key fewer contacts write joins only the one closest
   key more contacts write, so a typo ("Almere os") never bridges two names ("Almere Bos",
   "Almere Vos"). So "Jansen Bouw" and "Jansen Bouw en Infra" group, "Gemeente Nijmegen" and
   "Municipality of Nijmegen" group, "Rijkswatersaat" joins "Rijkswaterstaat", but "Radboud
   Universiteit" and "Radboudumc" stay apart, and a bare "Radboud" — which could be either —
   stays on its own.

Contacts without an organisation, or whose organisation says only that they work for
themselves (freelance, zzp, self-employed …), are grouped by the sector their position
suggests instead: grouping all freelancers under one sector would be wrong.

**Suggestion and confidence** (:func:`suggest`). A word of the vocabulary is found as a whole
word, as a phrase ("real estate"), or as the head or the first part of a Dutch compound
("kinderziekenhuis" → ziekenhuis, "zorginstelling" → zorg); the head (end) of a compound wins
("zorgverzekeraar" is an insurer). Each distinct word in the organisation's names scores
``2 × weight`` for its sector; each sector scores ``1 × weight`` times the share of the group's
contacts whose position names it (weight 1, or ½ for weak words such as *stichting* or
*consultant*). The suggestion is the sector with the highest score — none when two tie — and
its confidence is ``agreement × amount``: the share of all scores that is this sector's
(``top / total``), times ``top / (top + 1)``, which grows with the evidence — one word in the
name gives 0.67, the name and every position agreeing 0.75, positions alone at most 0.5.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from tiewise.errors import InputError, NotFoundError
from tiewise.hygiene import check_label
from tiewise.i18n import text
from tiewise.model import Contact

MAX_SECTOR = 100  # characters in a sector typed by the user
ORGANISATION_WEIGHT = 2.0  # a word in the organisation's name, against 1 for all positions
FUZZY_CUTOFF = 90  # rapidfuzz fuzz.ratio between distinctive keys (typos)
FUZZY_LENGTH = 7  # both keys at least this long to be compared fuzzily
BLOCK = 2  # distinctive keys are compared fuzzily within blocks of this many first letters
STRONG, WEAK = 1.0, 0.5
SELF_EMPLOYED, NO_ORGANISATION = "self-employed", "none"  # kinds of the groups by position


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector of the vocabulary: its key (a goal target value) and the NACE Rev. 2 / SBI
    sections or divisions it stands for."""

    key: str
    nace: str

    def label(self, language: str) -> str:
        return text(f"sector.{self.key}", language)


SECTORS: tuple[Sector, ...] = (
    Sector("agriculture", "A"),
    Sector("manufacturing", "B, C"),
    Sector("energy", "D, E"),
    Sector("construction", "F; M71.11 architects"),
    Sector("retail", "G"),
    Sector("logistics", "H"),
    Sector("hospitality", "I; N79 travel"),
    Sector("it", "J61–63"),
    Sector("media", "J58–60; M73 marketing and advertising"),
    Sector("finance", "K; M69.2 accountancy"),
    Sector("realestate", "L"),
    Sector("legal", "M69.1; O84.23 courts"),
    Sector("consulting", "M70.2, M74"),
    Sector("recruitment", "N78"),
    Sector("government", "O"),
    Sector("education", "P; M72 research"),
    Sector("healthcare", "Q (health and social work; childcare)"),
    Sector("design", "R90–91; M74.1 design, M74.2 photography"),
    Sector("nonprofit", "S94"),
)
SECTOR_KEYS: tuple[str, ...] = tuple(s.key for s in SECTORS)
_ORDER = {key: i for i, key in enumerate(SECTOR_KEYS)}

#: The words behind each sector, folded (see :func:`fold`): strong words, then weak ones (half
#: weight: they hint rather than decide). Phrases are words separated by a space. ``None``
#: collects words that look like a sector word but are not ("klantenzorg" is customer care,
#: "windows" no wind farm): they match and so stop a shorter word matching inside them.
WORDS: dict[str | None, tuple[str, str]] = {
    "healthcare": (
        "ziekenhuis, ziekenhuizen, hospital, hospitals, umc, mc, zorg, healthcare, health care, "
        "gezondheidszorg, zorginstelling, zorggroep, zorgverlener, verpleegkundige, verpleegkunde, "
        "verpleeghuis, nurse, nursing, verzorgende, huisarts, huisartsen, huisartsenpraktijk, "
        "huisartsenpost, arts, artsen, basisarts, doctor, dokter, physician, medisch, medische, "
        "medical, medicine, apotheek, apotheker, pharmacy, pharmacist, fysiotherapeut, "
        "fysiotherapie, physiotherapist, physiotherapy, therapeut, therapist, psycholoog, "
        "psychologist, psychiater, psychiatrist, ggz, ggd, tandarts, tandartsenpraktijk, dentist, "
        "dental, mondzorg, verloskundige, midwife, kraamzorg, thuiszorg, ouderenzorg, jeugdzorg, "
        "gehandicaptenzorg, nursing home, care home, kliniek, clinic, clinical, klinisch, "
        "chirurg, surgeon, cardioloog, cardiologie, cardiology, oncologie, oncology, radiologie, "
        "radiology, anesthesioloog, revalidatie, rehabilitation, welzijn, welfare, kinderopvang, "
        "childcare, social work, social worker, maatschappelijk werk, maatschappelijk werker, "
        "sociaal werker, jeugdhulp, gezondheid, mantelzorg, patient, patients, farmacie, farmaceut",
        "health, =care, hulpverlener, begeleider, ambulance",
    ),
    "government": (
        "gemeente, gemeentelijke, municipality, municipal, ministerie, ministry, provincie, "
        "province, provincial, rijksoverheid, overheid, government, rijkswaterstaat, "
        "belastingdienst, waterschap, water board, politie, police, defensie, defence, defense, "
        "armed forces, uwv, kadaster, rvo, wethouder, burgemeester, mayor, gemeenteraad, "
        "raadslid, councillor, ambtenaar, civil servant, public sector, publieke sector, "
        "veiligheidsregio, brandweer, fire department, european commission, europese commissie, "
        "tweede kamer, parliament, parlement, ambassade, embassy, consulaat, rijksdienst, "
        "european union",
        "beleidsmedewerker, beleidsadviseur, policy, beleid, public",
    ),
    "finance": (
        "bank, banking, bankier, banker, verzekeraar, verzekeraars, verzekering, verzekeringen, "
        "insurance, insurer, zorgverzekeraar, pensioen, pensioenfonds, pension, pensions, "
        "accountant, accountants, accountancy, accounting, accountantskantoor, auditor, audit, "
        "controller, financial, finance, financieel, financiele, financien, fintech, investment, "
        "investments, beleggingen, vermogensbeheer, asset management, private equity, "
        "venture capital, hypotheek, hypotheken, mortgage, mortgages, krediet, credit, treasury, "
        "boekhouder, boekhouding, bookkeeper, bookkeeping, administratiekantoor, "
        "belastingadviseur, fiscalist, tax, assurantien, assurantie, payroll",
        "=fonds, =fund, capital, kapitaal",
    ),
    "education": (
        "school, scholen, basisschool, hogeschool, hogescholen, universiteit, university, "
        "universities, onderwijs, education, educatie, docent, docenten, leraar, lerares, "
        "leerkracht, teacher, lecturer, professor, hoogleraar, promovendus, phd, postdoc, "
        "onderzoeker, researcher, schoolleider, rector, decaan, dean, mbo, "
        "hbo, vmbo, havo, vwo, roc, lyceum, gymnasium, college, academie, tu, kunstacademie, "
        "conservatorium, kenniscentrum, tutor, bijles, opleidingen",
        "student, studenten, academy, opleiding, training, trainer, instituut, institute, "
        "research, onderzoek",
    ),
    "logistics": (
        "logistiek, logistics, logistic, logistieke, transport, transportbedrijf, vervoer, "
        "expeditie, warehouse, warehousing, magazijn, magazijnmedewerker, distributie, "
        "distribution, supply chain, shipping, scheepvaart, havenbedrijf, haven, freight, vracht, "
        "koerier, courier, vrachtwagenchauffeur, trucking, airline, airlines, luchtvaart, "
        "aviation, airport, luchthaven, schiphol, spoorwegen, railway, railways, =rail, "
        "openbaar vervoer, public transport, fleet, wagenpark, douane, customs, expediteur",
        "chauffeur, driver, planner",
    ),
    "energy": (
        "energie, energy, solar, zonne, zonnepanelen, =wind, windenergie, windpark, windmolen, "
        "windturbine, offshore, "
        "olie, oil, gas, netbeheerder, elektriciteit, electricity, utilities, utility, "
        "nutsbedrijf, waterbedrijf, drinkwater, afval, waste, recycling, warmte, waterstof, "
        "hydrogen, nuclear, kernenergie, renewable, renewables, laadpalen",
        "water, duurzame, sustainable, =power",
    ),
    "it": (
        "it, ict, software, softwareontwikkelaar, developer, developers, programmer, programmeur, "
        "data, database, cloud, saas, devops, cyber, cybersecurity, informatica, telecom, "
        "telecommunicatie, telecommunications, web, webdeveloper, webbureau, app, apps, computer, "
        "computing, sysadmin, systeembeheerder, netwerkbeheerder, helpdesk, servicedesk, "
        "frontend, backend, fullstack, ai, machine learning, hosting, internet, "
        "software architect, solution architect, solutions architect, enterprise architect, "
        "data architect, it architect, informatiemanagement, icter, power bi, powerbi, "
        "kunstmatige intelligentie",
        "tech, technology, technologies, automatisering, ontwikkelaar, digital, scrum, "
        "automation, systems",
    ),
    "media": (
        "media, omroep, broadcaster, broadcasting, televisie, television, tv, radio, krant, "
        "newspaper, journalist, journalistiek, journalism, redacteur, editor, redactie, "
        "uitgeverij, uitgever, publisher, publishing, nieuws, news, pers, press, marketing, "
        "marketeer, communicatie, communication, communications, pr, public relations, reclame, "
        "reclamebureau, advertising, copywriter, content, social media, mediabureau",
        "",
    ),
    "design": (
        "design, designer, ontwerp, ontwerper, ontwerpbureau, grafisch, grafische, graphic, "
        "creative, creatief, creatieve, art director, kunstenaar, artist, fotograaf, "
        "photographer, photography, fotografie, fotostudio, museum, musea, theater, theatre, "
        "schouwburg, muziek, music, musician, muzikant, film, filmmaker, animatie, animation, "
        "illustrator, illustratie, ux, ui, interieur, interior, cultuur, culture, cultural, "
        "erfgoed, heritage, bibliotheek, library, architectuur, kunstenaars",
        "studio, art, creative director, =kunst",
    ),
    "hospitality": (
        "horeca, hospitality, hotel, hotels, restaurant, restaurants, cafe, catering, cateraar, "
        "sous chef, tour operator, toerisme, tourism, travel, reisbureau, camping, recreatie, "
        "recreation, leisure, vakantiepark, barista, sommelier, gastvrijheid, gastheer, gastvrouw, "
        "bediening",
        "chef, bar, evenementen, events, =kok",
    ),
    "retail": (
        "retail, retailer, winkel, winkels, =shop, webshop, e commerce, ecommerce, supermarkt, "
        "supermarket, groothandel, wholesale, detailhandel, winkelmanager, filiaalmanager, "
        "filiaal, kassamedewerker, cashier, boekhandel, drogisterij",
        "store, stores, fashion, =mode, handel, trading, verkoopmedewerker",
    ),
    "construction": (
        "bouw, bouwbedrijf, construction, aannemer, aannemers, aannemersbedrijf, contractor, "
        "bouwkunde, bouwkundig, bouwkundige, civiele techniek, civil engineering, infra, "
        "infrastructuur, infrastructure, wegenbouw, installatietechniek, installateur, "
        "elektricien, electrician, loodgieter, plumber, carpenter, "
        "bricklayer, dakdekker, stukadoor, werkvoorbereider, bouwmanagement, architectenbureau, "
        "architecten",
        "architect, uitvoerder, installatie, schilder, timmerman, metselaar",
    ),
    "manufacturing": (
        "manufacturing, manufacturer, fabriek, factory, fabrikant, industrie, industrial, "
        "industriele, machinebouw, metaal, metal, staal, steel, chemie, chemical, chemicals, "
        "pharma, pharmaceutical, pharmaceuticals, farmaceutisch, farma, voedingsmiddelen, "
        "levensmiddelen, plastics, kunststof, verpakking, packaging, automotive, assemblage, "
        "procesoperator, productiemedewerker, lasser, welder, cnc, mechatronica, werktuigbouw, "
        "semiconductor, semiconductors, halfgeleiders, textiel, textile, drukkerij, printing, "
        "brouwerij, brewery, scheepsbouw",
        "productie, production, industry, operator, machines, food",
    ),
    "agriculture": (
        "landbouw, agriculture, agricultural, agri, agro, agrarisch, agrarische, tuinbouw, "
        "horticulture, glastuinbouw, farmer, boerderij, =farm, melkveehouder, veehouderij, "
        "akkerbouw, kwekerij, kweker, visserij, fishing, fisheries, bosbouw, forestry, veeteelt",
        "dairy, =boer",
    ),
    "realestate": (
        "vastgoed, real estate, realestate, makelaar, makelaardij, makelaarskantoor, realtor, "
        "property, properties, woningcorporatie, woningbouwcorporatie, woningstichting, housing, "
        "projectontwikkelaar, projectontwikkeling, vastgoedbeheer, taxateur, appraiser, "
        "property developer, vastgoedontwikkelaar",
        "wonen",
    ),
    "legal": (
        "advocaat, advocaten, advocatenkantoor, advocatuur, lawyer, lawyers, attorney, law, "
        "law firm, legal, juridisch, juridische, jurist, juristen, notaris, notarissen, "
        "notariaat, notary, rechtbank, court, rechter, judge, gerechtshof, paralegal, counsel, "
        "legal counsel, solicitor, barrister, deurwaarder, bedrijfsjurist",
        "mediator, recht, compliance",
    ),
    "consulting": (
        "consultancy, consulting, adviesbureau, advisory, management consultant, "
        "business consultant, organisatieadvies, bedrijfsadvies, ingenieursbureau",
        "consultant, consultants, advies, interim, coach, coaching",
    ),
    "recruitment": (
        "recruitment, recruiter, werving, wervingsbureau, uitzendbureau, uitzendbureaus, "
        "detachering, detacheerder, detacheringsbureau, staffing, headhunter, executive search, "
        "hr, human resources, personeelszaken, arbeidsbemiddeling, outplacement, "
        "talent acquisition",
        "talent, loopbaan",
    ),
    "nonprofit": (
        "charity, liefdadigheid, ngo, non profit, nonprofit, not for profit, vrijwilliger, "
        "vrijwilligers, volunteer, vrijwilligerswerk, =kerk, church, voedselbank, fundraiser, "
        "fundraising, fondsenwerver, parochie, vakbond, "
        "trade union, brancheorganisatie, branchevereniging, ondernemersvereniging, "
        "humanitarian, humanitair, rode kruis, red cross, goede doelen",
        "stichting, foundation, vereniging, association, federatie, union",
    ),
    None: (
        "klantenzorg, klantenservice, kwaliteitszorg, customer care, windows, databank, "
        "zorgvuldig, energiek, business developer, business development, workshop, workshops, "
        "powerpoint, techniek, technisch, technische, technicus",
        "",
    ),
}

#: Long forms shortened before names are compared (and words matched).
EXPANSIONS: dict[tuple[str, ...], str] = {
    ("university", "medical", "center"): "umc",
    ("university", "medical", "centre"): "umc",
    ("universitair", "medisch", "centrum"): "umc",
    ("academisch", "medisch", "centrum"): "umc",
    ("medical", "center"): "mc",
    ("medical", "centre"): "mc",
    ("medisch", "centrum"): "mc",
    ("university", "of", "applied", "sciences"): "hogeschool",
    ("technische", "universiteit"): "tu",
    ("technical", "university"): "tu",
    ("university", "of", "technology"): "tu",
    ("university", "of", "the", "arts"): "kunstacademie",
}
#: Legal forms and qualifiers dropped at either end of a name.
LEGAL_FORMS = frozenset(
    "bv nv vof cv bvba vzw cvba ua wa cooperatie eenmanszaak maatschap gmbh ag kg ohg ug ev "
    "mbh co kgaa ltd limited inc incorporated llc llp lp plc corp corporation company pty pvt "
    "pte sa sas sarl srl spa sl se ab as asa oy oyj aps group groep groupe gruppe holding "
    "holdings nederland netherlands nl benelux europe emea international global worldwide "
    "the".split()
)
ARTICLES = frozenset({"the", "de", "het"})
#: Short sector words that are also the head of a compound name ("Radboudumc", "LUMC").
SHORT_HEADS = ("umc",)
#: Words that carry nothing when names are compared.
FILLERS = frozenset(
    "van voor en de het der den des t the of and for in op aan bij at und fur die das et la le "
    "les du y".split()
)
#: Sector words that mean the same kind of organisation in Dutch and English.
SAME_KIND = {
    "universiteit": "university",
    "universities": "university",
    "ziekenhuis": "hospital",
    "ziekenhuizen": "hospital",
    "hospitals": "hospital",
    "gemeente": "municipality",
    "municipal": "municipality",
    "ministerie": "ministry",
    "provincie": "province",
    "hogescholen": "hogeschool",
    "verzekeraar": "insurance",
    "verzekeringen": "insurance",
    "verzekering": "insurance",
    "insurer": "insurance",
    "advocaten": "law",
    "advocatenkantoor": "law",
    "lawyers": "law",
    "politie": "police",
    "school": "school",
    "scholen": "school",
    "stichting": "foundation",
    "vereniging": "association",
}
#: Names that say a person works for themself, or for no one in particular.
SELF_EMPLOYED_NAMES = frozenset(
    "freelance freelancer freelancers selfemployed zelfstandig zelfstandige zzp zzper "
    "zelfstandigondernemer zelfstandigeondernemer eigenbedrijf eigenondernemer ondernemer "
    "entrepreneur independent independentconsultant eigenaar owner".split()
)
NO_ORGANISATION_NAMES = frozenset(
    "na nvt none geen unknown onbekend retired gepensioneerd werkzoekend unemployed "
    "lookingforwork lookingfornewopportunities opzoeknaarwerk confidential vertrouwelijk "
    "stealth stealthstartup".split()
)

_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t"}) | {
    ord("æ"): "ae",
    ord("œ"): "oe",
    ord("ß"): "ss",
    ord("þ"): "th",
}
_JOINED = re.compile(r"[.'’`´]")  # dropped: "B.V." is bv, "McDonald's" mcdonalds
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\D")  # all but the digits of a key


@lru_cache(maxsize=65536)
def fold(value: str) -> tuple[str, ...]:
    """The words of ``value``: case-folded, accents dropped, dots and apostrophes removed,
    split at every other character that is not a letter or digit ("Coöperatie Rabobank U.A."
    → cooperatie, rabobank, ua)."""
    if value.isascii():
        return tuple(_WORD.findall(_JOINED.sub("", value.lower())))
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_LETTERS))
    plain = _JOINED.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return tuple(_WORD.findall(plain))


@dataclass(frozen=True, slots=True)
class _Entry:
    sector: str | None
    weight: float


def _vocabulary() -> tuple[dict[str, _Entry], dict[tuple[str, ...], _Entry], set[str]]:
    """The single words and the phrases of :data:`WORDS`, and the words marked ``=`` (whole
    words only: "wind" is no part of "Windesheim")."""
    words: dict[str, _Entry] = {}
    phrases: dict[tuple[str, ...], _Entry] = {}
    whole: set[str] = set()
    for sector, (strong, weak) in WORDS.items():
        for listed, weight in ((strong, STRONG), (weak, WEAK)):
            for item in listed.split(","):
                folded = fold(item)
                if not folded:
                    continue
                if item.strip().startswith("="):
                    whole.add(folded[0])
                if folded[0] in words if len(folded) == 1 else folded in phrases:
                    raise ValueError(f"{item!r} is listed twice in the sector vocabulary")
                if len(folded) == 1:
                    words[folded[0]] = _Entry(sector, weight)
                else:
                    phrases[folded] = _Entry(sector, weight)
    return words, phrases, whole


_WORDS, _PHRASES, _WHOLE = _vocabulary()
_LONGEST = max(len(p) for p in _PHRASES)
_PHRASE_STARTS = frozenset(p[0] for p in _PHRASES)
_EXPANDING = frozenset(long[0] for long in EXPANSIONS)
#: Words that may be part of a compound: at least four letters, not marked whole.
_AFFIXES = {word: e for word, e in _WORDS.items() if len(word) >= 4 and word not in _WHOLE}
#: Sector words, as organisation names are compared (see the module docstring).
_KIND_WORDS = frozenset(_WORDS) | frozenset(" ".join(p) for p in _PHRASES)


@dataclass(frozen=True, slots=True)
class Match:
    """A word of a text that names a sector: the ``word`` as written (folded), the vocabulary
    ``keyword`` it matched (the same, or the part of a compound), its sector and weight."""

    word: str
    keyword: str
    sector: str | None
    weight: float


@lru_cache(maxsize=65536)
def _word_match(word: str) -> Match | None:
    """The vocabulary word ``word`` is or ends or begins with (the end — the head of a Dutch
    compound — first, the longest first); None when it names no sector."""
    entry = _WORDS.get(word)
    if entry is not None:
        return Match(word, word, entry.sector, entry.weight)
    for start in range(2, len(word) - 3):  # a head of at least 4 letters after 2 or more
        found = _AFFIXES.get(word[start:])
        if found is not None:
            return Match(word, word[start:], found.sector, found.weight)
    for head in SHORT_HEADS:  # "Radboudumc", "LUMC"
        if word.endswith(head) and len(word) > len(head):
            found = _WORDS[head]
            return Match(word, head, found.sector, found.weight)
    for end in range(len(word) - 2, 3, -1):  # a first part of 4+ letters before 2 or more
        found = _AFFIXES.get(word[:end])
        if found is not None:
            return Match(word, word[:end], found.sector, found.weight)
    return None


def _expanded(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` with the long forms of :data:`EXPANSIONS` shortened."""
    if not _EXPANDING.intersection(words):
        return tuple(words)
    result: list[str] = []
    at = 0
    while at < len(words):
        for size in (4, 3, 2) if words[at] in _EXPANDING else ():
            short = EXPANSIONS.get(tuple(words[at : at + size]))
            if short is not None:
                result.append(short)
                at += size
                break
        else:
            result.append(words[at])
            at += 1
    return tuple(result)


@lru_cache(maxsize=65536)
def matches(value: str) -> tuple[Match, ...]:
    """The sector words in a name or a position (phrases first, then words and compounds);
    words that look like sector words but are not (``WORDS[None]``) are left out."""
    words = _expanded(fold(value))
    found: list[Match] = []
    at = 0
    while at < len(words):
        longest = min(_LONGEST, len(words) - at) if words[at] in _PHRASE_STARTS else 1
        for size in range(longest, 1, -1):
            entry = _PHRASES.get(words[at : at + size])
            if entry is not None:
                phrase = " ".join(words[at : at + size])
                found.append(Match(phrase, phrase, entry.sector, entry.weight))
                at += size
                break
        else:
            match = _word_match(words[at])
            if match is not None:
                found.append(match)
            at += 1
    return tuple(m for m in found if m.sector is not None)


@dataclass(frozen=True, slots=True)
class NormalName:
    """An organisation name as names are compared (see the module docstring): its words, the
    ``compact`` key (the words written together), the ``distinctive`` key (the words that are
    no sector word or filler, written together) and the ``kinds`` (its sector words, Dutch and
    English taken as one)."""

    words: tuple[str, ...]
    compact: str
    distinctive: str
    kinds: frozenset[str]


def _initials(words: tuple[str, ...]) -> tuple[str, ...]:
    """Runs of single letters written together: "B. V." is ``bv`` like "B.V."."""
    joined: list[str] = []
    in_run = False
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and in_run:
            joined[-1] += word
        else:
            joined.append(word)
        in_run = single
    return tuple(joined)


@lru_cache(maxsize=65536)
def normal_name(name: str) -> NormalName:
    words = list(_expanded(_initials(fold(name))))
    if len(words) > 1 and words[0] in ARTICLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL_FORMS - ARTICLES:
        words.pop(0)
    kinds = frozenset(SAME_KIND.get(w, w) for w in words if w in _KIND_WORDS)
    distinctive = "".join(w for w in words if w not in _KIND_WORDS and w not in FILLERS)
    if not distinctive:  # a name of sector words only ("Rijkswaterstaat", "Gemeente")
        distinctive = "".join(w for w in words if w not in FILLERS)
    return NormalName(tuple(words), "".join(words), distinctive, kinds)


# --- groups


@dataclass(frozen=True, slots=True)
class Member:
    """A contact as the review shows it."""

    contact_id: int
    name: str
    organisation: str | None
    role: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A word behind a suggestion: the word as written (folded), the vocabulary word it matched,
    where it was found (``organisation`` or ``role``) and in how many contacts."""

    word: str
    keyword: str
    source: str
    contacts: int

    def render(self, language: str) -> str:
        word = self.word if self.word == self.keyword else f"{self.word} ({self.keyword})"
        times = f" ×{self.contacts}" if self.source == "role" and self.contacts > 1 else ""
        return f"{word}{times} [{text(f'sectors.source.{self.source}', language)}]"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A sector suggested for a group, its confidence (0–1), the words for it and every
    sector's score (highest first)."""

    sector: str
    confidence: float
    evidence: tuple[Evidence, ...]
    scores: tuple[tuple[str, float], ...]

    def words(self, language: str) -> str:
        return ", ".join(e.render(language) for e in self.evidence)


@dataclass(frozen=True, slots=True)
class OrganisationGroup:
    """The contacts of one organisation, however its name was written (or, for ``kind``
    ``self-employed`` and ``none``, the contacts whose position points to one sector).

    ``key`` names the group in ``--only`` and in the web form: the compact key of its most
    common spelling (``~self-employed:it`` and the like for the groups by position)."""

    key: str
    name: str
    variants: tuple[str, ...]
    members: tuple[Member, ...]
    suggestion: Suggestion | None
    kind: str = "organisation"

    @property
    def empty(self) -> int:
        """How many of its contacts have no sector."""
        return sum(1 for m in self.members if not (m.sector or "").strip())

    @property
    def current(self) -> tuple[tuple[str, int], ...]:
        """The sectors its contacts already have, with how many, most first."""
        counted = Counter(m.sector.strip() for m in self.members if (m.sector or "").strip())
        return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0])))

    def title(self, language: str) -> str:
        """The name shown: the organisation, or what the group of a kind by position is."""
        if self.kind == "organisation":
            return self.name
        kind = text(f"sectors.kind.{self.kind}", language)
        if self.suggestion is None:
            return text("sectors.by_role_none", language, kind=kind)
        return text(
            "sectors.by_role", language, kind=kind, sector=label(self.suggestion.sector, language)
        )

    def as_json(self) -> dict[str, object]:
        suggestion = self.suggestion
        return {
            "key": self.key,
            "organisation": self.name if self.kind == "organisation" else None,
            "kind": self.kind,
            "variants": list(self.variants),
            "contacts": len(self.members),
            "without_sector": self.empty,
            "current": dict(self.current),
            "suggestion": None
            if suggestion is None
            else {
                "sector": suggestion.sector,
                "confidence": suggestion.confidence,
                "words": [
                    {
                        "word": e.word,
                        "keyword": e.keyword,
                        "source": e.source,
                        "contacts": e.contacts,
                    }
                    for e in suggestion.evidence
                ],
                "scores": dict(suggestion.scores),
            },
        }


def label(sector: str, language: str) -> str:
    """The label of a sector key of the vocabulary in ``language``; any other sector as it is."""
    return text(f"sector.{sector}", language) if sector in _ORDER else sector


def suggest(names: Iterable[str], roles: Sequence[str | None]) -> Suggestion | None:
    """The sector the words of an organisation's ``names`` and its contacts' ``roles`` (one per
    contact) point to, with its confidence and evidence (see the module docstring); None when
    no word names a sector or two sectors tie."""
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    seen: dict[str, Match] = {}
    for name in names:
        for match in matches(name):
            seen.setdefault(match.keyword, match)
    for keyword, match in seen.items():
        scores[match.sector] += ORGANISATION_WEIGHT * match.weight  # type: ignore[index]
        evidence[match.sector].append(Evidence(match.word, keyword, "organisation", len(roles)))  # type: ignore[index]
    per_word: Counter[tuple[str, str, str]] = Counter()
    for role in roles:
        found = matches(role) if role else ()
        if not found:
            continue
        best: dict[str, float] = {}
        for match in found:
            best[match.sector] = max(best.get(match.sector, 0.0), match.weight)  # type: ignore[index, arg-type]
        per_word.update({(m.sector, m.word, m.keyword) for m in found})  # type: ignore[misc]
        for sector, weight in best.items():
            scores[sector] += weight / len(roles)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], _ORDER[item[0]]))
    top_sector, top = ranked[0]
    if len(ranked) > 1 and abs(ranked[1][1] - top) < 1e-9:
        return None
    total = sum(scores.values())
    confidence = (top / total) * (top / (top + 1.0))
    role_words = sorted(
        (
            Evidence(word, keyword, "role", count)
            for (sector, word, keyword), count in per_word.items()
            if sector == top_sector
        ),
        key=lambda e: (-e.contacts, e.word),
    )
    return Suggestion(
        top_sector,
        round(confidence, 2),
        tuple(evidence[top_sector]) + tuple(role_words),
        tuple((sector, round(score, 3)) for sector, score in ranked),
    )


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _fuzzy_pairs(keys: Sequence[str]) -> list[tuple[int, int, int]]:
    """Pairs of ``keys`` (indices, and their score) close enough to be one name mistyped: rapidfuzz
    ``fuzz.ratio`` ≥ :data:`FUZZY_CUTOFF`, both at least :data:`FUZZY_LENGTH` long, with the
    same digits, compared with ``process.cdist`` within blocks of the same first :data:`BLOCK`
    letters."""
    import numpy as np
    from rapidfuzz import fuzz, process

    blocks: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if len(key) >= FUZZY_LENGTH:
            blocks[key[:BLOCK]].append(index)
    pairs: list[tuple[int, int, int]] = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        block = [keys[i] for i in members]
        scores = process.cdist(
            block, block, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.uint8
        )
        rows, columns = np.nonzero(np.triu(scores, 1))
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            first, second = keys[members[row]], keys[members[column]]
            if _DIGITS.sub("", first) == _DIGITS.sub("", second):  # "Studio 12" ≠ "Studio 13"
                pairs.append((members[row], members[column], int(scores[row, column])))
    return pairs


def _typos(keys: Sequence[str], counts: Sequence[int]) -> list[tuple[int, int]]:
    """Each key's link to the one close key (:func:`_fuzzy_pairs`) more contacts write — the
    closest, then the most written — so that a typo joins the name it misspells and never
    bridges two names it lies between ("Almere os" is neither "Almere Bos" nor "Almere
    Vos")."""
    best: dict[int, tuple[int, int, int]] = {}
    for a, b, score in _fuzzy_pairs(keys):
        for rare, common in ((a, b), (b, a)):
            if (counts[common], keys[rare]) > (counts[rare], keys[common]):
                candidate = (score, counts[common], common)
                if rare not in best or candidate > best[rare]:
                    best[rare] = candidate
    return [(rare, common) for rare, (_, _, common) in best.items()]


def _organisation_clusters(names: Sequence[str], counts: Sequence[int]) -> list[list[int]]:
    """The distinct organisation ``names`` (indices; ``counts``: the contacts writing each)
    that are one organisation (the module docstring's rule), each cluster in index order."""
    normal = [normal_name(name) for name in names]
    union = _Union(len(names))
    by_compact: dict[str, int] = {}
    for index, found in enumerate(normal):
        first = by_compact.setdefault(found.compact, index)
        union.join(first, index)
    # distinctive keys that are one name (equal, or mistyped), then by the kinds they carry
    keys = sorted({n.distinctive for n in normal if n.distinctive})
    weight: Counter[str] = Counter()
    for found, count in zip(normal, counts, strict=True):
        weight[found.distinctive] += count
    position = {key: i for i, key in enumerate(keys)}
    same_key = _Union(len(keys))
    for a, b in _typos(keys, [weight.get(key, 0) for key in keys]):
        same_key.join(a, b)
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, found in enumerate(normal):
        if found.distinctive:
            buckets[same_key.find(position[found.distinctive])].append(index)
    for members in buckets.values():
        kinds = {normal[i].kinds for i in members}
        largest = [k for k in kinds if not any(k < other for other in kinds)]
        anchors: dict[frozenset[str], int] = {}
        for index in members:
            holding = [k for k in largest if normal[index].kinds <= k]
            if len(holding) == 1:
                anchor = anchors.setdefault(holding[0], index)
                union.join(anchor, index)
    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(names)):
        clusters[union.find(index)].append(index)
    return list(clusters.values())


def _spellings(members: Sequence[Member]) -> tuple[str, ...]:
    """The organisation's spellings, the most common first (then the shortest, then A–Z)."""
    counted = Counter((m.organisation or "").strip() for m in members)
    return tuple(sorted(counted, key=lambda name: (-counted[name], len(name), name)))


def _kind_of(name: str) -> str:
    compact = normal_name(name).compact
    if not compact or compact in NO_ORGANISATION_NAMES:
        return NO_ORGANISATION
    if compact in SELF_EMPLOYED_NAMES:
        return SELF_EMPLOYED
    return "organisation"


def group_organisations(contacts: Iterable[Contact]) -> list[OrganisationGroup]:
    """The contacts grouped by organisation (see the module docstring), each group with its
    suggested sector; the largest groups first, then by name. Contacts without an
    organisation or working for themselves are grouped by the sector their position names."""
    by_name: dict[str, list[Member]] = defaultdict(list)
    by_role: dict[tuple[str, str | None], list[Member]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for contact in contacts:
        if contact.id is None:
            continue
        organisation = (contact.organisation or "").strip()
        member = Member(
            contact.id, contact.name, contact.organisation, contact.role, contact.sector
        )
        kind = kinds.get(organisation)
        if kind is None:
            kind = kinds[organisation] = _kind_of(organisation)
        if kind == "organisation":
            by_name[organisation].append(member)
        else:
            found = suggest((), [contact.role])
            by_role[(kind, found.sector if found else None)].append(member)
    names = sorted(by_name)
    groups: list[OrganisationGroup] = []
    for cluster in _organisation_clusters(names, [len(by_name[name]) for name in names]):
        members = tuple(m for i in cluster for m in by_name[names[i]])
        spellings = _spellings(members)
        groups.append(
            OrganisationGroup(
                key=normal_name(spellings[0]).compact,
                name=spellings[0],
                variants=spellings,
                members=tuple(sorted(members, key=lambda m: m.contact_id)),
                suggestion=suggest(spellings, [m.role for m in members]),
            )
        )
    for (kind, sector), members in by_role.items():
        spellings = tuple(s for s in _spellings(members) if s)
        groups.append(
            OrganisationGroup(
                key=f"~{kind}:{sector or ''}",
                name="",
                variants=spellings,
                members=tuple(sorted(members, key=lambda m: m.contact_id)),
                suggestion=suggest((), [m.role for m in members]) if sector else None,
                kind=kind,
            )
        )
    groups.sort(key=lambda g: (-len(g.members), g.kind != "organisation", g.name.casefold(), g.key))
    return groups


# --- choosing and applying


@dataclass(frozen=True, slots=True)
class Change:
    """One contact's sector to be written: from ``old`` (None: empty) to ``new``."""

    contact_id: int
    name: str
    group: str
    old: str | None
    new: str

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.contact_id,
            "name": self.name,
            "group": self.group,
            "old": self.old,
            "new": self.new,
        }


def check_sector(value: str, field: str = "sector") -> str:
    """A sector typed or chosen by the user: without control characters, at most
    :data:`MAX_SECTOR` characters, not empty; a key or label of the vocabulary (any case, either
    language) becomes its key, anything else is kept as typed."""
    cleaned = check_label(value, field, limit=MAX_SECTOR, what="sector")
    return _KEY_OF.get(cleaned.casefold(), cleaned)


_KEY_OF = {
    **{
        text(f"sector.{key}", language).casefold(): key
        for key in SECTOR_KEYS
        for language in ("en", "nl")
    },
    **{key: key for key in SECTOR_KEYS},
}


def suggested_choices(
    groups: Iterable[OrganisationGroup], min_confidence: float = 0.0
) -> dict[str, str]:
    """Every group's suggested sector (``{group key: sector}``) at ``min_confidence`` or more."""
    return {
        g.key: g.suggestion.sector
        for g in groups
        if g.suggestion is not None and g.suggestion.confidence >= min_confidence
    }


def find_groups(
    groups: Sequence[OrganisationGroup], name: str, field: str = "--only"
) -> list[OrganisationGroup]:
    """The groups a user means by ``name``: its key, or any of its spellings written the same
    way (``normal_name(...).compact``), or the group's title; a typed error listing close names
    when none matches."""
    wanted = name.strip()
    compact = normal_name(wanted).compact if wanted else ""
    found = [
        g
        for g in groups
        if wanted == g.key
        or (compact and g.kind == "organisation" and compact == g.key)
        or any(
            compact and normal_name(v).compact == compact
            for v in g.variants
            if g.kind == "organisation"
        )
    ]
    if found:
        return found
    from rapidfuzz import fuzz, process

    named = {g.key: g.name for g in groups if g.kind == "organisation"}
    hits = process.extract(compact, list(named), scorer=fuzz.ratio, limit=3, score_cutoff=70)
    close = [named[hit[0]] for hit in hits]
    also = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise NotFoundError(
        f"{field}: expected an organisation listed by tiewise sectors, found {wanted!r}{also}",
        field=field,
        key="error.sector_organisation",
        values={"found": wanted, "close": ", ".join(close) or "—"},
        name=wanted,
    )


def plan_changes(
    groups: Sequence[OrganisationGroup],
    choices: Mapping[str, str | None],
    *,
    overwrite: bool = False,
) -> list[Change]:
    """The sectors to write for ``choices`` (``{group key: sector or None to leave}``): every
    contact of a chosen group whose sector is empty — and with ``overwrite`` also every one
    whose sector differs. A sector the user set is never replaced without ``overwrite``. A
    typed error when a key names no group, or when nothing would change (nothing is written)."""
    by_key = {g.key: g for g in groups}
    changes: list[Change] = []
    for key, sector in choices.items():
        group = by_key.get(key)
        if group is None:
            raise InputError(
                f"sector:{key}: expected an organisation listed for review, found {key!r} "
                "(the contacts may have changed since — look again)",
                field=f"sector:{key}",
                key="error.sector_group",
                values={"found": key},
            )
        if sector is None:
            continue
        for member in group.members:
            old = (member.sector or "").strip() or None
            if old is not None and (not overwrite or old.casefold() == sector.casefold()):
                continue
            changes.append(Change(member.contact_id, member.name, key, old, sector))
    if not changes:
        raise InputError(
            "sectors: expected at least one contact whose sector would change, found none "
            + (
                ""
                if overwrite
                else "(only empty sectors are filled; --overwrite replaces set ones)"
            ),
            field="sectors",
            key="error.sector_nothing",
        )
    return changes


def updated_contacts(contacts: Iterable[Contact], changes: Sequence[Change]) -> list[Contact]:
    """The contacts with the ``changes`` made, for ``repository.update_contacts``."""
    new = {c.contact_id: c.new for c in changes}
    return [replace(c, sector=new[c.id]) for c in contacts if c.id in new]


def without_sector(contacts: Iterable[Contact]) -> int:
    """How many contacts have no sector (the import summary points to the review when some)."""
    return sum(1 for c in contacts if not (c.sector or "").strip())
