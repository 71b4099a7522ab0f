"""Recurring meetings: RFC 5545 RRULEs checked against their first start, and expanded lazily.

Pure: no Flask, SQLAlchemy or pika; a series costs only the window asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain

from dateutil.rrule import rrule, rruleset, rrulestr

from sammen.calendar.errors import InvalidValue
from sammen.calendar.times import (
    LOCAL_TZ,
    NONEXISTENT_TIME,
    NonexistentLocalTime,
    local_instant,
    local_naive,
    parse_local_datetime,
    to_local,
)
from sammen.vocabulary import N_

SECOND_PASS_SERIES = N_(
    "En gentagelse kan ikke begynde i anden omgang af timen 02–03, når sommertiden slutter"
)

RRULE_PARTS = (
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
)
FREQUENCIES = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# Meetings never repeat more often than daily; anything finer is a typo that would flood feeds.
MEETING_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# COUNT is counted from the first meeting on each expansion, so it is capped: ten years of
# weekly meetings. UNTIL and open-ended series cost only the window shown.
MAX_COUNT = 520
# RFC 5545 (3.3.10): the values of each part; those marked True may count from the end (-1).
PART_RANGES: dict[str, tuple[int, int, bool]] = {
    "INTERVAL": (1, 1000, False),
    "BYSECOND": (0, 59, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
# Where a part may stand: RFC 5545 keeps BYWEEKNO and BYYEARDAY to YEARLY and BYMONTHDAY from
# WEEKLY; BYSETPOS is kept to months and years ("the last Thursday"). Elsewhere a rule can pick
# no date at all, which dateutil would search for until the year 9999.
PART_FREQUENCIES: dict[str, tuple[str, ...]] = {
    "BYWEEKNO": ("YEARLY",),
    "BYYEARDAY": ("YEARLY",),
    "BYMONTHDAY": ("DAILY", "MONTHLY", "YEARLY"),
    "BYSETPOS": ("MONTHLY", "YEARLY"),
}
TIME_OF_DAY_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
LONGEST_MONTHS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def parse_until(text: str) -> datetime:
    """UNTIL as given (a date, local or UTC time) → the UTC instant RFC 5545 wants with a TZID."""
    if re.fullmatch(r"\d{8}", text):
        day = datetime.strptime(text, "%Y%m%d").date()
        return datetime.combine(day, time(23, 59, 59), LOCAL_TZ).astimezone(UTC)
    if re.fullmatch(r"\d{8}T\d{6}Z", text):
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    if re.fullmatch(r"\d{8}T\d{6}", text):
        return datetime.strptime(text, "%Y%m%dT%H%M%S").replace(tzinfo=LOCAL_TZ).astimezone(UTC)
    raise InvalidValue("rrule", N_("UNTIL skal være en dato (ÅÅÅÅMMDD) eller et tidspunkt"))


def _read_parts(text: str) -> dict[str, str]:
    """`RRULE:freq=weekly;…` → {"FREQ": "WEEKLY", …}; unknown, empty and repeated parts refused."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts: dict[str, str] = {}
    for item in body.split(";"):
        key, sep, value = item.partition("=")
        key = key.strip().upper()
        if not sep or key not in RRULE_PARTS or not value.strip():
            raise InvalidValue(
                "rrule", N_("Ukendt eller tom del i RRULE: %(part)s"), part=item.strip() or "–"
            )
        if key in parts:
            raise InvalidValue("rrule", N_("%(key)s står mere end én gang"), key=key)
        parts[key] = value.strip().upper()
    return parts


def _check_values(key: str, value: str) -> None:
    low, high, from_end = PART_RANGES[key]
    for item in value.split(","):
        number = int(item) if re.fullmatch(r"[+-]?\d{1,4}", item) else None
        if number is None or not (low <= number <= high or (from_end and -high <= number <= -low)):
            raise InvalidValue(
                "rrule", N_("Ugyldig værdi i %(key)s: %(value)s"), key=key, value=item
            )


