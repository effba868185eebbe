"""Survey instruments in English and Dutch, as printable forms and CSV templates that
``tiewise study`` reads back and scores.

- **Name generator** with name interpreters: the "important matters" question of the General
  Social Survey (Burt 1984, *Social Networks* 6: 293–339; Marsden 1987, *ASR* 52: 122–131),
  plus a business-advice question; interpreters: relation, closeness 1–5, years known, contact
  frequency, sector, region; and, for every pair of named people, whether they know each other.
  The answers are the long format (``alters.csv``, ``alter_ties.csv``).
- **Position generator** (Lin & Dumin 1986, *Social Networks* 8: 365–385; Lin, Fu & Hsung
  2001, in Lin, Cook & Burt (eds.), *Social Capital: Theory and Research*): "Do you know anyone
  who is a …?" over occupations of different prestige. The 22 occupations are those of Lin's US
  survey of about 3,000 employed or formerly employed adults aged 21–64, as reprinted in Blau &
  Fingerman (2009), *Consequential Strangers*, with the instruction to count anyone known "well
  enough to talk to, even if you are not close". One adaptation: "congressperson" is asked as
  "member of parliament". Scores per ego: **extensity** (how many positions reached), **upper
  reachability** (the highest prestige reached), **range** (highest minus lowest reached) and
  the mean prestige reached. Prestige defaults to the **ISEI-08** score of each occupation's
  ISCO-08 unit group (International Socio-Economic Index of occupational status; Ganzeboom 2010,
  "A new International Socio-Economic Index (ISEI) of occupational status for the ISCO-08",
  ISSP conference, Lisbon; table "ISCO-08 with ISEI-08 scores", version of 27 July 2010;
  Ganzeboom, De Graaf & Treiman 1992, *Social Science Research* 21: 1–56), read from the data
  file ``isco08_prestige.csv`` shipped beside this module, which also holds the alternative
  ISEI-08 of Ganzeboom's SPSS syntax and SIOPS prestige (Treiman 1977) for every ISCO-08 code,
  with its sources. ``position_generator_items.csv`` carries all three; a researcher copies
  another one (or a scale of their own) into its ``prestige`` column.
- **Resource generator** (Van der Gaag & Snijders 2005, *Social Networks* 27: 1–29): "Do you
  know anyone who …?" over concrete resources; scores: the number of resources reached, in all
  and per subscale (prestige and education, political and financial skills, personal skills,
  personal support).

**Wording, and what was checked.** The name generator follows the GSS question as published.
The position generator's occupations and instruction were checked against the published list
(above); its ISEI-08 scores against three independent transcriptions of Ganzeboom's tables (see
the data file). For the resource generator only the paper's abstract could be read here: it
confirms the four subscales by name and the sample (SSND 1999–2000, N = 1,004); the items
themselves (its Table 2) could not be checked, so their wording and subscale follow the paper
*as recalled* and are **unverified**: :data:`RESOURCES_VERIFIED` is ``False`` and every output
that shows or scores them says so (:data:`RESOURCES_UNVERIFIED`) — the forms, the
``resource_generator_items.csv`` template (column ``verified``), the study's warnings (CLI,
JSON, report). Compare them with Table 2 before fielding a survey, and adjust :data:`RESOURCES`
if they differ. The Dutch texts are this project's translations.
"""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from tiewise.errors import ImportFormatError, Phrase
from tiewise.research.tables import EGO_ID, read_table


