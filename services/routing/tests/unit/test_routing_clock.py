"""The working-day clock: weekends, Easter, Christmas, summer time, and properties of the deadline."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sammen.workdays import LOCAL, add_working_days, answer_deadline, deadline_state, is_working_day


def local(*args):
    return datetime(*args, tzinfo=LOCAL)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert is_working_day(date(2026, 11, 30))


def test_easter_and_christmas_are_not_working_days():
    for day in (
        date(2026, 4, 2),  # skærtorsdag
        date(2026, 4, 3),  # langfredag
        date(2026, 4, 6),  # 2. påskedag
        date(2026, 5, 14),  # Kristi himmelfartsdag
        date(2026, 5, 25),  # 2. pinsedag
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 31),
        date(2027, 1, 1),
    ):
        assert not is_working_day(day), day


def test_store_bededag_is_a_working_day_since_2024():
    assert not is_working_day(date(2023, 5, 5))  # the last store bededag
    assert is_working_day(date(2024, 4, 26))  # would have been store bededag


def test_five_working_days_on_an_ordinary_week():
    # Monday 10:00 → due at the end of next Monday.
    deadline = answer_deadline(local(2026, 11, 23, 10), 5)
    assert deadline.due == local(2026, 12, 1, 0)
    assert deadline.at_risk_from == local(2026, 11, 28, 0)  # end of Friday, one working day before


def test_a_friday_evening_idea_counts_from_monday():
    deadline = answer_deadline(local(2026, 11, 27, 22), 5)
    assert deadline.due == local(2026, 12, 5, 0)  # end of Friday 4 December


def test_easter_pushes_the_deadline():
    # Wednesday before Easter 2026: Thu, Fri, Mon are holidays.
    deadline = answer_deadline(local(2026, 4, 1, 9), 5)
    assert add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)
    assert deadline.due == local(2026, 4, 14, 0)  # end of Monday 13 April


def test_christmas_pushes_the_deadline_into_the_new_year():
    deadline = answer_deadline(local(2026, 12, 22, 12), 5)
    # 23 Dec (1), 28 (2), 29 (3), 30 (4), 2 Jan 2027 is Saturday, 4 Jan (5).
    assert deadline.due == local(2027, 1, 5, 0)


def test_the_deadline_is_computed_in_copenhagen_time():
    # 23:30 UTC on Sunday is already Monday in Copenhagen.
    deadline = answer_deadline(datetime(2026, 11, 29, 23, 30, tzinfo=UTC), 1)
    assert deadline.due == local(2026, 12, 2, 0)


def test_states_along_the_way():
    deadline = answer_deadline(local(2026, 11, 23, 10), 5)
    assert deadline_state(deadline, local(2026, 11, 27, 16), None) == "ok"
    assert deadline_state(deadline, local(2026, 11, 30, 9), None) == "at_risk"
    assert deadline_state(deadline, local(2026, 12, 1, 0, 1), None) == "breached"
    assert deadline_state(deadline, local(2026, 12, 9), local(2026, 11, 24)) == "answered"


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


@given(moments, st.integers(min_value=1, max_value=15))
def test_the_due_day_is_a_working_day_after_submission(submitted, days):
    deadline = answer_deadline(submitted, days)
    last_day = (deadline.due.astimezone(LOCAL) - timedelta(hours=1)).date()
    assert is_working_day(last_day)
    assert deadline.due > submitted
    assert deadline.at_risk_from < deadline.due
    # Exactly `days` working days lie between the submission day and the due day.
    start = submitted.astimezone(LOCAL).date()
    count = sum(
        is_working_day(start + timedelta(days=n)) for n in range(1, (last_day - start).days + 1)
    )
    assert count == days


@given(moments, st.integers(min_value=1, max_value=10))
def test_more_days_never_make_an_earlier_deadline(submitted, days):
    assert answer_deadline(submitted, days + 1).due > answer_deadline(submitted, days).due