def _check_bounds(parts: dict[str, str]) -> None:
    """What keeps a series cheap to expand: at most one meeting a day, parts where they can
    select dates, COUNT within MAX_COUNT, and month days that some chosen month has."""
    frequency = parts["FREQ"]
    for key, value in parts.items():
        if key in PART_RANGES:
            _check_values(key, value)
        if frequency not in PART_FREQUENCIES.get(key, (frequency,)):
            raise InvalidValue(
                "rrule", N_("%(key)s kan ikke bruges med FREQ=%(freq)s"), key=key, freq=frequency
            )
        if key in TIME_OF_DAY_PARTS and "," in value:
            raise InvalidValue(
                "rrule", N_("Møder gentages højst én gang om dagen: én værdi i %(key)s"), key=key
            )
    numbered = re.search(r"(^|,)[+-]?\d", parts.get("BYDAY", ""))
    if numbered and frequency not in ("MONTHLY", "YEARLY"):
        raise InvalidValue(
            "rrule", N_("%(key)s kan ikke bruges med FREQ=%(freq)s"), key="BYDAY", freq=frequency
        )
    if "COUNT" in parts and not (
        parts["COUNT"].isdigit() and 1 <= int(parts["COUNT"]) <= MAX_COUNT
    ):
        raise InvalidValue("rrule", N_("COUNT skal være 1–%(max)s"), max=MAX_COUNT)
    if "BYMONTHDAY" in parts:
        months = [int(m) for m in parts.get("BYMONTH", "1,2,3,4,5,6,7,8,9,10,11,12").split(",")]
        days = [abs(int(d)) for d in parts["BYMONTHDAY"].split(",")]
        if not any(day <= LONGEST_MONTHS[month - 1] for month in months for day in days):
            raise InvalidValue("rrule", N_("Ingen af de valgte måneder har de dage"))


def normalise_rrule(text: str, starts_at: datetime) -> str:
    """Validate an RFC 5545 RRULE against its first start; UNTIL comes back in UTC."""
    parts = _read_parts(text)
    if parts.get("FREQ") not in FREQUENCIES:
        raise InvalidValue("rrule", N_("RRULE skal have FREQ (fx FREQ=WEEKLY)"))
    if parts["FREQ"] not in MEETING_FREQUENCIES:
        raise InvalidValue("rrule", N_("Møder gentages højst dagligt"))
    if "UNTIL" in parts and "COUNT" in parts:
        raise InvalidValue("rrule", N_("Brug enten UNTIL eller COUNT, ikke begge"))
    _check_bounds(parts)
    if to_local(starts_at).fold:  # the feed could only say so in UTC, and the rule would follow
        raise InvalidValue("starts_at", SECOND_PASS_SERIES)
    if "UNTIL" in parts:
        parts["UNTIL"] = parse_until(parts["UNTIL"]).strftime("%Y%m%dT%H%M%SZ")
    canonical = _canonical(parts)
    try:
        rule = rrulestr(canonical, dtstart=to_local(starts_at))
    except (ValueError, TypeError) as error:
        raise InvalidValue("rrule", N_("RRULE kan ikke læses: %(error)s"), error=error) from None
    if not isinstance(rule, rrule) or rule.after(to_local(starts_at), inc=True) is None:
        raise InvalidValue("rrule", N_("RRULE giver ingen datoer efter starttidspunktet"))
    return canonical


