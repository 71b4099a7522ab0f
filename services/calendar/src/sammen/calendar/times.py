"""Times in Europe/Copenhagen: reading typed times across summer time, and the limits on a start.

Pure: every function is one of its arguments (now included).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import overload
from zoneinfo import ZoneInfo

from sammen.calendar.errors import InvalidValue
from sammen.vocabulary import N_

LOCAL_TZ_NAME = "Europe/Copenhagen"
LOCAL_TZ = ZoneInfo(LOCAL_TZ_NAME)


class NonexistentLocalTime(ValueError):
    """A Copenhagen wall-clock time that never shows: the hour skipped when summer time begins."""


NONEXISTENT_TIME = N_(
    "Tidspunktet findes ikke: natten til sommertid stilles uret frem fra kl. 02.00 til 03.00"
)

# Typed times further from today are typos (year 1, 2206), refused rather than kept.
START_REACH_PAST = timedelta(days=2 * 365)
START_REACH_FUTURE = timedelta(days=5 * 365)
LONGEST_EVENT = timedelta(days=14)


def local_instant(wall: datetime) -> datetime:
    """A Copenhagen wall-clock time as RFC 5545 (3.3.5) reads it: in October's repeated hour
    the first occurrence (summer time); in March's skipped hour the offset before the gap, so
    02:30 is 03:30 summer time."""
    return wall.replace(tzinfo=LOCAL_TZ, fold=0).astimezone(UTC).astimezone(LOCAL_TZ)


def parse_local_datetime(text: str) -> datetime:
    """ISO 8601 → aware datetime; a time without an offset is Copenhagen wall-clock time.

    A typed time in the skipped hour is refused: it is a mistake, and moving it silently
    would make 02:30–03:30 an event of no length."""
    value = datetime.fromisoformat(text.strip())
    try:
        found = value.astimezone(UTC) if value.tzinfo else local_instant(value)
    except OverflowError:  # the first or last hours datetime can hold, beyond it in UTC
        raise ValueError(text) from None
    if value.tzinfo is not None:
        return value
    if found.replace(tzinfo=None) != value:
        raise NonexistentLocalTime(value.isoformat())
    return found


def to_local(value: datetime) -> datetime:
    """The same instant on Copenhagen's clock."""
    return value.astimezone(LOCAL_TZ)


def local_naive(value: datetime) -> datetime:
    """The wall-clock time in Copenhagen without tzinfo (how exdates are kept and compared)."""
    return to_local(value).replace(tzinfo=None)


@overload
def utc_text(value: datetime) -> str: ...
@overload
def utc_text(value: None) -> None: ...
def utc_text(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with `Z`, as events carry times (None stays None)."""
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def check_duration(starts_at: datetime, ends_at: datetime) -> None:
    """End after start, within two weeks; compared as instants (aware datetimes sharing one
    tzinfo compare by wall clock, which the change to and from summer time fools)."""
    length = ends_at.astimezone(UTC) - starts_at.astimezone(UTC)
    if length <= timedelta(0):
        raise InvalidValue("ends_at", N_("Sluttidspunktet skal ligge efter starttidspunktet"))
    if length > LONGEST_EVENT:
        raise InvalidValue("ends_at", N_("Et arrangement kan højst vare 14 dage"))


def check_start_reach(starts_at: datetime, now: datetime) -> None:
    """A start at most two years back (for the record) and five years ahead (past a term)."""
    if starts_at < now - START_REACH_PAST:
        raise InvalidValue("starts_at", N_("Starttidspunktet må højst ligge to år tilbage"))
    if starts_at > now + START_REACH_FUTURE:
        raise InvalidValue("starts_at", N_("Starttidspunktet må højst ligge fem år frem"))
