"""Where a source's password lives — never in the database.

The ``source.secret`` column says only *where*:

- ``keyring``: the operating system's keyring (``keyring``: service ``tiewise``, user
  ``source:<name>``), written when the source is added, deleted when it is removed;
- ``env:VARIABLE``: an environment variable, on a machine without a keyring backend (a server,
  a container): ``TIEWISE_SECRET_<NAME>`` (the source's name in capitals, other characters
  ``_``), or ``TIEWISE_IMAP_PASSWORD`` for every IMAP source, or one given with
  ``--password-env``;
- ``prompt``: asked for at each sync, on a terminal;
- ``none``: files on this machine need no secret.

A password that cannot be found is a :class:`~tiewise.sources.errors.SourceError` that says how
to give it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from contextlib import suppress

from tiewise.sources.errors import SourceError

SERVICE = "tiewise"
KEYRING = "keyring"
PROMPT = "prompt"
ENV_PREFIX = "env:"
#: The environment variable every IMAP source may take its password from.
IMAP_VARIABLE = "TIEWISE_IMAP_PASSWORD"

#: Asks for a source's password (its argument is the source's name); the command line sets it
#: to a hidden prompt in the user's language. ``None``: nobody to ask.
Ask = Callable[[str], str]
ASK: Ask | None = None


def variable(name: str) -> str:
    """The environment variable of the source ``name``: ``TIEWISE_SECRET_<NAME>``."""
    return "TIEWISE_SECRET_" + re.sub(r"[^A-Z0-9]", "_", name.upper())


def keyring_user(name: str) -> str:
    return f"source:{name}"


def has_keyring() -> bool:
    """Whether this machine has a keyring backend that keeps passwords (not ``fail`` or
    ``null``)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - a dependency
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    if isinstance(backend, fail.Keyring):
        return False
    with suppress(ImportError):
        from keyring.backends import null

        if isinstance(backend, null.Keyring):
            return False
    return True


def from_environment(name: str, chosen: str | None = None) -> tuple[str, str] | None:
    """``(variable, password)`` from the environment: the variable ``chosen``, else the
    source's own, else ``TIEWISE_IMAP_PASSWORD``; ``None`` when none is set."""
    for candidate in [chosen] if chosen else [variable(name), IMAP_VARIABLE]:
        value = os.environ.get(candidate)
        if value:
            return candidate, value
    return None


def missing(name: str, where: str) -> SourceError:
    """The error of a password that cannot be found, saying how to give it."""
    if where.startswith(ENV_PREFIX):
        return SourceError(
            name,
            "sources.expected.password",
            "sources.found.no_variable",
            variable=where.removeprefix(ENV_PREFIX),
        )
    return SourceError(
        name,
        "sources.expected.password",
        "sources.found.no_keyring",
        variable=variable(name),
        generic=IMAP_VARIABLE,
    )


def store(name: str, password: str) -> None:
    """Keep the password of the source ``name`` in the keyring."""
    import keyring

    try:
        keyring.set_password(SERVICE, keyring_user(name), password)
    except Exception as error:
        raise missing(name, KEYRING) from error


def forget(name: str, where: str) -> None:
    """Delete the source's password from the keyring (nothing to do elsewhere)."""
    if where != KEYRING:
        return
    with suppress(Exception):
        import keyring

        keyring.delete_password(SERVICE, keyring_user(name))


def password(name: str, where: str, ask: Ask | None = None) -> str:
    """The password of the source ``name``, from where ``where`` says it lives."""
    if where == KEYRING:
        found = None
        if has_keyring():
            import keyring

            with suppress(Exception):
                found = keyring.get_password(SERVICE, keyring_user(name))
        if found is None:  # a keyring gone: the environment may stand in
            chosen = from_environment(name)
            found = chosen[1] if chosen else None
        if found is None:
            raise missing(name, where)
        return found
    if where.startswith(ENV_PREFIX):
        chosen = from_environment(name, where.removeprefix(ENV_PREFIX))
        if chosen is None:
            raise missing(name, where)
        return chosen[1]
    if where == PROMPT:
        chosen = from_environment(name)
        if chosen is not None:
            return chosen[1]
        ask = ask or ASK
        if ask is None or not sys.stdin.isatty():
            raise SourceError(
                name,
                "sources.expected.password",
                "sources.found.no_terminal",
                variable=variable(name),
            )
        return ask(name)
    raise missing(name, where)