def _canonical(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={parts[key]}" for key in RRULE_PARTS if key in parts)


def first_instance(rrule_text: str, starts_at: datetime) -> datetime | None:
    """The first start the rule itself gives from `starts_at` on (None: none at all)."""
    found = rrulestr(rrule_text, dtstart=to_local(starts_at)).after(to_local(starts_at), inc=True)
    return None if found is None else found.replace(tzinfo=LOCAL_TZ)


def parse_exdates(values: Iterable[str], starts_at: datetime) -> list[datetime]:
    """Exceptions as Copenhagen wall-clock times; a bare date means that day's occurrence."""
    start_time = to_local(starts_at).time()
    result: list[datetime] = []
    for index, text in enumerate(values):
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
                result.append(datetime.combine(date.fromisoformat(text.strip()), start_time))
            else:
                result.append(local_naive(parse_local_datetime(text)))
        except NonexistentLocalTime:
            raise InvalidValue(f"exdates.{index}", NONEXISTENT_TIME) from None
        except ValueError:
            raise InvalidValue(
                f"exdates.{index}", N_("Skriv en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt")
            ) from None
    return sorted(set(result))


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime  # aware, Copenhagen
    ends_at: datetime
    recurrence_id: datetime | None  # the original start of a recurring instance


@dataclass
class ExpansionTally:
    """How many starts the recurrence rules computed: what expanding a window cost."""

    computed: int = 0


def _implicit_parts(parts: dict[str, str], first: datetime) -> dict[str, str]:
    """The parts dateutil takes from DTSTART when a rule leaves them out, written out, so the
    rule gives the same dates from a later start (RFC 5545 3.3.10, "derived from DTSTART")."""
    explicit = dict(parts)
    for key, value in zip(TIME_OF_DAY_PARTS, (first.hour, first.minute, first.second), strict=True):
        explicit.setdefault(key, str(value))
    if not {"BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"} & parts.keys():
        if parts["FREQ"] == "YEARLY":
            explicit.setdefault("BYMONTH", str(first.month))
        if parts["FREQ"] in ("YEARLY", "MONTHLY"):
            explicit["BYMONTHDAY"] = str(first.day)
        if parts["FREQ"] == "WEEKLY":
            explicit["BYDAY"] = WEEKDAY_CODES[first.weekday()]
    return explicit


def _latest_period_start(parts: dict[str, str], first: datetime, not_before: datetime) -> date:
    """The first day of the last period (day, week, month or year, stepped by INTERVAL from
    the first meeting's) that begins on or before `not_before`."""
    interval = int(parts.get("INTERVAL", "1"))
    frequency = parts["FREQ"]
    if frequency == "DAILY":
        days = (not_before.date() - first.date()).days
        return first.date() + timedelta(days=days - days % interval)
    if frequency == "WEEKLY":
        week_start = WEEKDAY_CODES.index(parts.get("WKST", "MO"))
        first_week = first.date() - timedelta(days=(first.weekday() - week_start) % 7)
        weeks = (not_before.date() - first_week).days // 7
        return first_week + timedelta(weeks=weeks - weeks % interval)
    if frequency == "MONTHLY":
        months = (not_before.year - first.year) * 12 + not_before.month - first.month
        year, month = divmod(first.year * 12 + first.month - 1 + months - months % interval, 12)
        return date(year, month + 1, 1)
    years = not_before.year - first.year
    return date(first.year + years - years % interval, 1, 1)


def _series(rrule_text: str, first: datetime, not_before: datetime) -> rrule | rruleset:
    """The rule, started as late as it can be and still give every start from `not_before` on:
    a series that began long ago costs only the window asked for. COUNT must be counted from
    the first meeting (MAX_COUNT bounds it)."""
    parts = dict(item.split("=", 1) for item in rrule_text.split(";"))
    wall_first = first.replace(tzinfo=None)
    if "COUNT" not in parts:
        period = _latest_period_start(parts, wall_first, local_naive(not_before))
        if period > wall_first.date():
            later = datetime.combine(period, time(), LOCAL_TZ)
            return rrulestr(_canonical(_implicit_parts(parts, wall_first)), dtstart=later)
    return rrulestr(rrule_text, dtstart=first)


def _rule_starts(
    rrule_text: str, first: datetime, not_before: datetime, tally: ExpansionTally
) -> Iterator[datetime]:
    """The rule's own starts from `not_before`'s period on, counted in `tally`, DTSTART left
    out. dateutil builds each from local date + time, so 18:00 stays 18:00 after DST ends; one
    in the skipped hour is read as RFC 5545 reads it (02:30 → 03:30)."""
    for start in _series(rrule_text, first, not_before):
        tally.computed += 1
        if start != first:
            yield local_instant(start.replace(tzinfo=None))


def occurrences(
    starts_at: datetime,
    ends_at: datetime,
    rrule_text: str | None,
    exdates: Iterable[datetime],
    window_from: datetime,
    window_to: datetime,
    tally: ExpansionTally | None = None,
) -> Iterator[Occurrence]:
    """The instances that overlap [window_from, window_to), lazily and in time order;
    wall-clock time kept across DST, each instance as long as the first (in real time)."""
    duration = ends_at.astimezone(UTC) - starts_at.astimezone(UTC)
    if not rrule_text:
        if starts_at < window_to and ends_at > window_from:
            yield Occurrence(to_local(starts_at), to_local(ends_at), None)
        return
    skipped = {local_instant(d).astimezone(UTC) for d in exdates}
    first = to_local(starts_at)
    rule_starts = _rule_starts(rrule_text, first, window_from - duration, tally or ExpansionTally())
    # RFC 5545: DTSTART is always the first instance, even when the rule would not produce it
    # (calendar apps show it, so the agenda must too).
    for start in chain([first], rule_starts):
        if start >= window_to:
            return
        if start.astimezone(UTC) in skipped:
            continue
        end = (start.astimezone(UTC) + duration).astimezone(LOCAL_TZ)
        if end > window_from:
            yield Occurrence(start, end, start)
