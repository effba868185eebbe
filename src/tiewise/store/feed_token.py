"""The secret of the calendar feed (``/plan.ics?token=…``, ``web/feed.py``), kept in the
``setting`` table under :data:`FEED_TOKEN_SETTING`: one per database, so a copied database
file keeps its feed and two databases never share one.

There is no feed until the user makes its address (Settings, Calendar feed): a token is made by
:func:`new_feed_token` only then, never on reading. Making a new one replaces the old, which
stops working at once — that is how a leaked address is revoked; :func:`stop_feed` removes it.
The token is 32 random bytes (``secrets.token_urlsafe``, 43 characters): too many to guess
over a network. ``tiewise export`` leaves it out, as it does the other keys.
"""

from __future__ import annotations

import hmac
import secrets

from sqlalchemy import Connection

from tiewise.store import repository as repo

FEED_TOKEN_SETTING = "feed.token"
TOKEN_BYTES = 32


def feed_token(connection: Connection) -> str | None:
    """The feed's token, or ``None`` when there is no feed."""
    return repo.get_setting(connection, FEED_TOKEN_SETTING)


def new_feed_token(connection: Connection) -> str:
    """Make a new token (the old one, if any, stops working) and return it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    repo.set_setting(connection, FEED_TOKEN_SETTING, token)
    return token


def stop_feed(connection: Connection) -> None:
    """Remove the token: the feed answers no one until a new one is made."""
    repo.delete_setting(connection, FEED_TOKEN_SETTING)


def token_matches(stored: str | None, offered: str | None) -> bool:
    """Whether ``offered`` is the feed's token, compared in constant time; never when there is
    no feed or nothing was offered."""
    if not stored or not offered:
        return False
    return hmac.compare_digest(offered.encode(), stored.encode())
