"""The rules for the people who answer a format, free of Flask and SQLAlchemy: who is told once,
and what a moderator's decision makes of an answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PENDING, PUBLISHED, HIDDEN = "pending", "published", "hidden"


@dataclass(frozen=True)
class Contributor:
    """Someone who answered, told once however many answers they gave (the first names them)."""

    first_answer_id: str
    name: str
    email: str
    language: str


def told_once(answers: Iterable[Contributor]) -> list[Contributor]:
    """One per e-mail address (case-insensitive), in the order they first answered."""
    seen: dict[str, Contributor] = {}
    for answer in answers:
        if answer.email:
            seen.setdefault(answer.email.strip().lower(), answer)
    return list(seen.values())


def moderation_after(current: str, action: str) -> str:
    """A moderator's decision: `restore` publishes an answer, `hide` keeps it off the page."""
    return {"hide": HIDDEN, "restore": PUBLISHED}.get(action, current)
