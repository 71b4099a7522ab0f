"""Danish working days: weekends, public holidays (the `holidays` package) and the days public
offices close, and the clock of a quick answer counted in them. Routing's first-answer deadline,
notify's receipt promise and the realisation format's questions count with the same days.

Pure: every function takes the time it reasons about, so tests move time freely."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LOCAL = ZoneInfo("Europe/Copenhagen")
# Public offices in Denmark are closed on these days too, though they are not public holidays.
CLOSED_DAYS = ((6, 5), (12, 24), (12, 31))  # grundlovsdag, juleaftensdag, nytårsaftensdag


@lru_cache(maxsize=64)
def _danish_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Denmark(years=year, categories=("public",)))


def is_working_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    if (day.month, day.day) in CLOSED_DAYS:
        return False
    return day not in _danish_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The `count`-th working day after `day` (0 → `day` itself)."""
    current = day
    for _ in range(count):
        current += timedelta(days=1)
        while not is_working_day(current):
            current += timedelta(days=1)
    return current


def _end_of(day: date) -> datetime:
    """Midnight after `day`, Copenhagen time (summer time included), as an aware datetime."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL)


@dataclass(frozen=True)
class Deadline:
    due: datetime  # the end of the last working day for the answer
    at_risk_from: datetime  # one working day before `due`


def answer_deadline(asked_at: datetime, working_days: int) -> Deadline:
    """Due at the end of the `working_days`-th working day after the day it was asked.

    Something sent on a Saturday counts from that Saturday: Monday is working day one.
    """
    if asked_at.tzinfo is None:
        raise ValueError("asked_at must be aware")
    day = asked_at.astimezone(LOCAL).date()
    due = _end_of(add_working_days(day, working_days))
    at_risk = _end_of(add_working_days(day, working_days - 1)) if working_days > 1 else None
    return Deadline(due=due, at_risk_from=at_risk or datetime.combine(day, time(0), tzinfo=LOCAL))


def deadline_state(deadline: Deadline, now: datetime, answered_at: datetime | None) -> str:
    """`answered` once there is an answer; else `ok`, `at_risk` or `breached`."""
    if answered_at is not None:
        return "answered"
    if now >= deadline.due:
        return "breached"
    if now >= deadline.at_risk_from:
        return "at_risk"
    return "ok"