@dataclass(frozen=True)
class Item:
    key: str
    en: str
    nl: str
    score: float | str  # prestige (position generator) or subscale (resource generator)
    isco08: int | None = None  # ISCO-08 unit group of a position

    def text(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


NAME_GENERATOR = (
    Item(
        "important_matters",
        "From time to time, most people discuss important matters with other people. Looking "
        "back over the last six months, who are the people with whom you discussed matters "
        "important to you?",
        "Iedereen bespreekt wel eens belangrijke zaken met anderen. Als u terugkijkt op de "
        "afgelopen zes maanden: met wie besprak u zaken die belangrijk voor u waren?",
        "",
    ),
    Item(
        "business_advice",
        "In the last six months, whom did you ask for advice about your business or work?",
        "Aan wie vroeg u de afgelopen zes maanden advies over uw bedrijf of werk?",
        "",
    ),
)
INTERPRETERS = (
    Item(
        "relation",
        "How are you related? (family, friend, colleague, client, supplier, other)",
        "Wat is uw relatie? (familie, vriend, collega, klant, leverancier, anders)",
        "",
    ),
    Item(
        "closeness",
        "How close do you feel? 1 (distant) – 5 (very close)",
        "Hoe dicht voelt u zich bij deze persoon? 1 (ver) – 5 (heel dichtbij)",
        "",
    ),
    Item(
        "years_known",
        "How many years have you known this person?",
        "Hoeveel jaar kent u deze persoon?",
        "",
    ),
    Item(
        "contact_frequency",
        "How often are you in touch? (weekly, monthly, yearly, less)",
        "Hoe vaak heeft u contact? (wekelijks, maandelijks, jaarlijks, minder)",
        "",
    ),
    Item(
        "sector",
        "In which sector does this person work?",
        "In welke sector werkt deze persoon?",
        "",
    ),
    Item("region", "Where does this person live or work?", "Waar woont of werkt deze persoon?", ""),
)
#: The default prestige scale of the position generator: a column of ``isco08_prestige.csv``.
PRESTIGE_SCALE = "isei08"
PRESTIGE_SCALES = ("isei08", "isei08_sps", "siops08")


@cache
def isco08_prestige() -> dict[int, dict[str, float]]:
    """ISCO-08 code → {``isei08``, ``isei08_sps``, ``siops08``} from the data file
    ``isco08_prestige.csv`` (published scores; sources in the file's header and the module
    docstring). 590 codes: all 4-digit unit groups, and the higher groups the source scores."""
    text = resources.files("tiewise.research").joinpath("isco08_prestige.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        int(row["isco08"]): {scale: float(row[scale]) for scale in PRESTIGE_SCALES} for row in rows
    }


def _position(key: str, english: str, dutch: str, isco08: int) -> Item:
    """A position generator item; its prestige is the ISEI-08 of its ISCO-08 unit group."""
    return Item(key, english, dutch, isco08_prestige()[isco08][PRESTIGE_SCALE], isco08)


POSITIONS = (  # Lin's 22 occupations of the US survey, in the order of the published list
    _position(
        "admin_assistant", "an administrative assistant", "een administratief medewerker", 4120
    ),
    _position("babysitter", "a babysitter", "een oppas", 5311),
    _position("bellboy", "a hotel bellboy", "een piccolo in een hotel", 9621),
    _position("bookkeeper", "a bookkeeper", "een boekhouder", 4311),
    _position("ceo", "a chief executive (CEO)", "een algemeen directeur (CEO)", 1120),
    _position("programmer", "a computer programmer", "een programmeur", 2514),
    _position("legislator", "a member of parliament", "een Kamerlid", 1111),
    _position(
        "factory_operator", "a factory operator", "een productiemedewerker in een fabriek", 8189
    ),
    _position("farmer", "a farmer", "een boer", 6130),
    _position("janitor", "a janitor", "een conciërge", 5153),
    _position("hairdresser", "a hairdresser", "een kapper", 5141),
    _position("lawyer", "a lawyer", "een advocaat", 2611),
    _position(
        "teacher", "a secondary school teacher", "een leraar in het voortgezet onderwijs", 2330
    ),
    _position("nurse", "a nurse", "een verpleegkundige", 2221),
    _position("personnel_manager", "a personnel manager", "een personeelsmanager", 1212),
    _position("police", "a police officer", "een politieagent", 5412),
    _position("production_manager", "a production manager", "een productiemanager", 1321),
    _position("professor", "a university professor", "een hoogleraar of universitair docent", 2310),
    _position("receptionist", "a receptionist", "een receptionist", 4226),
    _position("security_guard", "a security guard", "een beveiliger", 5414),
    _position("taxi_driver", "a taxi driver", "een taxichauffeur", 8322),
    _position("writer", "a writer", "een schrijver", 2641),
)
RESOURCES = (
    Item(
        "repair_car",
        "can repair a car, bike, etc.",
        "een auto, fiets e.d. kan repareren",
        "personal skills",
    ),
    Item("owns_car", "owns a car", "een auto heeft", "personal skills"),
    Item(
        "handy",
        "is handy repairing household equipment",
        "handig is met reparaties in huis",
        "personal skills",
    ),
    Item(
        "foreign_language",
        "can speak and write a foreign language",
        "een vreemde taal spreekt en schrijft",
        "prestige and education",
    ),
    Item(
        "computer",
        "can work with a personal computer",
        "met een computer kan werken",
        "personal skills",
    ),
    Item(
        "instrument", "can play an instrument", "een muziekinstrument bespeelt", "personal skills"
    ),
    Item(
        "literature",
        "has knowledge of literature",
        "verstand heeft van literatuur",
        "prestige and education",
    ),
    Item(
        "higher_education",
        "has a higher education degree",
        "een hogere opleiding heeft afgerond",
        "prestige and education",
    ),
    Item(
        "professional_journal",
        "reads a professional journal",
        "een vakblad leest",
        "prestige and education",
    ),
    Item(
        "political_party",
        "is active in a political party",
        "actief is in een politieke partij",
        "political and financial skills",
    ),
    Item(
        "shares",
        "owns shares for at least €10,000",
        "voor ten minste € 10.000 aan aandelen heeft",
        "political and financial skills",
    ),
    Item(
        "town_hall",
        "works at the town hall",
        "op het gemeentehuis werkt",
        "political and financial skills",
    ),
    Item(
        "high_income",
        "earns more than €5,000 a month",
        "meer dan € 5.000 per maand verdient",
        "prestige and education",
    ),
    Item(
        "holiday_home",
        "owns a holiday home abroad",
        "een vakantiehuis in het buitenland heeft",
        "prestige and education",
    ),
    Item(
        "hires",
        "is sometimes in a position to hire people",
        "soms mensen kan aannemen",
        "political and financial skills",
    ),
    Item(
        "regulations",
        "knows a lot about government regulations",
        "veel weet van overheidsregels",
        "political and financial skills",
    ),
    Item(
        "media",
        "has good contacts with a newspaper, radio or TV station",
        "goede contacten heeft bij een krant, radio of tv",
        "political and financial skills",
    ),
    Item(
        "financial",
        "knows about financial matters (taxes, subsidies)",
        "verstand heeft van financiële zaken (belasting, subsidies)",
        "political and financial skills",
    ),
    Item(
        "holiday_job",
        "can find a holiday job for a family member",
        "een vakantiebaan voor een familielid kan vinden",
        "political and financial skills",
    ),
    Item(
        "work_conflict",
        "can give advice on a conflict at work",
        "kan adviseren bij een conflict op het werk",
        "personal support",
    ),
    Item(
        "moving",
        "can help when moving house (packing, lifting)",
        "kan helpen bij een verhuizing (inpakken, tillen)",
        "personal support",
    ),
    Item(
        "odd_jobs",
        "can help with small jobs around the house",
        "kan helpen met klusjes in huis",
        "personal support",
    ),
    Item(
        "shopping",
        "can do your shopping when you are ill",
        "boodschappen voor u kan doen als u ziek bent",
        "personal support",
    ),
    Item(
        "medical",
        "can give medical advice when you are unsure about your doctor's",
        "medisch advies kan geven als u twijfelt aan dat van uw arts",
        "personal support",
    ),
    Item(
        "lend_money",
        "can lend you a large sum of money",
        "u een groot bedrag kan lenen",
        "personal support",
    ),
    Item(
        "place_to_stay",
        "can give you a place to stay for a week",
        "u een week onderdak kan geven",
        "personal support",
    ),
    Item(
        "family_conflict",
        "can give advice on conflicts with family members",
        "kan adviseren bij conflicten in de familie",
        "personal support",
    ),
    Item(
        "voting",
        "can discuss which political party you will vote for",
        "met u kan praten over op welke partij u stemt",
        "political and financial skills",
    ),
    Item(
        "legal",
        "can give advice on legal matters (landlord, boss, municipality)",
        "juridisch advies kan geven (verhuurder, baas, gemeente)",
        "political and financial skills",
    ),
    Item(
        "reference",
        "can give a good reference when you apply for a job",
        "een goede referentie kan geven als u solliciteert",
        "personal support",
    ),
    Item("babysit", "can babysit your children", "op uw kinderen kan passen", "personal support"),
)
#: The resource generator's items have not been checked against the published ones (Van der
#: Gaag & Snijders 2005, Table 2); every output that shows or scores them says so.
RESOURCES_VERIFIED = False
RESOURCES_UNVERIFIED = (
    "resource generator: the 31 items and their subscales are unverified — recalled, not "
    "checked against Van der Gaag & Snijders (2005, Social Networks 27, Table 2); check the "
    "wording before fielding and read rg_* scores with care"
)
SUBSCALES = (
    "prestige and education",
    "political and financial skills",
    "personal skills",
    "personal support",
)
TEXT = {
    "title": ("Network survey", "Netwerkvragenlijst"),
    "names": ("Part 1 — the people in your network", "Deel 1 — de mensen in uw netwerk"),
    "names_note": (
        "Write first names or initials only; they stay on this form.",
        "Schrijf alleen voornamen of initialen; die blijven op dit formulier.",
    ),
    "interpreters": ("For each person you named:", "Voor elke persoon die u noemde:"),
    "ties": (
        "For each pair of people you named: do they know each other?",
        "Voor elk paar mensen dat u noemde: kennen zij elkaar?",
    ),
    "positions": ("Part 2 — Do you know anyone who is …", "Deel 2 — Kent u iemand die … is?"),
    "positions_note": (
        "Count relatives, friends and acquaintances: anyone you know well enough to talk to, "
        "even if you are not close. If you know several, tick the one you know best.",
        "Tel familie, vrienden en kennissen mee: iedereen die u goed genoeg kent om mee te "
        "praten, ook als u niet close met hem of haar bent. Kent u er meerdere, kruis dan aan wie "
        "u het best kent.",
    ),
    "resources": ("Part 3 — Do you know anyone who …", "Deel 3 — Kent u iemand die …"),
    "resources_unverified": (
        "Note for the researcher (remove before fielding): these items are unverified. They "
        "follow Van der Gaag & Snijders (2005, Social Networks 27) as recalled, not as checked "
        "against the paper's Table 2; compare the wording and subscales before use.",
        "Noot voor de onderzoeker (verwijderen vóór afname): deze items zijn niet geverifieerd. "
        "Ze volgen Van der Gaag & Snijders (2005, Social Networks 27) uit het geheugen, niet "
        "gecontroleerd aan tabel 2 van het artikel; vergelijk formulering en subschalen vóór "
        "gebruik.",
    ),
    "answers": (
        "no · relative · friend · acquaintance (tick one)",
        "nee · familie · vriend · kennis (kruis één aan)",
    ),
}


def _t(key: str, language: str) -> str:
    english, dutch = TEXT[key]
    return dutch if language == "nl" else english


def form_markdown(language: str) -> str:
    lines = [
        f"# {_t('title', language)}",
        "",
        f"## {_t('names', language)}",
        "",
        _t("names_note", language),
        "",
    ]
    for k, item in enumerate(NAME_GENERATOR, 1):
        lines += [
            f"{k}. {item.text(language)}",
            "",
            "   1. ____  2. ____  3. ____  4. ____  5. ____",
            "",
        ]
    lines += [_t("interpreters", language), ""]
    lines += [f"- {item.text(language)}" for item in INTERPRETERS]
    lines += [
        "",
        _t("ties", language),
        "",
        f"## {_t('positions', language)}",
        "",
        _t("positions_note", language),
        "",
        f"| | {_t('answers', language)} |",
        "|---|---|",
    ]
    lines += [f"| {item.text(language)} | ☐ ☐ ☐ ☐ |" for item in POSITIONS]
    lines += [
        "",
        f"## {_t('resources', language)}",
        "",
        f"> {_t('resources_unverified', language)}",
        "",
        f"| | {_t('answers', language)} |",
        "|---|---|",
    ]
    lines += [f"| {item.text(language)} | ☐ ☐ ☐ ☐ |" for item in RESOURCES]
    return "\n".join(lines) + "\n"


def form_html(language: str) -> str:
    """The same form as :func:`form_markdown`, as one printable HTML page."""
    e = html.escape

    def table(items: tuple[Item, ...]) -> str:
        rows = "".join(f"<tr><td>{e(i.text(language))}</td><td>☐ ☐ ☐ ☐</td></tr>" for i in items)
        head = f"<tr><th scope='col'></th><th scope='col'>{e(_t('answers', language))}</th></tr>"
        return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"

    blanks = "<ol>" + "<li>______________</li>" * 5 + "</ol>"
    questions = "".join(
        f"<p>{k}. {e(i.text(language))}</p>{blanks}" for k, i in enumerate(NAME_GENERATOR, 1)
    )
    interpreters = "".join(f"<li>{e(i.text(language))}</li>" for i in INTERPRETERS)
    return (
        f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
        f"<title>{e(_t('title', language))}</title><style>body{{font:14px/1.5 serif;"
        "max-width:800px;margin:auto}td,th{border-bottom:1px solid #999;padding:4px 8px;"
        "text-align:left}</style></head><body>"
        f"<h1>{e(_t('title', language))}</h1><h2>{e(_t('names', language))}</h2>"
        f"<p>{e(_t('names_note', language))}</p>{questions}"
        f"<p>{e(_t('interpreters', language))}</p><ul>{interpreters}</ul>"
        f"<p>{e(_t('ties', language))}</p>"
        f"<h2>{e(_t('positions', language))}</h2>"
        f"<p>{e(_t('positions_note', language))}</p>{table(POSITIONS)}"
        f"<h2>{e(_t('resources', language))}</h2>"
        f"<p class='unverified'><strong>{e(_t('resources_unverified', language))}</strong></p>"
        f"{table(RESOURCES)}</body></html>"
    )


def write_instruments(folder: Path, language: str) -> list[Path]:
    """The printable form (Markdown and HTML) and the CSV templates of every instrument."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "network-survey.md": form_markdown(language),
        "network-survey.html": form_html(language),
    }
    templates = {
        "egos.csv": [["ego_id", "performance", "firm_age", "firm_size", "industry"]],
        "alters.csv": [["ego_id", "alter_id", *(i.key for i in INTERPRETERS)]],
        "alter_ties.csv": [["ego_id", "source", "target"]],
        "position_generator.csv": [["ego_id", *(i.key for i in POSITIONS)]],
        "position_generator_items.csv": [["key", "label", "isco08", "prestige", *PRESTIGE_SCALES]]
        + [
            [
                i.key,
                i.text(language),
                i.isco08,
                _number(float(i.score)),
                *(_number(isco08_prestige()[i.isco08][s]) for s in PRESTIGE_SCALES),
            ]
            for i in POSITIONS
            if i.isco08 is not None
        ],
        "resource_generator.csv": [["ego_id", *(i.key for i in RESOURCES)]],
        "resource_generator_items.csv": [["key", "label", "subscale", "verified"]]
        + [
            [i.key, i.text(language), i.score, "yes" if RESOURCES_VERIFIED else "no"]
            for i in RESOURCES
        ],
    }
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    for name, rows in templates.items():
        with (folder / name).open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(rows)
        paths.append(folder / name)
    return paths


def _number(value: float) -> str:
    """``70`` rather than ``70.0``; ``68.7`` as is."""
    return f"{value:g}"


#: How an answer names the person through whom an item is reached (Lin, Fu & Hsung 2001 and
#: Van der Gaag & Snijders 2005 both ask it): relative, friend or acquaintance.
RELATIONS = {
    "relative": 1,
    "familie": 1,
    "friend": 2,
    "vriend": 2,
    "acquaintance": 3,
    "kennis": 3,
}
ACQUAINTANCE = 3
_YES = {"1", "yes", "ja", "true", "y", "j"}
_NO = {"0", "no", "nee", "false", "n"}


def _answers(
    path: Path, keys: tuple[str, ...], ego_ids: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Egos × items: 1 where the ego knows someone (yes/ja/1/true or a relation), 0 for no, NaN
    where unanswered; and the relation through whom (1 relative, 2 friend, 3 acquaintance, 0 not
    said)."""
    table = read_table(path)
    ego_column = table.column(EGO_ID, Phrase("ego id"))
    index = {ego: k for k, ego in enumerate(ego_ids)}
    answers = np.full((len(ego_ids), len(keys)), np.nan)
    relations = np.zeros((len(ego_ids), len(keys)), dtype=np.int8)
    for line, row in table.rows:
        ego = row.get(ego_column, "")
        if ego not in index:
            raise ImportFormatError(
                table.file,
                "the id of an ego in the egos file",
                repr(ego),
                line=line,
                field=ego_column,
            )
        for k, key in enumerate(keys):
            value = row.get(key, "").strip().casefold()
            if value in _YES or value in RELATIONS:
                answers[index[ego], k] = 1.0
                relations[index[ego], k] = RELATIONS.get(value, 0)
            elif value in _NO:
                answers[index[ego], k] = 0.0
            elif value:
                raise ImportFormatError(
                    table.file,
                    "no, yes, relative, friend or acquaintance (nee, ja, familie, vriend, kennis)",
                    repr(value),
                    line=line,
                    field=key,
                )
    return answers, relations


def _through_acquaintances(reached: np.ndarray, relations: np.ndarray) -> np.ndarray:
    """Items reached through an acquaintance per ego; NaN when the ego named no relation."""
    told = ((relations > 0) & reached).any(axis=1)
    return np.where(told, ((relations == ACQUAINTANCE) & reached).sum(axis=1), np.nan)


def position_scores(
    path: Path, ego_ids: tuple[str, ...], prestige: dict[str, float]
) -> dict[str, np.ndarray]:
    """Extensity, upper reachability, range and mean prestige reached, per ego (Lin 2001), and
    how many positions are reached through acquaintances (weak ties; Lin, Fu & Hsung 2001)."""
    keys = tuple(prestige)
    answers, relations = _answers(path, keys, ego_ids)
    scores = np.array([prestige[k] for k in keys])
    reached = answers == 1.0
    answered = ~np.isnan(answers).all(axis=1)
    with np.errstate(invalid="ignore"):
        high = np.where(reached, scores, -np.inf).max(axis=1)
        low = np.where(reached, scores, np.inf).min(axis=1)
        count = reached.sum(axis=1)
        mean = np.where(count > 0, (reached * scores).sum(axis=1) / np.maximum(count, 1), np.nan)
    some = count > 0
    return {
        "pg_extensity": np.where(answered, count, np.nan),
        "pg_upper_reachability": np.where(some, high, np.nan),
        "pg_range": np.where(some, high - low, np.nan),
        "pg_mean_prestige": mean,
        "pg_via_acquaintances": _through_acquaintances(reached, relations),
    }


def resource_scores(path: Path, ego_ids: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Resources reached, in all, per subscale and through acquaintances (Van der Gaag &
    Snijders 2005)."""
    keys = tuple(i.key for i in RESOURCES)
    answers, relations = _answers(path, keys, ego_ids)
    answered = ~np.isnan(answers).all(axis=1)
    reached = np.nan_to_num(answers)
    columns = {
        "rg_total": np.where(answered, reached.sum(axis=1), np.nan),
        "rg_via_acquaintances": _through_acquaintances(reached == 1.0, relations),
    }
    for subscale in SUBSCALES:
        mask = np.array([i.score == subscale for i in RESOURCES])
        name = "rg_" + subscale.replace(" and ", "_").replace(" ", "_")
        columns[name] = np.where(answered, reached[:, mask].sum(axis=1), np.nan)
    return columns


def prestige_of(folder: Path) -> dict[str, float]:
    """Prestige per position: ``position_generator_items.csv`` in ``folder`` when there is one
    (the researcher's scale), else the defaults of :data:`POSITIONS`."""
    path = folder / "position_generator_items.csv"
    if not path.is_file():
        return {i.key: float(i.score) for i in POSITIONS}
    table = read_table(path)
    prestige = {}
    for line, row in table.rows:
        try:
            prestige[row["key"]] = float(row.get("prestige", "").replace(",", "."))
        except (KeyError, ValueError) as error:
            raise ImportFormatError(
                table.file,
                "a prestige number",
                repr(row.get("prestige")),
                line=line,
                field="prestige",
            ) from error
    return prestige
