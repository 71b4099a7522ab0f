"""The pure time rules: Copenhagen's summer-time change, the reach of a start, what a series
may cost and how it is expanded from the window asked for."""

from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr

from sammen.calendar import recurrence, times
from sammen.calendar.errors import InvalidValue
from sammen.calendar.times import LOCAL_TZ, NonexistentLocalTime

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def local(*args, fold=0):
    return datetime(*args, tzinfo=LOCAL_TZ, fold=fold)


def expand(start, hours, rule, window_from, window_to, exdates=(), tally=None):
    return list(
        recurrence.occurrences(
            start,
            start + timedelta(hours=hours),
            recurrence.normalise_rrule(rule, start),
            list(exdates),
            window_from,
            window_to,
            tally,
        )
    )


def test_a_typed_time_in_the_hour_skipped_in_march_is_refused():
    for text in ("2027-03-28T02:00", "2027-03-28T02:30", "2027-03-28T02:59:59"):
        with pytest.raises(NonexistentLocalTime):
            times.parse_local_datetime(text)
    assert times.parse_local_datetime("2027-03-28T01:59").utcoffset() == timedelta(hours=1)
    assert times.parse_local_datetime("2027-03-28T03:00").utcoffset() == timedelta(hours=2)
    # With an offset the instant is given, and it is a real one.
    given = times.parse_local_datetime("2027-03-28T02:30+01:00")
    assert given.astimezone(LOCAL_TZ) == local(2027, 3, 28, 3, 30)


def test_the_hour_repeated_in_october_is_its_first_occurrence_unless_an_offset_says():
    first = times.parse_local_datetime("2026-10-25T02:30")
    assert first.utcoffset() == timedelta(hours=2) and first.fold == 0
    second = times.parse_local_datetime("2026-10-25T02:30+01:00")
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)


def test_rfc_5545_reads_a_computed_start_in_the_gap_with_the_offset_before_it():
    assert times.local_instant(datetime(2027, 3, 28, 2, 30)) == local(2027, 3, 28, 3, 30)
    assert times.local_instant(datetime(2027, 3, 28, 2, 30)).utcoffset() == timedelta(hours=2)
    assert times.local_instant(datetime(2026, 10, 25, 2, 30)).utcoffset() == timedelta(hours=2)


def test_times_beyond_what_utc_can_hold_are_invalid_not_an_error():
    for text in ("0001-01-01T00:30", "9999-12-31T23:30-05:00"):
        with pytest.raises(ValueError):
            times.parse_local_datetime(text)


def test_a_series_cannot_begin_in_the_second_pass_of_the_repeated_hour():
    with pytest.raises(InvalidValue) as error:
        recurrence.normalise_rrule("FREQ=DAILY", local(2026, 10, 25, 2, 30, fold=1))
    assert error.value.field == "starts_at"
    recurrence.normalise_rrule("FREQ=DAILY", local(2026, 10, 25, 2, 30))


def test_end_after_start_compares_instants_not_wall_clocks():
    second_0230 = local(2026, 10, 25, 2, 30, fold=1)  # 01:30 UTC
    first_0245 = local(2026, 10, 25, 2, 45)  # 00:45 UTC: earlier, though it reads later
    with pytest.raises(InvalidValue) as error:
        times.check_duration(second_0230, first_0245)
    assert error.value.field == "ends_at"
    times.check_duration(local(2026, 10, 25, 2, 45), local(2026, 10, 25, 2, 15, fold=1))
    with pytest.raises(InvalidValue):
        times.check_duration(local(2026, 10, 6, 18), local(2026, 10, 21, 18))


def test_a_start_is_within_two_years_back_and_five_ahead():
    times.check_start_reach(NOW - timedelta(days=2 * 365) + timedelta(hours=1), NOW)
    times.check_start_reach(NOW + timedelta(days=5 * 365) - timedelta(hours=1), NOW)
    for start in (
        local(1, 1, 1, 10),
        NOW - timedelta(days=2 * 365, hours=1),
        NOW + timedelta(days=5 * 365, hours=1),
        local(2206, 1, 1, 10),
    ):
        with pytest.raises(InvalidValue) as error:
            times.check_start_reach(start, NOW)
        assert error.value.field == "starts_at", start


