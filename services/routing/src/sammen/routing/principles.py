"""The six principles of "Vi skaber sammen", measured: one figure each, from what a case's timeline
already records. Pure functions, free of Flask and SQLAlchemy; `queries.principle_facts` loads the
facts. Every figure counts the ideas that came in during the period, as their cases stand now."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sammen.routing.domain import CLOSED, MIN_DECLINE_REASON
from sammen.vocabulary import N_
from sammen.workdays import LOCAL

DEFAULT_DAYS = 90
# Channels where the municipality met the initiator, rather than waiting for a web form.
MET_CHANNELS = frozenset({"deltag-bilen", "meeting", "phone", "email", "staff-referral"})


@dataclass(frozen=True)
class Step:
    """One line of a case's timeline, as the figures read it."""

    at: datetime
    kind: str
    to_status: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class CaseFacts:
    """What the figures need of one case."""

    channel: str
    status: str
    first_response_due: datetime
    first_response_at: datetime | None
    linked: bool
    steps: Sequence[Step] = ()

    @property
    def statuses(self) -> frozenset[str]:
        """Every status the case has been moved into."""
        return frozenset(
            s.to_status for s in self.steps if s.kind == "status_changed" and s.to_status
        )


@dataclass(frozen=True)
class Figure:
    principle: str
    label: str
    numerator: int
    denominator: int
    counts: str
    breakdown: dict[str, int] | None = field(default=None)


@dataclass(frozen=True)
class Period:
    """From the first day to the last, both included, on Copenhagen's calendar."""

    first: date
    last: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), LOCAL)

    @property
    def end(self) -> datetime:
        """The moment after the last day (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(), LOCAL)


def default_period(now: datetime, first: date | None, last: date | None) -> Period:
    """The period asked for; a missing end is today, a missing start the 90 days up to the end."""
    last = last or now.astimezone(LOCAL).date()
    return Period(first or last - timedelta(days=DEFAULT_DAYS - 1), last)


def answered_in_time(case: CaseFacts) -> bool:
    return case.first_response_at is not None and case.first_response_at <= case.first_response_due


def decline_reasons(case: CaseFacts) -> list[bool]:
    """For each decline of the case: whether its message to the initiator gave a real reason."""
    messages = {s.at: s.text or "" for s in case.steps if s.kind == "message"}
    return [
        len(messages.get(s.at, "").strip()) >= MIN_DECLINE_REASON
        for s in case.steps
        if s.kind == "status_changed" and s.to_status == "declined"
    ]


def quick_answer(cases: Sequence[CaseFacts]) -> Figure:
    return Figure(
        "quick_answer",
        N_("Hurtig og klar besked"),
        sum(answered_in_time(c) for c in cases),
        len(cases),
        N_("Idéer, der fik første svar inden for 5 arbejdsdage, ud af alle idéer fra perioden"),
    )


def reasoned_declines(cases: Sequence[CaseFacts]) -> Figure:
    reasons = [reasoned for c in cases for reasoned in decline_reasons(c)]
    return Figure(
        "reasoned_declines",
        N_("Et nej med en begrundelse"),
        sum(reasons),
        len(reasons),
        N_("Afslag med en begrundelse til initiativtageren, ud af alle afslag"),
    )


def bridges(cases: Sequence[CaseFacts]) -> Figure:
    return Figure(
        "bridges",
        N_("Vi bygger bro"),
        sum(c.linked or "connected" in c.statuses for c in cases),
        len(cases),
        N_("Idéer koblet til andre (sager, foreninger, råd, kolleger), ud af alle idéer"),
    )


def small_trials(cases: Sequence[CaseFacts]) -> Figure:
    return Figure(
        "small_trials",
        N_("Vi afprøver i det små"),
        sum("trial" in c.statuses for c in cases),
        len(cases),
        N_("Idéer, der er afprøvet i det små, ud af alle idéer"),
    )


def ownership(cases: Sequence[CaseFacts]) -> Figure:
    ended = [c for c in cases if c.status in CLOSED]
    return Figure(
        "ownership",
        N_("Ejerskab hos initiativtageren"),
        sum(c.status == "returned_to_initiator" for c in ended),
        len(ended),
        N_(
            "Afsluttede idéer, der er overdraget til initiativtageren med støtte, ud af alle afsluttede"
        ),
    )


def where_people_are(cases: Sequence[CaseFacts]) -> Figure:
    by_channel = Counter(c.channel for c in cases)
    return Figure(
        "where_people_are",
        N_("Vi mødes, hvor folk er"),
        sum(n for channel, n in by_channel.items() if channel in MET_CHANNELS),
        len(cases),
        N_(
            "Idéer fra Deltag-bilen, møder, telefon, e-mail og henvisninger, ud af alle idéer "
            "(fordelt på kanal)"
        ),
        dict(sorted(by_channel.items())),
    )


def figures(cases: Iterable[CaseFacts]) -> list[Figure]:
    """One figure per principle, in the recommendations' order."""
    facts = list(cases)
    return [
        quick_answer(facts),
        reasoned_declines(facts),
        bridges(facts),
        small_trials(facts),
        ownership(facts),
        where_people_are(facts),
    ]
