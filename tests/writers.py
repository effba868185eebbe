"""Several writers on one database at once — the web app, the command line and an import — as
a user with the web app open, a terminal and an import running would have them (issue 17).

``race(db, rounds)`` runs, at the same time:

- **web**: the web app (its own process's Starlette app over its own engine, in a thread),
  posting ``rounds`` needs ``w0 … w{rounds-1}`` and ``rounds`` notes for one contact, and the
  tag ``shared`` on every round;
- **cli**: a separate process running the ``tiewise`` command (in one interpreter, one command
  after another) with ``rounds`` needs ``c0 …`` and ``rounds`` notes for the same contact, and
  the tag ``shared`` too;
- **import**: a thread importing three vCard files of ``cards`` new people each.

Each ``needs`` adds tags after reading the ones the contact has (a read-then-write), so a
writer that read before another wrote would add ``shared`` twice, and one that failed to get
the write lock would be refused. ``Result`` counts the refusals of each writer and what is in
the database afterwards.

``python -m tests.writers DB CONTACT ROUNDS`` is the command-line writer.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from tiewise import model
from tiewise.store import Store
from tiewise.store import repository as repo

ROOT = Path(__file__).parent.parent


@dataclass
class Result:
    refused: dict[str, list[str]] = field(default_factory=dict)  # writer → what went wrong
    needs: list[str] = field(default_factory=list)  # the contact's need tags, as stored
    notes: int = 0  # the contact's notes
    imported: int = 0  # contacts named "Import N-M"


def cards(folder: Path, batch: int, count: int) -> Path:
    """A vCard file of ``count`` new people (batch ``batch``)."""
    path = folder / f"batch{batch}.vcf"
    path.write_text(
        "".join(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:Import {batch}-{n}\r\nN:{batch}-{n};Import;;;\r\n"
            f"EMAIL:import{batch}.{n}@example.org\r\nORG:Batch {batch}\r\nEND:VCARD\r\n"
            for n in range(count)
        ),
        encoding="utf-8",
    )
    return path


def race(db: str, contact_id: int, rounds: int, folder: Path, count: int = 1500) -> Result:
    files = [cards(folder, batch, count) for batch in range(3)]
    result = Result()
    refused: dict[str, list[str]] = {"web": [], "cli": [], "import": []}
    start = threading.Barrier(3)

    def web() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from starlette.testclient import TestClient

        from tiewise.web.app import create_app
        from tiewise.web.safety import CSRF_COOKIE

        client = TestClient(create_app(db, hosts=frozenset({"testserver"})))
        client.get("/settings")
        csrf = client.cookies[CSRF_COOKIE]
        start.wait()
        for n in range(rounds):
            for path, data in (
                ("topics", {"kind": "need", "tags": f"w{n}, shared"}),
                ("note", {"text": f"web note {n}"}),
            ):
                response = client.post(
                    f"/contacts/{contact_id}/{path}",
                    data={"csrf": csrf, "form": path, **data},
                    follow_redirects=False,
                )
                if response.status_code != 303:
                    refused["web"].append(f"{path} {n}: {response.status_code}")

    def cli() -> None:
        start.wait()
        done = subprocess.run(
            [sys.executable, "-m", "tests.writers", db, str(contact_id), str(rounds)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        refused["cli"] += [line for line in done.stdout.splitlines() if line.startswith("refused")]
        if done.returncode != 0:
            refused["cli"].append(f"exit {done.returncode}: {done.stderr[-500:]}")

    def imports() -> None:
        from typer.testing import CliRunner

        from tiewise.cli import app

        runner = CliRunner()
        start.wait()
        for path in files:
            outcome = runner.invoke(app, ["--db", db, "import", "vcard", str(path)])
            if outcome.exit_code != 0:
                refused["import"].append(f"{path.name}: {outcome.output[-500:]}")

    threads = [threading.Thread(target=work) for work in (web, cli, imports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.refused = refused
    with Store.open(db) as store, store.connect() as connection:
        result.needs = sorted(
            t.topic
            for t in repo.load_topics(connection)
            if t.contact_id == contact_id and t.kind == model.TopicKind.NEED
        )
        result.notes = sum(1 for n in repo.load_notes(connection) if n.contact_id == contact_id)
        result.imported = sum(
            1 for c in repo.load_contacts(connection) if c.name.startswith("Import ")
        )
    return result


def _command_line(db: str, contact_id: int, rounds: int) -> None:
    """The command-line writer: ``rounds`` × (``contact needs``, ``note``) in one interpreter."""
    from tiewise.cli import app

    for n in range(rounds):
        for args in (
            ["contact", "needs", str(contact_id), f"c{n}, shared"],
            ["note", str(contact_id), f"cli note {n}"],
        ):
            try:
                code = app(["--db", db, *args], standalone_mode=False)
            except SystemExit as stop:
                code = stop.code
            if code:  # the CLI's error handler prints one line and exits 2
                print(f"refused {args[0]} {n}: exit {code}")


if __name__ == "__main__":
    _command_line(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
