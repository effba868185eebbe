"""Normal forms of identifiers, so that the same person is recognised across sources.

- e-mail: trimmed, lower-cased, a ``mailto:`` prefix removed;
- phone: E.164 via ``phonenumbers`` (default region NL), or the digits when it cannot be parsed;
- profile URL: scheme, ``www.``, query, fragment and trailing slash removed, lower-cased path
  (``linkedin.com/in/anouk-de-vries``).
"""

from __future__ import annotations

import re
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


def normalise_profile_url(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    if not host:
        return None
    return f"{host}{path}"


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
