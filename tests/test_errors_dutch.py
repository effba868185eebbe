"""Every error a user can cause can be said in Dutch (``TiewiseError.said``).

- A scan of the source finds every error raised in the domain modules, the command line
  (``cli/``) and the web app (``web/``) — not ``report/``, which presents and raises nothing a
  user causes: a :class:`~tiewise.errors.UserError` with a message of its own needs a message
  key of the ``tiewise`` catalogue whose Dutch has the placeholders its values give; a
  :class:`~tiewise.errors.ImportFormatError` or :class:`~tiewise.errors.StoreError` needs what
  it expected and found, when that is a text of tiewise's and not the user's data, in the
  ``errors`` catalogue — a constant as its msgid, a variable text as a
  :class:`~tiewise.errors.Phrase` whose template is one.
- End to end, through ``tiewise --lang nl``: a damaged LinkedIn export, a vCard that is none, a
  name that matches nobody, a date that is no date, a goal tiewise does not know, an empty note
  and a ``--lang`` tiewise does not speak, in Dutch, and in English as before; through the web
  app with the Dutch language cookie: a form's error next to its field and a refused import.
"""

from __future__ import annotations

import ast
import html
import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tiewise
from tests.test_catalogues import entries
from tiewise.catalogues import path_of
from tiewise.cli import app
from tiewise.errors import ImportFormatError, InputError, NotFoundError, Phrase, StoreError
from tiewise.i18n import text
from tiewise.web.site import LANGUAGE_COOKIE

SOURCE = Path(tiewise.__file__).parent
#: Modules that present and raise no error of the user's (the command line and the web app are
#: scanned like the domain modules).
INTERFACES = {"report"}
#: Errors framed as "place: expected …, found …" (file or database, expected, found).
FRAMED = {"ImportFormatError": (0, 1, 2), "StoreError": (0, 1, 2), "EngineError": (0, 1, 2)}
#: Errors with a message of their own, said in another language by a message key.
KEYED = {"UserError", "InputError", "NotFoundError", "KeyStoreError"}
PARTS = ("where", "expected", "found")


def modules(interfaces: bool = False) -> list[Path]:
    """The domain modules, the command line and the web app; with ``interfaces`` the report
    too."""
    left_out = {"catalogues"} if interfaces else INTERFACES | {"catalogues"}
    return sorted(
        path for path in SOURCE.rglob("*.py") if path.relative_to(SOURCE).parts[0] not in left_out
    )


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


class _Module:
    """One module's tree, its constants and where each function assigns what."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.constants: dict[str, ast.expr] = {}
        self.imported: dict[str, str] = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    self.constants[target.id] = node.value
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tiewise."):
                for alias in node.names:
                    self.imported[alias.asname or alias.name] = node.module  # type: ignore[assignment]
        self.scopes: dict[ast.AST, ast.AST] = {}  # node → the function it is in
        self._enclose(self.tree, None)

    def _enclose(self, node: ast.AST, scope: ast.AST | None) -> None:
        for child in ast.iter_child_nodes(node):
            if scope is not None:
                self.scopes[child] = scope
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            self._enclose(child, inner)

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(SOURCE)}:{node.lineno}"  # type: ignore[attr-defined]

    def assigned(self, name: str, at: ast.AST) -> list[ast.expr]:
        """What ``name`` is given in the function around ``at`` (and the functions around it)."""
        found: list[ast.expr] = []
        scope = self.scopes.get(at)
        while scope is not None:
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                        found.append(node.value)
                elif isinstance(node, ast.NamedExpr) and node.target.id == name:
                    found.append(node.value)
            if found:
                return found
            scope = self.scopes.get(scope)
        return found


@cache
def _module(path: Path) -> _Module:
    return _Module(path)


def _module_named(dotted: str) -> _Module | None:
    path = SOURCE.parent / (dotted.replace(".", "/") + ".py")
    return _module(path) if path.exists() else None


def texts(module: _Module, node: ast.expr, seen: frozenset = frozenset()) -> Iterator[tuple]:
    """What a part of an error can be: ``("msgid", text)`` for a text of tiewise's,
    ``("problem", why)`` for a text that cannot be translated, nothing for the user's data."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield "msgid", node.value
    elif isinstance(node, ast.JoinedStr):
        constant = " ".join(part.value for part in node.values if isinstance(part, ast.Constant))
        if re.search(r"[a-z]{2}", constant):  # words, not a value's syntax (f"END:{name}")
            yield "problem", "an f-string: make its constant part a Phrase template"
    elif isinstance(node, ast.BinOp) and any(
        isinstance(n, ast.Constant | ast.JoinedStr) for n in ast.walk(node)
    ):
        yield "problem", "a text joined with +: make it a Phrase"
    elif isinstance(node, ast.IfExp):
        yield from texts(module, node.body, seen)
        yield from texts(module, node.orelse, seen)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from texts(module, value, seen)
    elif isinstance(node, ast.Name) and node.id not in seen:
        seen = seen | {node.id}
        values = module.assigned(node.id, node)
        if not values and node.id in module.constants:
            values = [module.constants[node.id]]
        if not values and node.id in module.imported:
            other = _module_named(module.imported[node.id])
            if other is not None and node.id in other.constants:
                yield from texts(other, other.constants[node.id], seen)
        for value in values:
            yield from texts(module, value, seen)
    # a Phrase is checked where it is made (phrases); calls, attributes, subscripts: data


