"""Compile every ``.po`` catalogue to its ``.mo`` (``python -m tiewise.catalogues``), after a
change to a ``.po`` file. ``--check`` compiles in memory and exits with status 1, naming the
files, when a committed ``.mo`` differs from its ``.po``."""

from __future__ import annotations

import sys
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tiewise.catalogues import DOMAINS, LANGUAGES, path_of


def compiled(domain: str, language: str) -> bytes:
    """The ``.mo`` bytes of the ``.po`` catalogue of ``domain`` in ``language`` (fuzzy entries
    left out, as ``msgfmt`` does)."""
    with path_of(domain, language, ".po").open("rb") as source:
        catalog = read_po(source, locale=language, domain=domain)
    out = BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def sources() -> list[tuple[str, str]]:
    """Every (domain, language) with a ``.po`` file."""
    return [
        (domain, language)
        for domain in DOMAINS
        for language in LANGUAGES
        if path_of(domain, language, ".po").exists()
    ]


def main(arguments: list[str]) -> int:
    check = "--check" in arguments
    stale = []
    for domain, language in sources():
        data = compiled(domain, language)
        target = path_of(domain, language)
        if target.exists() and target.read_bytes() == data:
            continue
        stale.append(str(target))
        if not check:
            target.write_bytes(data)
    if check and stale:
        print("out of date with its .po: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
