"""The rules for the people who answer a format, free of Flask and SQLAlchemy: who is told once,
what a moderator's decision makes of an answer, and which part of a publication an answer names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sammen.vocabulary import N_

PENDING, PUBLISHED, HIDDEN = "pending", "published", "hidden"
# Where moderation has an answer, in Danish; N_ marks the names and the pages translate them.
MODERATION_NAMES = {
    PENDING: N_("Afventer moderation"),
    PUBLISHED: N_("Offentliggjort"),
    HIDDEN: N_("Skjult"),
}


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


def first_unknown_part(
    known: Iterable[int], answers: Iterable[Mapping[str, Any]], key: str
) -> int | None:
    """The first part (a hearing's section, a discussion's question) that one of `answers` names
    by `key` and that is not among the `known` parts' ids, if any."""
    ids = set(known)
    return next((a[key] for a in answers if a[key] not in ids), None)