def phrases(module: _Module) -> Iterator[tuple[ast.Call, tuple]]:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and _name(node.func) == "Phrase" and node.args:
            said = list(texts(module, node.args[0]))
            if said and all(kind == "msgid" for kind, _ in said):
                yield from ((node, one) for one in said)
            else:
                yield node, ("problem", "a Phrase of a variable template")


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    return call.args[position] if len(call.args) > position else None


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def scan(interfaces: bool = False) -> tuple[list[str], set[str], int]:
    """(problems, the msgids the modules need in the errors catalogue, the errors raised
    there) for the domain modules, the command line and the web app, and with ``interfaces``
    the report too."""
    english, dutch = entries("tiewise", "en"), entries("tiewise", "nl")
    problems: list[str] = []
    needed: set[str] = set()
    count = 0
    for path in modules(interfaces):
        module = _module(path)
        for node, (kind, said) in phrases(module):
            if kind == "msgid":
                needed.add(said)
            else:
                problems.append(f"{module.where(node)}: {said}")
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in FRAMED:
                count += 1
                for part, position in zip(PARTS, FRAMED[name], strict=True):
                    given = _argument(node, position, part)
                    if given is None or (part == "where" and not isinstance(given, ast.Constant)):
                        continue
                    for kind, said in texts(module, given):
                        if kind == "msgid":
                            needed.add(said)
                        else:
                            problems.append(f"{module.where(node)} {name} {part}: {said}")
            elif name in KEYED and node.args:
                count += 1
                message = node.args[0]
                if not isinstance(message, ast.Constant | ast.JoinedStr | ast.BinOp):
                    continue  # a message made elsewhere (and its key with it)
                key = _argument(node, 99, "key")
                if key is None:
                    problems.append(f"{module.where(node)} {name}: no message key")
                    continue
                if isinstance(key, ast.JoinedStr):
                    pattern = "".join(
                        re.escape(part.value) if isinstance(part, ast.Constant) else r"\w+"
                        for part in key.values
                    )
                    if not any(re.fullmatch(pattern, k) for k in english):
                        problems.append(f"{module.where(node)} {name}: no key like {pattern}")
                    continue
                if not isinstance(key, ast.Constant):
                    continue  # a key passed on (another error's)
                if key.value not in english or not all(dutch.get(key.value, ("",))):
                    problems.append(f"{module.where(node)} {name}: {key.value} has no Dutch")
                    continue
                values = _argument(node, 99, "values")
                given = (
                    {k.value for k in values.keys if isinstance(k, ast.Constant)}
                    if isinstance(values, ast.Dict)
                    else set()
                )
                if values is None or isinstance(values, ast.Dict):
                    wanted = _fields(english[key.value][0]) | _fields(dutch[key.value][0])
                    if not wanted <= given:
                        problems.append(
                            f"{module.where(node)} {name}: {key.value} needs "
                            f"{sorted(wanted - given)}"
                        )
    return problems, needed, count