def test_malformed_rules_and_those_that_cost_too_much_or_select_nothing_are_refused_at_once():
    start = local(2026, 10, 6, 18)
    for rule in (
        "",
        "FREQ=SOMETIMES",
        "FREQ=MINUTELY",
        "BYDAY=TU",
        "FREQ=WEEKLY;COUNT=2;UNTIL=20270101",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;FREQ=DAILY",
        "FREQ=WEEKLY;UNTIL=20200101",
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
            recurrence.normalise_rrule(rule, start)
        assert error.value.field == "rrule", rule
    for rule in (
        f"FREQ=WEEKLY;COUNT={recurrence.MAX_COUNT}",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        "FREQ=DAILY;BYHOUR=9;BYMINUTE=30",
    ):
        recurrence.normalise_rrule(rule, start)


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
        full = rrulestr(recurrence.normalise_rrule(rule, start), dtstart=start)
        everything = [start, *(s for s in full.between(start, window_to) if s != start)]
        expected = [s for s in everything if s < window_to and s + timedelta(hours=2) > window_from]
        assert found == expected, (rule, window_from)


def test_a_long_series_costs_only_its_window():
    start = local(2025, 1, 3, 18)
    tally = recurrence.ExpansionTally()
    window_from = local(2026, 12, 1)
    found = expand(start, 2, "FREQ=DAILY", window_from, window_from + timedelta(days=30), (), tally)
    assert len(found) == 30
    # The window's 30 days, the one before it and the first after: not the 700 since 2025.
    assert tally.computed <= 32
    taken = recurrence.ExpansionTally()
    lazily = recurrence.occurrences(
        start,
        start + timedelta(hours=2),
        "FREQ=DAILY",
        [],
        window_from,
        window_from + timedelta(days=366),
        taken,
    )
    assert [next(lazily) for _ in range(6)] and taken.computed <= 7


def test_instances_in_the_skipped_hour_move_an_hour_on_and_keep_their_length():
    start = local(2027, 3, 26, 2, 30)
    found = expand(start, 1, "FREQ=DAILY;COUNT=5", local(2027, 3, 26), local(2027, 4, 1))
    assert [(o.starts_at, o.ends_at) for o in found][2] == (
        local(2027, 3, 28, 3, 30),
        local(2027, 3, 28, 4, 30),
    )
    assert {o.ends_at.astimezone(UTC) - o.starts_at.astimezone(UTC) for o in found} == {
        timedelta(hours=1)
    }
    assert [o.starts_at.hour for o in found] == [2, 2, 3, 2, 2]


def test_an_exception_in_the_gap_matches_the_moved_instance_however_it_is_written():
    start = local(2027, 3, 26, 2, 30)
    window = (local(2027, 3, 26), local(2027, 4, 1))
    by_date = recurrence.parse_exdates(["2027-03-28"], start)
    as_shown = recurrence.parse_exdates(["2027-03-28T03:30"], start)
    for exdates in (by_date, as_shown):
        days = [
            o.starts_at.date() for o in expand(start, 1, "FREQ=DAILY;COUNT=5", *window, exdates)
        ]
        assert date(2027, 3, 28) not in days and len(days) == 4
    with pytest.raises(InvalidValue) as error:
        recurrence.parse_exdates(["2027-03-29", "2027-03-28T02:30"], start)
    assert error.value.field == "exdates.1" and error.value.template == times.NONEXISTENT_TIME


def test_instances_in_the_repeated_hour_are_the_first_and_keep_their_length():
    start = local(2026, 10, 23, 2, 30)
    found = expand(start, 1, "FREQ=DAILY;COUNT=4", local(2026, 10, 23), local(2026, 10, 28))
    on_the_day = found[2]
    assert on_the_day.starts_at.utcoffset() == timedelta(hours=2)
    assert on_the_day.ends_at.utcoffset() == timedelta(hours=1)
    assert on_the_day.ends_at.astimezone(UTC) - on_the_day.starts_at.astimezone(UTC) == timedelta(
        hours=1
    )
