"""Normal forms of identifiers, so that the same person is recognised across sources.

- e-mail: trimmed, lower-cased, a ``mailto:`` prefix removed;
- phone: E.164 via ``phonenumbers`` (default region NL), or the digits when it cannot be parsed
  (what a user types by hand is kept so); importers keep :func:`phone_number` numbers, and only
  a valid number is an identity (:func:`is_identity`): ``TEL;TYPE=WORK:123456`` — an office
  extension — is *possible* in the Netherlands (``+31123456``) but not valid, and must never fuse
  two people;
- profile URL: scheme, ``www.``, query, fragment and trailing slash removed, lower-cased path,
  country and mobile hosts folded (``nl.linkedin.com`` → ``linkedin.com``, ``twitter.com`` →
  ``x.com``): ``linkedin.com/in/anouk-de-vries``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers

from tiewise.model import Identifier, IdentifierKind, Origin

DEFAULT_REGION = "NL"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(value: str) -> str | None:
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    return text if _EMAIL.match(text) else None


def normalise_phone(value: str, region: str = DEFAULT_REGION) -> str | None:
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", text)
        return digits or None
    if not phonenumbers.is_possible_number(number):
        digits = re.sub(r"\D", "", text)
        return digits or None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=65536)
def valid_phone(value: str, region: str = DEFAULT_REGION) -> str | None:
    """The number in E.164 when ``phonenumbers`` says it is a *valid* number (a number plan
    that exists, of the right length), else ``None``: extensions (``123456``), short codes
    (``112``), unallocated ranges and text are no phone numbers one person can be known by.
    A ``tel:`` URI's parameters (``;ext=12``) are dropped."""
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_number(value: str, region: str = DEFAULT_REGION) -> tuple[str, bool] | None:
    """A phone number as an importer keeps it, and whether it is valid (an identity): a valid
    number; or one written in international form (``+31 6 9554 1731``) that ``phonenumbers``
    does not know as allocated — kept on the contact, never matched on. Anything else (an
    extension such as ``123456``, which NL would make ``+31123456``, a short code, text) is
    ``None``."""
    valid = valid_phone(value, region)
    if valid is not None:
        return valid, True
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]
    if not text.strip().startswith("+"):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), False


def is_identity(found: Identifier) -> bool:
    """Whether ``found`` may recognise a person on its own: every e-mail address, profile URL
    and source id, but a phone number only when it is a valid E.164 number (a number typed by
    hand as ``123456`` is kept on the contact, never matched on)."""
    if found.kind is not IdentifierKind.PHONE:
        return True
    return found.value.startswith("+") and valid_phone(found.value) == found.value


#: Hosts that serve one site under several names: country, mobile and old names.
_SITE_HOSTS = re.compile(r"^(?:[a-z]{2}|m|mobile|touch)\.(?=(?:linkedin|facebook|twitter|x)\.com$)")
_RENAMED_HOSTS = {"twitter.com": "x.com"}
#: Sites whose URLs can stand for one person: how many path segments make the profile, which
#: first segments a profile must have (LinkedIn) and which it must not (pages, share links …).
_PROFILE_SITES: dict[str, tuple[int, frozenset[str], frozenset[str]]] = {
    "linkedin.com": (2, frozenset({"in", "pub"}), frozenset()),
    "facebook.com": (
        1,
        frozenset(),
        frozenset(
            {
                "groups",
                "events",
                "pages",
                "people",
                "share",
                "sharer",
                "watch",
                "profile.php",
                "home.php",
            }
        ),
    ),
    "x.com": (1, frozenset(), frozenset({"intent", "share", "home", "search", "i", "hashtag"})),
}


def normalise_profile_url(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # urlsplit refuses some damaged URLs, e.g. an unclosed "["
        return None
    host = _SITE_HOSTS.sub("", host)
    host = _RENAMED_HOSTS.get(host, host)
    path = parts.path.rstrip("/").lower()
    if not host:
        return None
    return f"{host}{path}"


def person_profile(value: str) -> Identifier | None:
    """The profile of one person on LinkedIn (``/in/<slug>``), Facebook or X, in normal form and
    cut to the profile itself (``linkedin.com/in/anouk/detail/…`` → ``linkedin.com/in/anouk``);
    ``None`` for other sites, company pages, groups and share links. ``profile.php?id=`` links
    are refused: their identity sits in the query, which normalisation drops."""
    normal = normalise_profile_url(value)
    if normal is None:
        return None
    host, _, path = normal.partition("/")
    site = _PROFILE_SITES.get(host)
    if site is None:
        return None
    length, required, refused = site
    segments = [segment for segment in path.split("/") if segment]
    if len(segments) < length:
        return None
    first = segments[0]
    if (required and first not in required) or first in refused or first.endswith(".php"):
        return None
    return Identifier(IdentifierKind.PROFILE_URL, "/".join([host, *segments[:length]]))


_NORMALISERS = {
    IdentifierKind.EMAIL: normalise_email,
    IdentifierKind.PHONE: normalise_phone,
    IdentifierKind.PROFILE_URL: normalise_profile_url,
    IdentifierKind.SOURCE_ID: lambda value: value.strip() or None,
}


def identifier(kind: IdentifierKind, value: str, origin: Origin | None = None) -> Identifier | None:
    """An identifier in normal form, or ``None`` when the value is empty or not valid."""
    normal = _NORMALISERS[kind](value)
    return Identifier(kind, normal, origin) if normal else None