def test_every_error_of_the_domain_modules_the_cli_and_the_web_can_be_said_in_dutch():
    problems, needed, count = scan()
    assert count >= 240
    assert any(path.parts[-2:] == ("cli", "events.py") for path in modules())
    assert any(path.parts[-2:] == ("web", "actions.py") for path in modules())
    translated = {msgid for msgid, (said,) in entries("errors", "nl").items() if said}
    problems += [f"errors.po: no Dutch for {msgid!r}" for msgid in sorted(needed - translated)]
    assert not problems, "\n".join(problems)


def test_the_errors_catalogue_holds_only_texts_in_use_with_their_placeholders():
    _problems, needed, _count = scan(interfaces=True)
    dutch = entries("errors", "nl")
    assert set(dutch) - needed == set()
    wrong = [m for m, (said,) in dutch.items() if said and _fields(m) != _fields(said)]
    assert wrong == []
    assert not path_of("errors", "en", ".po").exists() or entries("errors", "en")


# --- the errors themselves -----------------------------------------------------------------


def test_a_framed_error_is_english_as_raised_and_dutch_from_both_catalogues():
    error = ImportFormatError("a.csv", "a date or date-time", "an empty cell", line=3, field="On")
    assert str(error) == (
        "a.csv, line 3, field 'On': expected a date or date-time, found an empty cell"
    )
    assert error.said("en") == str(error)
    assert error.said("nl") == (
        "a.csv, regel 3, veld 'On': verwacht een datum of een datum en tijd, gevonden een lege cel"
    )
    store = StoreError("x.db", "a tiewise database", "a database with other tables")
    assert str(store) == "x.db: expected a tiewise database, found a database with other tables"
    assert store.said("nl") == (
        "x.db: verwacht een tiewise-database, gevonden een database met andere tabellen"
    )


def test_a_phrase_is_english_as_a_str_and_dutch_with_its_values_and_dutch_numbers():
    size = Phrase("a field of at most {limit:,} characters", limit=1048576)
    assert size == "a field of at most 1,048,576 characters"
    assert size.said("nl") == "een veld van hoogstens 1.048.576 tekens"
    error = ImportFormatError("a.csv", size, Phrase("column {n}", n=3))
    assert error.found == "column 3" and error.said("nl").endswith("gevonden kolom 3")


def test_user_data_found_stays_as_it_is():
    error = ImportFormatError("a.csv", "a date", repr("an empty file"))
    assert error.said("nl").endswith("gevonden 'an empty file'")


def test_a_user_error_says_its_option_as_the_english_one_does():
    error = InputError(
        "--budget: expected hours per month above 0 (default 8), found 0",
        field="budget",
        key="error.budget",
        values={"default": 8, "found": 0},
    )
    assert error.said("en") == str(error)
    assert error.said("nl") == "--budget: " + text("error.budget", "nl", default=8, found=0)
    error = InputError("selection: expected …", field="search", key="error.bulk_none")
    assert error.said("nl") == text("error.bulk_none", "nl")  # "selection" names no field


def test_several_names_that_match_nobody_are_all_said():
    first = NotFoundError("no contact matches 'x'", key="error.no_contact", values={"name": "x"})
    second = NotFoundError("no contact matches 'y'", key="error.no_contact", values={"name": "y"})
    both = NotFoundError(
        f"{first}; {second}", key=first.key, values=first.values, field="people", also=[second]
    )
    assert both.said("en") == "no contact matches 'x'; no contact matches 'y'"
    assert both.said("nl") == "geen contact past bij 'x'; geen contact past bij 'y'"


# --- end to end ------------------------------------------------------------------------------

runner = CliRunner()


def said(db: Path, *args: str, lang: str) -> str:
    result = runner.invoke(app, ["--db", str(db), "--lang", lang, *args])
    assert result.exit_code == 2, (result.output, result.exception)
    return " ".join(result.output.split())


