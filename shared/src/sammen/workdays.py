"""Danish working days: weekends, public holidays (the `holidays` package) and the days public
offices close. Routing's deadline clock and notify's receipt promise count with the same days."""

from __future__ import annotations

from datetime import date, timedelta
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
