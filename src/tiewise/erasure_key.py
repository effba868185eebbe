"""The erasure key, kept outside the database (see docs/privacy.md, "What is kept").

The digests that keep erased people out of later imports (``erased_identifier``) are
HMAC-SHA-256 with a random 32-byte key. Were the key in the database, the file alone would let
anyone test guesses — every Dutch mobile number is 10^8 of them, minutes in Python. So the key
lives elsewhere, found through a random id of the database (setting ``database.id``, made with
the first erasure; several databases each have their own key):

- in the operating system's keyring through the ``keyring`` library (macOS Keychain, Windows
  Credential Locker, the Secret Service of a Linux desktop), service ``tiewise``, user
  ``erasure-key-<id>``, when ``keyring`` has a usable backend;
- else in the file ``erasure-<id>.key`` in tiewise's configuration folder (``platformdirs``:
  ``~/.config/tiewise/keys`` on Linux), readable by the user only (mode 0600, folder 0700);
- with the environment variable ``TIEWISE_KEY_DIR`` set, in that folder and never in the
  keyring (the tests use it, so they touch neither the user's keyring nor their home; a user may
  use it to keep the key on another disk).

A database that still holds its key in the setting ``erasure.key`` (before this module) has it
moved out on first use: stored outside, then the setting deleted with SQLite's
``secure_delete`` on, so the page that held it is overwritten.

A lost key does not stop anything: the digests made with it can no longer be recognised (the
people they stand for could come back on a re-import of old files), the import and the next
erasure say so, and the next erasure makes a new key.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from sqlalchemy import Connection

from tiewise.errors import TiewiseError
from tiewise.store import repository as repo

DATABASE_ID_SETTING = "database.id"
LEGACY_SETTING = "erasure.key"  # where the key was kept before it moved out of the database
KEY_DIR_VARIABLE = "TIEWISE_KEY_DIR"
SERVICE = "tiewise"
_ID = re.compile(r"^[0-9a-f]{32}$")
_KEY = re.compile(r"^[0-9a-f]{64}$")


class KeyStoreError(TiewiseError):
    """The erasure key can be stored neither in the keyring nor in a key file."""


def key_dir() -> Path:
    """The folder of the key files: ``TIEWISE_KEY_DIR``, else tiewise's configuration folder."""
    chosen = os.environ.get(KEY_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    import platformdirs

    return platformdirs.user_config_path(SERVICE) / "keys"


def _keyring():  # type: ignore[no-untyped-def]
    """The ``keyring`` backend when one is usable (not the fail or null backend, priority above
    zero) and ``TIEWISE_KEY_DIR`` is not set; ``None`` otherwise. Imported only when needed."""
    if os.environ.get(KEY_DIR_VARIABLE):
        return None
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring) or backend.priority <= 0:
            return None
    except Exception:  # a broken keyring setup must not stop the tool: fall back to a file
        return None
    return backend


def _user(database_id: str) -> str:
    return f"erasure-key-{database_id}"


def key_file(database_id: str) -> Path:
    return key_dir() / f"erasure-{database_id}.key"


def _parse(text: str | None) -> bytes | None:
    value = (text or "").strip().lower()
    return bytes.fromhex(value) if _KEY.match(value) else None


def read_key(database_id: str) -> bytes | None:
    """The key stored for ``database_id``: from the keyring, else from its key file."""
    backend = _keyring()
    if backend is not None:
        try:
            found = _parse(backend.get_password(SERVICE, _user(database_id)))
        except Exception:
            found = None
        if found is not None:
            return found
    try:
        return _parse(key_file(database_id).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return None


def _write_file(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(path.name + f".{secrets.token_hex(4)}.tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()


def write_key(database_id: str, key: bytes) -> str:
    """Store ``key`` for ``database_id`` in the keyring, else in a key file; say where (for the
    user: ``keyring`` or the file's path). Raises :class:`KeyStoreError` when neither works."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, _user(database_id), key.hex())
            if _parse(backend.get_password(SERVICE, _user(database_id))) == key:
                return "keyring"
        except Exception:
            pass  # a locked or refusing keyring: the file below
    path = key_file(database_id)
    try:
        _write_file(path, key.hex() + "\n")
    except OSError as error:
        raise KeyStoreError(
            f"cannot store the erasure key: no usable keyring, and {path} cannot be written "
            f"({error.strerror or error}); set {KEY_DIR_VARIABLE} to a folder you can write to",
            key="error.key_store",
            values={
                "path": str(path),
                "reason": error.strerror or str(error),
                "variable": KEY_DIR_VARIABLE,
            },
        ) from error
    return str(path)


def database_id(connection: Connection, create: bool = False) -> str | None:
    """The random id of the database on ``connection`` (setting ``database.id``); made when
    ``create`` and there is none (or it is not an id this module made)."""
    found = repo.get_setting(connection, DATABASE_ID_SETTING)
    if found is not None and _ID.match(found):
        return found
    if not create:
        return None
    made = secrets.token_hex(16)
    repo.set_setting(connection, DATABASE_ID_SETTING, made)
    return made


def _forget_legacy(connection: Connection) -> None:
    """Delete the setting that held the key, overwriting the freed space on SQLite (the caller
    checkpoints the write-ahead log, or SQLite does when the database is closed)."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    repo.delete_setting(connection, LEGACY_SETTING)


def stored_key(connection: Connection, move: bool = True) -> bytes | None:
    """The erasure key of the database on ``connection``; ``None`` when there is none (no
    erasure yet) or it is lost. A key still in the database is moved out first (with ``move``;
    in the caller's transaction, which must be a write transaction); when it cannot be stored
    outside, it stays where it is and is used from there."""
    legacy = _parse(repo.get_setting(connection, LEGACY_SETTING))
    if legacy is not None:
        if move:
            try:
                write_key(database_id(connection, create=True), legacy)  # type: ignore[arg-type]
            except KeyStoreError:
                return legacy
            _forget_legacy(connection)
        return legacy
    found = database_id(connection)
    return read_key(found) if found is not None else None


def obtain_key(connection: Connection) -> tuple[bytes, bool]:
    """The erasure key, made and stored outside the database when there is none; and whether a
    key had been made before but is lost (digests made with it cannot be recognised). Raises
    :class:`KeyStoreError` when a new key cannot be stored: an erasure without a stored key
    could not keep the person out."""
    key = stored_key(connection)
    if key is not None:
        return key, False
    lost = database_id(connection) is not None
    key = secrets.token_bytes(32)
    write_key(database_id(connection, create=True), key)  # type: ignore[arg-type]
    return key, lost