@pytest.fixture
def damaged_connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "Notes:\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Anouk,de Vries,https://www.linkedin.com/in/anouk,,Radboudumc,Arts,12 Mar 2024\n"
        "Bram,Jansen,https://www.linkedin.com/in/bram,,Radboudumc,Arts,13 Mar 2024\n",
        encoding="utf-8",
    )
    path.write_bytes(path.read_bytes().replace(b"Radboudumc", b"Radboud\xe9mc"))  # Latin-1
    return path


def test_a_damaged_linkedin_file_in_dutch_and_in_english(tmp_path: Path, damaged_connections):
    db = tmp_path / "t.db"
    english = said(db, "import", "linkedin", str(damaged_connections), lang="en")
    dutch = said(db, "import", "linkedin", str(damaged_connections), lang="nl")
    assert "line 3: expected UTF-8 text, as LinkedIn writes its exports, found byte 0xE9" in (
        english
    )
    assert "Fout: " in dutch and "regel 3: verwacht UTF-8-tekst" in dutch
    assert "gevonden byte 0xE9, die geen UTF-8 is" in dutch


def test_a_linkedin_file_without_its_header_names_line_and_field(tmp_path: Path):
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\nwho,what\nAnouk,x\n", encoding="utf-8")
    english = said(tmp_path / "t.db", "import", "linkedin", str(path), lang="en")
    dutch = said(tmp_path / "t.db", "import", "linkedin", str(path), lang="nl")
    assert "Error: " in english
    assert "line 1, field 'First Name': expected the LinkedIn Connections header with" in english
    assert "found 'Notes:'" in english
    assert "Fout: " in dutch
    assert "regel 1, veld 'First Name': verwacht de kopregel van Connections van LinkedIn met" in (
        dutch
    )
    assert "gevonden 'Notes:'" in dutch


def test_a_file_that_is_no_vcard_in_dutch_and_in_english(tmp_path: Path):
    path = tmp_path / "people.vcf"
    path.write_text("\n\nhello there\n", encoding="utf-8")
    english = said(tmp_path / "t.db", "import", "vcard", str(path), lang="en")
    dutch = said(tmp_path / "t.db", "import", "vcard", str(path), lang="nl")
    assert f"Error: {path}, line 3, field 'BEGIN': expected BEGIN:VCARD, found 'hello there'" in (
        english
    )
    assert f"Fout: {path}, regel 3, veld 'BEGIN': verwacht BEGIN:VCARD, gevonden 'hello there'" in (
        dutch
    )


def test_an_empty_vcard_file_says_so_in_dutch(tmp_path: Path):
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"")
    dutch = said(tmp_path / "t.db", "import", "vcard", str(path), lang="nl")
    assert f"Fout: {path}, veld 'BEGIN': verwacht BEGIN:VCARD, gevonden een leeg bestand" in dutch


def test_an_unknown_name_and_a_bad_date_in_dutch_and_in_english(demo_copy: Path):
    english = said(demo_copy, "contact", "show", "Zzyzx Qwerty", lang="en")
    dutch = said(demo_copy, "contact", "show", "Zzyzx Qwerty", lang="nl")
    assert "Error: no contact matches 'Zzyzx Qwerty'" in english
    assert "Fout: geen contact past bij 'Zzyzx Qwerty'" in dutch
    english = said(demo_copy, "log", "Anouk", "--on", "gisteren", lang="en")
    dutch = said(demo_copy, "log", "Anouk", "--on", "gisteren", lang="nl")
    assert (
        "Error: --on: expected a date YYYY-MM-DD (or YYYY-MM-DD HH:MM), found 'gisteren'" in english
    )
    assert "Fout: --on: verwacht een datum JJJJ-MM-DD" in dutch and "'gisteren'" in dutch


def test_an_unknown_event_series_in_dutch(tmp_path: Path):
    db = tmp_path / "t.db"
    english = said(db, "events", "log", "Borrel", "--on", "2026-01-01", lang="en")
    dutch = said(db, "events", "log", "Borrel", "--on", "2026-01-01", lang="nl")
    assert "Error: no event series matches 'Borrel'; add it first" in english
    assert "Fout: geen evenementenreeks past bij 'Borrel'; voeg hem eerst toe" in dutch


