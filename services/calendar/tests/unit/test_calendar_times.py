"""The pure time rules: the reach of a start, what a series may cost and how it is expanded
from the window asked for."""

from datetime import UTC, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr

from sammen.calendar import domain
from sammen.calendar.domain import LOCAL_TZ, InvalidValue

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def local(*args):
    return datetime(*args, tzinfo=LOCAL_TZ)


def expand(start, hours, rule, window_from, window_to, exdates=(), tally=None):
    return list(
        domain.occurrences(
            start,
            start + timedelta(hours=hours),
            domain.normalise_rrule(rule, start),
            list(exdates),
            window_from,
            window_to,
            tally,
        )
    )


def test_times_beyond_what_utc_can_hold_are_invalid_not_an_error():
    for text in ("0001-01-01T00:30", "9999-12-31T23:30-05:00"):
        with pytest.raises(ValueError):
            domain.parse_local_datetime(text)


def test_a_start_is_within_two_years_back_and_five_ahead():
    domain.check_start_reach(NOW - timedelta(days=2 * 365) + timedelta(hours=1), NOW)
    domain.check_start_reach(NOW + timedelta(days=5 * 365) - timedelta(hours=1), NOW)
    for start in (
        local(1, 1, 1, 10),
        NOW - timedelta(days=2 * 365, hours=1),
        NOW + timedelta(days=5 * 365, hours=1),
        local(2206, 1, 1, 10),
    ):
        with pytest.raises(InvalidValue) as error:
            domain.check_start_reach(start, NOW)
        assert error.value.field == "starts_at", start


def test_rules_that_cost_too_much_or_can_select_nothing_are_refused_at_once():
    start = local(2026, 10, 6, 18)
    for rule in (
        "FREQ=DAILY;COUNT=100000",
        "FREQ=WEEKLY;COUNT=0",
        "FREQ=DAILY;BYHOUR=8,9",
        "FREQ=DAILY;BYHOUR=" + ",".join(str(h) for h in range(24)),
        "FREQ=DAILY;BYMINUTE=0,30",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2",
        "FREQ=DAILY;BYYEARDAY=367",
        "FREQ=MONTHLY;BYYEARDAY=100",
        "FREQ=WEEKLY;BYWEEKNO=54",
        "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31,-31",
        "FREQ=DAILY;BYMONTHDAY=32",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=WEEKLY;BYDAY=2TU",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;BYHOUR=25",
    ):
        with pytest.raises(InvalidValue) as error:
            domain.normalise_rrule(rule, start)
        assert error.value.field == "rrule", rule
    for rule in (
        f"FREQ=WEEKLY;COUNT={domain.MAX_COUNT}",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        "FREQ=DAILY;BYHOUR=9;BYMINUTE=30",
    ):
        domain.normalise_rrule(rule, start)


RULES = (
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;BYDAY=MO,WE;BYMONTH=1,3,5",
    "FREQ=DAILY;BYHOUR=8;BYMINUTE=15",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,MO",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=5",
    "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;INTERVAL=7;BYDAY=1MO",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=2;BYMONTH=3,9;BYDAY=1SA",
    "FREQ=YEARLY;BYWEEKNO=1,20,53;BYDAY=MO",
    "FREQ=YEARLY;BYYEARDAY=100,-1",
    "FREQ=WEEKLY;UNTIL=20281231",
    "FREQ=WEEKLY;COUNT=300",
)


@pytest.mark.parametrize("rule", RULES)
def test_a_series_started_long_ago_gives_the_dates_dateutil_gives_from_its_start(rule):
    """Expanding from the window's period (not from DTSTART) must not change a single date."""
    start = local(2025, 1, 3, 18, 30)
    for window_from in (local(2025, 1, 1), local(2025, 2, 11, 19), local(2026, 12, 30, 7)):
        window_to = window_from + timedelta(days=200)
        found = [o.starts_at for o in expand(start, 2, rule, window_from, window_to)]
        full = rrulestr(domain.normalise_rrule(rule, start), dtstart=start)
        everything = [start, *(s for s in full.between(start, window_to) if s != start)]
        expected = [s for s in everything if s < window_to and s + timedelta(hours=2) > window_from]
        assert found == expected, (rule, window_from)


def test_a_long_series_costs_only_its_window():
    start = local(2025, 1, 3, 18)
    tally = domain.ExpansionTally()
    window_from = local(2026, 12, 1)
    found = expand(start, 2, "FREQ=DAILY", window_from, window_from + timedelta(days=30), (), tally)
    assert len(found) == 30
    # The window's 30 days, the one before it and the first after: not the 700 since 2025.
    assert tally.computed <= 32
    taken = domain.ExpansionTally()
    lazily = domain.occurrences(
        start,
        start + timedelta(hours=2),
        "FREQ=DAILY",
        [],
        window_from,
        window_from + timedelta(days=366),
        taken,
    )
    assert [next(lazily) for _ in range(6)] and taken.computed <= 7
