"""The pure rules: times, recurrence, the builder, registrations, joint-meeting suggestions."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from sammen.calendar import (
    catalogue,
    changes,
    errors,
    joint_suggestions,
    places,
    recurrence,
    recurrence_form,
    times,
)
from sammen.calendar.errors import InvalidValue
from sammen.calendar.joint_suggestions import PlannedMeeting
from sammen.calendar.recurrence_form import RecurrenceChoice
from sammen.calendar.times import LOCAL_TZ


def local(*args):
    return datetime(*args, tzinfo=LOCAL_TZ)


def test_slugs_spell_out_danish_letters():
    assert catalogue.slugify("Børne- og Skoleudvalget") == "boerne-og-skoleudvalget"
    assert catalogue.slugify("Grønt Råd") == "groent-raad"
    committees = catalogue.parse_committees("Økonomiudvalget; Kultur-, Unge- og Fritidsudvalget;")
    assert committees == [
        ("oekonomiudvalget", "Økonomiudvalget", "committee"),
        ("kultur-unge-og-fritidsudvalget", "Kultur-, Unge- og Fritidsudvalget", "committee"),
    ]
    assert len(catalogue.parse_committees(catalogue.DEFAULT_COMMITTEES)) == 8


def test_a_time_without_offset_is_copenhagen_time():
    assert times.parse_local_datetime("2026-07-01T18:00").utcoffset() == timedelta(hours=2)
    assert times.parse_local_datetime("2026-12-01T18:00").utcoffset() == timedelta(hours=1)
    assert times.parse_local_datetime("2026-12-01T18:00Z").utcoffset() == timedelta(0)


def test_rrule_until_is_made_utc():
    start = local(2026, 10, 6, 18)
    assert (
        recurrence.normalise_rrule("RRULE:freq=weekly;until=20261117", start)
        == "FREQ=WEEKLY;UNTIL=20261117T225959Z"
    )
    assert (
        recurrence.normalise_rrule("FREQ=WEEKLY;UNTIL=20261117T180000", start)
        == "FREQ=WEEKLY;UNTIL=20261117T170000Z"
    )


def test_occurrences_keep_wall_clock_time_across_dst_and_skip_exdates():
    start = local(2026, 10, 6, 18)
    rule = recurrence.normalise_rrule("FREQ=WEEKLY;UNTIL=20261117", start)
    exdates = recurrence.parse_exdates(["2026-10-13"], start)
    found = list(
        recurrence.occurrences(
            start, start + timedelta(hours=2), rule, exdates, local(2026, 10, 1), local(2026, 12, 1)
        )
    )
    assert [o.starts_at.date() for o in found] == [date(2026, 10, d) for d in (6, 20, 27)] + [
        date(2026, 11, d) for d in (3, 10, 17)
    ]
    assert {o.starts_at.time() for o in found} == {time(18)}
    assert {o.ends_at.astimezone(LOCAL_TZ).time() for o in found} == {time(20)}
    assert found[1].starts_at.utcoffset() == timedelta(hours=2) and found[
        2
    ].starts_at.utcoffset() == timedelta(hours=1)


def test_a_single_event_occurs_only_when_it_overlaps_the_window():
    start = local(2026, 10, 6, 18)
    inside = list(
        recurrence.occurrences(
            start, start + timedelta(hours=2), None, [], local(2026, 10, 6, 19), local(2026, 10, 7)
        )
    )
    outside = list(
        recurrence.occurrences(
            start, start + timedelta(hours=2), None, [], local(2026, 10, 7), local(2026, 10, 8)
        )
    )
    assert len(inside) == 1 and inside[0].recurrence_id is None and outside == []


def test_the_builder_makes_second_tuesday_except_july_and_reads_it_back():
    choice = RecurrenceChoice("monthly", 1, "TU", "2", ("7",), date(2027, 6, 30))
    rule = recurrence_form.build_rrule(choice)
    assert rule == "FREQ=MONTHLY;UNTIL=20270630;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"
    normalised = recurrence.normalise_rrule(rule, local(2026, 8, 11, 16))
    assert recurrence_form.choice_from_rrule(normalised) == choice
    assert (
        recurrence_form.describe_rrule(normalised)
        == "Hver anden tirsdag i måneden undtagen i juli til og med 30.06.2027"
    )
    assert recurrence_form.build_rrule(RecurrenceChoice()) is None
    assert recurrence_form.choice_from_rrule("FREQ=DAILY;BYHOUR=3") is None
    with pytest.raises(InvalidValue) as error:
        recurrence_form.build_rrule(RecurrenceChoice("monthly", 1, "TU", ""))
    assert error.value.field == "ordinal"
    with pytest.raises(InvalidValue):
        recurrence_form.build_rrule(
            RecurrenceChoice("weekly", skip_months=tuple(recurrence_form.MONTHS))
        )


def test_registration_status():
    now = datetime(2026, 9, 1, tzinfo=UTC)
    starts = datetime(2026, 10, 1, tzinfo=UTC)
    rules = {"deadline": None, "status": "planned", "starts_at": starts, "now": now}
    assert places.registration_status(capacity=2, confirmed=1, **rules) == "confirmed"
    assert places.registration_status(capacity=2, confirmed=2, **rules) == "waitlisted"
    for change in ({"capacity": None}, {"status": "cancelled"}, {"deadline": now}, {"now": starts}):
        arguments = {"capacity": 2, "confirmed": 0, **rules, **change}
        with pytest.raises(errors.RegistrationRefused):
            places.registration_status(**arguments)


def test_changes_mark_the_event_changed_only_when_people_must_plan_again():
    assert changes.status_after_change("planned", ["description"]) == "planned"
    assert changes.status_after_change("planned", ["location"]) == "changed"
    assert changes.status_after_change("cancelled", ["location"]) == "cancelled"
    assert changes.changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ["b"]


def meeting(event_id, organizers, topics, day, hour=17):
    start = local(2026, 10, day, hour)
    return PlannedMeeting(
        event_id,
        event_id,
        frozenset(organizers),
        frozenset(topics),
        start,
        start + timedelta(hours=2),
    )


def test_joint_meeting_suggestions():
    weeks = timedelta(weeks=3)
    senior = meeting("senior", {"seniorraadet"}, {"sundhed"}, 1)
    handicap = meeting("handicap", {"handicapraadet"}, {"sundhed"}, 15)
    far = meeting("far", {"groent-raad"}, {"sundhed"}, 30)
    [found] = joint_suggestions.joint_meeting_suggestions([handicap, senior], weeks)
    assert found.organizers == ("handicapraadet", "seniorraadet") and found.shared_topics == (
        "sundhed",
    )
    assert not found.overlapping and found.involves({"seniorraadet"}) and not found.involves({"x"})
    assert joint_suggestions.joint_meeting_suggestions([senior, far], weeks) == []
    same_council = meeting("senior-2", {"seniorraadet"}, {"sundhed"}, 8)
    assert joint_suggestions.joint_meeting_suggestions([senior, same_council], weeks) == []
    already_joint = meeting("joint", {"seniorraadet", "handicapraadet"}, {"sundhed"}, 8)
    assert joint_suggestions.joint_meeting_suggestions([senior, already_joint], weeks) == []
    clash = meeting("clash", {"integrationsraadet"}, {"andet"}, 1, 18)
    [overlap] = joint_suggestions.joint_meeting_suggestions([senior, clash], weeks)
    assert overlap.overlapping and overlap.shared_topics == ()


def test_dtstart_is_always_the_first_instance_as_calendar_apps_show_it():
    start = local(2026, 10, 5, 18)  # a Monday, for a rule of second Tuesdays
    rule = recurrence.normalise_rrule("FREQ=MONTHLY;BYDAY=2TU;COUNT=2", start)
    found = list(
        recurrence.occurrences(
            start, start + timedelta(hours=1), rule, [], local(2026, 10, 1), local(2027, 1, 1)
        )
    )
    assert [o.starts_at.date() for o in found] == [
        date(2026, 10, 5),
        date(2026, 10, 13),
        date(2026, 11, 10),
    ]
    assert recurrence.first_instance(rule, start).date() == date(2026, 10, 13)
