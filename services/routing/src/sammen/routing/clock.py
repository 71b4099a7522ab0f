"""The clock of the quick answer: Danish working days, the first-answer deadline, at risk, breached.

Pure: every function takes the time it reasons about, so tests move time freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sammen.workdays import LOCAL, add_working_days


def _end_of(day: date) -> datetime:
    """Midnight after `day`, Copenhagen time (summer time included), as an aware datetime."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL)


@dataclass(frozen=True)
class Deadline:
    due: datetime  # the end of the last working day for the first answer
    at_risk_from: datetime  # one working day before `due`


def first_response_deadline(submitted_at: datetime, working_days: int) -> Deadline:
    """Due at the end of the `working_days`-th working day after the day of submission.

    An idea sent on a Saturday counts from that Saturday: Monday is working day one.
    """
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must be aware")
    day = submitted_at.astimezone(LOCAL).date()
    due = _end_of(add_working_days(day, working_days))
    at_risk = _end_of(add_working_days(day, working_days - 1)) if working_days > 1 else None
    return Deadline(due=due, at_risk_from=at_risk or datetime.combine(day, time(0), tzinfo=LOCAL))


def sla_state(deadline: Deadline, now: datetime, answered_at: datetime | None) -> str:
    """`answered` once the initiator has a first answer; else `ok`, `at_risk` or `breached`."""
    if answered_at is not None:
        return "answered"
    if now >= deadline.due:
        return "breached"
    if now >= deadline.at_risk_from:
        return "at_risk"
    return "ok"