def test_a_goal_tiewise_does_not_know_and_an_empty_note_in_dutch(demo_copy: Path):
    english = said(demo_copy, "goals", "add", "world_peace", lang="en")
    dutch = said(demo_copy, "goals", "add", "world_peace", lang="nl")
    assert "Error: KEY: expected one of clients" in english and "found 'world_peace'" in english
    assert "Fout: KEY: verwacht een van clients" in dutch and "gevonden: 'world_peace'" in dutch
    english = said(demo_copy, "note", "Anouk", "  ", lang="en")
    dutch = said(demo_copy, "note", "Anouk", "  ", lang="nl")
    assert "Error: TEXT: expected a note, found an empty text" in english
    assert "Fout: TEXT: verwacht een notitie, gevonden: lege tekst" in dutch


def test_a_report_file_of_another_kind_in_dutch(demo_copy: Path, tmp_path: Path):
    out = tmp_path / "report.txt"
    dutch = said(demo_copy, "report", "--output", str(out), lang="nl")
    assert (
        f"Fout: --output: verwacht een bestand dat eindigt op .md, .html of .pdf, gevonden '{out}'"
        in (dutch)
    )


def test_a_language_tiewise_does_not_speak_is_refused_with_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("TIEWISE_LANG", raising=False)
    english = said(tmp_path / "t.db", "contacts", lang="de")
    assert "Invalid value for --lang: expected one of en, nl, found 'de'" in english
    dutch = said(tmp_path / "t.db", "contacts", lang="NL")
    assert "Ongeldige waarde voor --lang: verwacht een van en, nl, gevonden: 'NL'" in dutch
    monkeypatch.setenv("TIEWISE_LANG", "nl")  # the language the user reads otherwise
    dutch = said(tmp_path / "t.db", "contacts", lang="fr")
    assert "verwacht een van en, nl, gevonden: 'fr'" in dutch


# --- the web app, in Dutch by its language cookie ---------------------------------------------


@pytest.fixture
def dutch_client(demo_copy: Path):
    from tests.web.test_app import client_for

    client = client_for(demo_copy)
    client.cookies.set(LANGUAGE_COOKIE, "nl")
    return client


def _csrf(client) -> str:
    from tests.web.test_app import csrf_of

    return csrf_of(client)


def test_a_form_says_its_error_in_dutch_next_to_the_field(dutch_client, demo_copy: Path):
    response = dutch_client.post(
        "/events/outcome",
        data={"csrf": _csrf(dutch_client), "form": "outcome", "kind": "bogus", "on": "2026-01-01"},
        follow_redirects=False,
    )
    assert response.status_code == 400
    page = html.unescape(response.text)
    error = re.search(r'<div class="error" id="form-outcome-error"><p>(.*?)</p>', page)
    assert error is not None, page[:3000]
    assert error.group(1).startswith("verwacht een van ") and "gevonden: 'bogus'" in error.group(1)
    assert re.search(r'name="kind"[^>]*aria-invalid="true"', response.text)
    assert "expected" not in error.group(1)


def test_a_refused_import_file_is_said_in_dutch_and_names_the_users_file(
    dutch_client, demo_copy: Path
):
    response = dutch_client.post(
        "/import",
        data={"csrf": _csrf(dutch_client), "kind": "vcard"},
        files={"file": ("kapot.vcf", b"\n\nhello there\n", "text/vcard")},
    )
    assert response.status_code == 400
    message = html.unescape(
        re.search(r'data-testid="import-error">(.*?)<', response.text, re.DOTALL).group(1)
    )
    assert (
        message == "kapot.vcf, regel 3, veld 'BEGIN': verwacht BEGIN:VCARD, gevonden 'hello there'"
    )
    none = dutch_client.post("/import", data={"csrf": _csrf(dutch_client), "kind": "vcard"})
    assert "verwacht een bestand om te importeren, niets gevonden" in html.unescape(none.text)
