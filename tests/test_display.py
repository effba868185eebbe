"""Numbers, money and dates as each language writes them (``tiewise.display``, Babel), in the
command line and the report; machine output keeps ISO dates and plain numbers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY
from tests.test_cli import run
from tiewise import model
from tiewise.display import (
    NOTHING,
    Figure,
    birthday,
    day,
    figures,
    money,
    month_day,
    number,
    percent,
    weekday,
)
from tiewise.web import translations

NBSP = "\N{NO-BREAK SPACE}"  # CLDR's nl_NL writes "€ 21.100" with one between sign and amount
TODAY = ["--today", DEMO_TODAY.isoformat()]


def test_numbers_in_english_and_dutch():
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(1234.5, 1, "nl") == "1.234,5"
    assert number(1234567, 0, "en") == "1,234,567"
    assert number(1234567, 0, "nl") == "1.234.567"
    assert number(0.5, 2, "nl") == "0,50"
    assert number(-0.001, 2, "en") == "0.00"  # no minus sign on a zero
    assert number(2.675, 2, "en") == "2.67"  # rounded as Python rounds the binary value
    assert number(None) == number(float("nan")) == NOTHING
    assert number(12, 0, "xx") == "12"  # an unknown language reads as English


def test_money_in_english_and_dutch():
    assert money(21100, "en") == "€21,100"
    assert money(21100, "nl") == f"€{NBSP}21.100"
    assert money(21100.0, "en") == "€21,100"  # a whole amount has no decimals …
    assert money(12.5, "en") == "€12.50"  # … any other two
    assert money(12.5, "nl") == f"€{NBSP}12,50"
    assert money(12.5, "en", digits=0) == "€12"  # unless the caller asks
    assert money(25, "en", digits=2) == "€25.00"
    assert money(-21100, "nl") == f"€{NBSP}-21.100"
    assert money(None, "nl") == NOTHING


def test_percentages():
    assert percent(0.256, "en") == "26%"
    assert percent(0.2563, "nl", digits=1) == "25,6%"
    assert percent(None) == NOTHING


def test_dates_in_english_and_dutch():
    assert day(date(2026, 11, 23), "en") == "23 Nov 2026"
    assert day(date(2026, 11, 23), "nl") == "23 nov 2026"
    assert day(datetime(2026, 12, 3, 17, 5, 42), "en") == "3 Dec 2026, 17:05"  # no seconds
    assert day(datetime(2026, 12, 3, 17, 5), "nl") == "3 dec 2026, 17:05"
    assert weekday(date(2026, 11, 23), "en") == "Mon 23 Nov"
    assert weekday(date(2026, 11, 23), "nl") == "ma 23 nov"
    assert weekday(datetime(2026, 12, 3, 17, 0), "nl") == "do 3 dec, 17:00"
    assert weekday(date(2026, 11, 23), "en", year=True) == "Mon, 23 Nov 2026"
    assert month_day(4, 15, "en") == "15 Apr" and month_day(2, 29, "nl") == "29 feb"
    assert day(None) == weekday(None) == NOTHING
    assert birthday(model.Birthday(4, 15, 1985), "nl") == "15 apr 1985"
    assert birthday(model.Birthday(2, 29), "en") == "29 Feb"


def test_a_message_gets_its_figures_in_the_language():
    """A ``str.format`` message (the catalogues' form) with :class:`Figure` values: the format
    spec chooses the digits, the language the separators."""
    template = "€{value:.0f} ({share:.0%}), {count} visits, {rate} per hour, {balance:+d}"
    values = {"value": 21100.4, "share": 0.86, "count": 1234, "rate": 0.146, "balance": 3}
    assert template.format(**figures(values, "en")) == (
        "€21,100 (86%), 1,234 visits, 0.146 per hour, +3"
    )
    assert template.format(**figures(values, "nl")) == (
        "€21.100 (86%), 1.234 visits, 0,146 per hour, +3"
    )
    assert f"{Figure(2.5, 'nl'):.2f}" == "2,50" and str(Figure(3.0, "en")) == "3"
    kept = figures({"name": "Anouk", "flag": True, "on": date(2026, 11, 23)}, "nl")
    assert kept == {"name": "Anouk", "flag": True, "on": "23 nov 2026"}
    # an advice's reasons carry days as ISO text: shown as dates only when asked
    assert figures({"date": "2026-11-21"}, "en", iso_days=True) == {"date": "21 Nov 2026"}
    assert figures({"date": "2026-11-21"}, "en") == {"date": "2026-11-21"}
    assert figures({"date": "2026-13-01"}, "en", iso_days=True) == {"date": "2026-13-01"}


def test_the_web_filters_are_the_same_functions():
    assert translations.number is number and translations.day is day
    assert translations.percent is percent


def test_babel_is_not_imported_to_start_the_command_line():
    """``tiewise --help`` must not pay for Babel (about 65 ms with its locale data): the
    command modules import ``tiewise.display``, which imports Babel on first use."""
    code = (
        "import sys, tiewise.cli, tiewise.display, tiewise.web.translations\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


# --- the command line


def test_events_values_prints_euros_in_the_language_and_json_keeps_numbers(tmp_path: Path):
    db = tmp_path / "mine.db"
    english = run(db, "events", "values", "client=21100", "--threshold", "1250")
    assert "       client  €21,100" in english
    assert "Threshold: €1,250 per hour (set by you)." in english
    dutch = run(db, "events", "values", lang="nl")
    assert f"       client  €{NBSP}21.100" in dutch
    assert "Drempel: € 1.250 per uur (door jou ingesteld)." in dutch
    data = json.loads(run(db, "events", "values", "--json"))
    assert data["values"]["client"] == 21100.0 and data["threshold"] == 1250.0


def test_contact_show_and_log_print_dates_in_the_language(tmp_path: Path):
    db = tmp_path / "mine.db"
    run(db, "contact", "add", "Anouk de Vries", "--met-on", "2019-05-01")
    assert "on 23 Nov 2026 (interaction" in run(db, "log", "anouk", "--on", "2026-11-23")
    dutch = run(db, "log", "anouk", "--on", "2026-11-24", lang="nl")
    assert "op 24 nov 2026 (contactmoment" in dutch
    shown = run(db, "contact", "show", "anouk", "--today", "2026-11-30")
    assert "met: 1 May 2019" in shown and "the last on 24 Nov 2026" in shown
    assert "leren kennen: 1 mei 2019" in run(db, "contact", "show", "anouk", lang="nl")
    table = run(db, "interactions", "anouk", lang="nl")
    assert "24 nov 2026, 12:00" in table  # a day without a time is logged at noon
    listed = json.loads(run(db, "contacts", "--json", "--today", "2026-11-30"))
    assert listed[0]["last_interaction"] == "2026-11-24"  # JSON: ISO dates
    logged = json.loads(run(db, "interactions", "anouk", "--json"))
    assert logged[0]["occurred_at"] == "2026-11-24T12:00:00"


# --- the report


@pytest.fixture(scope="module")
def reports(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for language in ("en", "nl"):
        path = folder / f"report-{language}.md"
        run(demo_db, "report", *TODAY, "-o", str(path), lang=language)
        written[language] = path.read_text(encoding="utf-8")
    return written


def test_the_report_writes_dates_and_money_in_its_language(reports: dict[str, str]):
    english, dutch = reports["en"], reports["nl"]
    assert "As of 1 Nov 2026" in english and "Stand per 1 nov 2026" in dutch
    assert "### This week, 26 Oct 2026 to 1 Nov 2026: get in touch" in english
    assert "### Deze week, 26 okt 2026 tot en met 1 nov 2026: neem contact op" in dutch
    # the plan's birthdays and anniversaries name the day of the week
    assert re.search(r"^- (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d? Oct: ", english, re.M)
    assert re.search(r"^- (ma|di|wo|do|vr|za|zo) \d\d? okt: ", dutch, re.M)
    # the outcomes of a series: thousands separated, as each language does it
    assert "10 outcomes worth €21,100 in total" in english
    assert "10 opbrengsten, samen € 21.100 waard" in dutch
    assert "21100" not in english + dutch
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", english + dutch)  # no ISO date is left


def test_plan_json_keeps_iso_dates(demo_db: Path):
    plan = json.loads(run(demo_db, "plan", "--json", *TODAY))
    assert (plan["week_start"], plan["week_end"]) == ("2026-10-26", "2026-11-01")


# --- the study report


def test_the_study_report_groups_thousands_and_its_json_keeps_numbers(tmp_path: Path):
    """The study report is written in English, its numbers too (``1,200 egos``)."""
    wide = tmp_path / "wide.csv"
    rows = [
        f"e{k},{20000 + 150 * (5 + k % 30) + (k * 37) % 900}.5,{5 + k % 30}" for k in range(1200)
    ]
    wide.write_text("ego_id,revenue,size\n" + "\n".join(rows) + "\n", encoding="utf-8")
    report = tmp_path / "study.md"
    data = json.loads(
        run(
            tmp_path / "unused.db",
            "study",
            str(wide),
            "--outcome",
            "revenue",
            "--report",
            str(report),
            "--json",
        )
    )
    assert data["egos"] == 1200  # JSON: plain numbers
    text = report.read_text(encoding="utf-8")
    assert "; 1,200 egos." in text and "With n = 1,200 the smallest effect" in text
    assert re.search(r"^\| revenue \| 1,200 \| 0 \| 2\d,\d{3}\.\d{3} \|", text, re.M)
