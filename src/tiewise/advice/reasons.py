"""A reason: why a piece of advice was given, as a message id and the figures that fill it.

Every recommendation carries at least one reason with a figure, so each interface can show "why"
in English or Dutch (``i18n.MESSAGES`` holds the templates) and JSON keeps the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tiewise.i18n import text


@dataclass(frozen=True)
class Reason:
    key: str  # a message id in i18n.MESSAGES, e.g. "reason.serves_goal"
    figures: dict[str, Any] = field(default_factory=dict)

    def render(self, language: str) -> str:
        return text(self.key, language, **self.figures)

    def to_json(self, language: str) -> dict[str, Any]:
        return {"code": self.key, "text": self.render(language), "figures": self.figures}
