"""Synthetic exports of a heavy user, in the real formats, for the capture benchmark.

30,000 LinkedIn connections (LinkedIn's maximum), 100,000 messages, five years of calendar
(10,000 meetings with about three attendees each) and 5,000 vCards. Deterministic for a seed.
Usage: ``python bench/synthetic_exports.py OUTDIR``.
"""

from __future__ import annotations

import csv
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

GIVEN = (
    "Anouk Sem Lotte Daan Femke Bram Sanne Thijs Eva Jeroen Noor Ruben Lieke Joris Iris "
    "Koen Fleur Stijn Roos Milan Julia Lars Emma Tim Sophie Bas Anna Luuk Mila Jesse"
).split()
FAMILY = (
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van Dijk",
)
COMPANIES = [f"Bedrijf {i}" for i in range(3000)]


def people(rng: np.random.Generator, n: int) -> list[dict[str, str]]:
    result = []
    for i in range(n):
        given = GIVEN[int(rng.integers(len(GIVEN)))]
        family = FAMILY[int(rng.integers(len(FAMILY)))]
        slug = f"{given}-{family}-{i}".lower().replace(" ", "-")
        result.append(
            {
                "given": given,
                "family": family,
                "name": f"{given} {family}",
                "company": COMPANIES[int(rng.integers(len(COMPANIES)))],
                "url": f"https://www.linkedin.com/in/{slug}",
                "email": f"{slug}@example.nl",
            }
        )
    return result


def write_connections(path: Path, persons: list[dict[str, str]], rng: np.random.Generator) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            'Notes:\r\n"When exporting your connection data, you may notice that some '
            'of the email addresses are missing."\r\n\r\n'
        )
        writer = csv.writer(handle)
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        start = datetime(2012, 1, 1)
        for p in persons:
            connected = start + timedelta(days=int(rng.integers(0, 5000)))
            writer.writerow(
                [
                    p["given"],
                    p["family"],
                    p["url"],
                    "",
                    p["company"],
                    "Manager",
                    connected.strftime("%d %b %Y"),
                ]
            )


def write_messages(
    path: Path, persons: list[dict[str, str]], rng: np.random.Generator, count: int
) -> None:
    me = ("Eva de Wit", "https://www.linkedin.com/in/evadewit")
    start = datetime(2021, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
                "ATTACHMENTS",
            ]
        )
        # heavy-tailed: a few people get most messages
        weights = rng.pareto(1.2, len(persons)) + 0.01
        weights /= weights.sum()
        partners = rng.choice(len(persons), size=count, p=weights)
        for k, index in enumerate(partners):
            p = persons[int(index)]
            when = start + timedelta(seconds=int(rng.integers(0, 5 * 365 * 86400)))
            outgoing = rng.random() < 0.5
            sender, recipient = (
                (me, (p["name"], p["url"])) if outgoing else ((p["name"], p["url"]), me)
            )
            writer.writerow(
                [
                    f"conv-{int(index)}",
                    "",
                    sender[0],
                    sender[1],
                    recipient[0],
                    recipient[1],
                    when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "",
                    f"Bericht {k}\nmet een tweede regel",
                    "INBOX",
                    "",
                ]
            )


def write_calendar(
    path: Path, persons: list[dict[str, str]], rng: np.random.Generator, count: int
) -> None:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tiewise//bench//EN"]
    start = datetime(2021, 11, 1, 8)
    circle = rng.choice(len(persons), size=600, replace=False)  # colleagues and clients
    for k in range(count):
        when = start + timedelta(days=int(rng.integers(0, 5 * 365)), hours=int(rng.integers(0, 9)))
        attendees = rng.choice(circle, size=int(rng.integers(2, 5)), replace=False)
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{k}@tiewise",
            f"DTSTAMP:{when:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{when:%Y%m%dT%H%M%SZ}",
            f"DTEND:{when + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:Overleg {k}",
            "ORGANIZER;CN=Eva de Wit:mailto:eva@studiowit.nl",
        ]
        for index in attendees:
            p = persons[int(index)]
            lines.append(f"ATTENDEE;CN={p['name']};PARTSTAT=ACCEPTED:mailto:{p['email']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def write_vcards(path: Path, persons: list[dict[str, str]]) -> None:
    cards = []
    for i, p in enumerate(persons):
        cards.append(
            "\r\n".join(
                [
                    "BEGIN:VCARD",
                    "VERSION:3.0",
                    f"N:{p['family']};{p['given']};;;",
                    f"FN:{p['name']}",
                    f"ORG:{p['company']};",
                    f"EMAIL;TYPE=INTERNET:{p['email']}",
                    f"TEL;TYPE=CELL:06{10_000_000 + i:08d}",
                    "END:VCARD",
                ]
            )
        )
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8")


def generate(out: Path, seed: int = 1) -> dict[str, Path]:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    persons = people(rng, 30_000)
    linkedin = out / "linkedin"
    linkedin.mkdir(exist_ok=True)
    write_connections(linkedin / "Connections.csv", persons, rng)
    write_messages(linkedin / "messages.csv", persons, rng, 100_000)
    write_calendar(out / "calendar.ics", persons, rng, 10_000)
    write_vcards(out / "contacts.vcf", persons[:5_000])
    return {"linkedin": linkedin, "ics": out / "calendar.ics", "vcard": out / "contacts.vcf"}


if __name__ == "__main__":
    print(generate(Path(sys.argv[1])))
