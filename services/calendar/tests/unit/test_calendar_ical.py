"""The VEVENT and the feed around it, without a database."""

from datetime import UTC, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar

from sammen.calendar import ical
from sammen.calendar.times import LOCAL_TZ


def view(**changes):
    values = {
        "id": "11111111-2222-3333-4444-555555555555",
        "title": "Grønt Råd – et langt navn der skal foldes over flere linjer, æøå æøå æøå æøå",
        "description": "Om træer.",
        "location": "Rådhuset",
        "starts_at": datetime(2026, 3, 24, 18, tzinfo=LOCAL_TZ),
        "ends_at": datetime(2026, 3, 24, 20, tzinfo=LOCAL_TZ),
        "rrule": "FREQ=WEEKLY;UNTIL=20260414T215959Z",
        "exdates": [datetime(2026, 4, 7, 18)],
        "status": "planned",
        "sequence": 2,
        "topics": ["natur-klima-og-miljoe"],
        "organizer_names": ["Grønt Råd"],
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "updated_at": datetime(2026, 2, 1, tzinfo=UTC),
        "url": "https://sammen.gentofte.dk/arrangementer/1",
    }
    return ical.EventView(**(values | changes))


def test_the_feed_parses_and_expands_across_the_start_of_summer_time():
    body = ical.render_calendar("Grønt Råd", "Møder", [ical.render_vevent(view())])
    calendar = Calendar.from_ical(body)
    found = recurring_ical_events.of(calendar).between(datetime(2026, 3, 1), datetime(2026, 5, 1))
    starts = [e["DTSTART"].dt for e in found]
    assert [s.day for s in starts] == [24, 31, 14]  # 7 April is an exception
    assert {s.hour for s in starts} == {18}
    assert starts[0].utcoffset() == timedelta(hours=1) and starts[1].utcoffset() == timedelta(
        hours=2
    )
    [event] = calendar.walk("VEVENT")
    assert event["DTSTAMP"].dt == datetime(2026, 2, 1, tzinfo=UTC)
    assert event["CATEGORIES"].cats == ["Natur, klima og miljø"]
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))


def test_a_cancelled_event_says_so_twice():
    text = ical.render_vevent(view(status="cancelled"))
    assert "STATUS:CANCELLED" in text and "SUMMARY:AFLYST: " in text


def test_the_vtimezone_matches_python_for_both_offsets():
    timezone = ical.copenhagen_vtimezone()
    daylight, standard = timezone.subcomponents
    assert daylight["TZOFFSETTO"].td == timedelta(hours=2)
    assert standard["TZOFFSETTO"].td == timedelta(hours=1)


def test_a_time_in_the_second_pass_of_the_repeated_hour_goes_out_in_utc():
    """RFC 5545 reads 02:15 with a TZID as the first 02:15; the second can only be said in UTC."""
    first_pass = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 summer time
    second_pass = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)  # 02:15 winter time
    raw = ical.render_vevent(
        view(starts_at=first_pass, ends_at=second_pass, rrule=None, exdates=[])
    )
    assert "DTSTART;TZID=Europe/Copenhagen:20261025T023000" in raw
    assert "DTEND:20261025T011500Z" in raw
    [event] = Calendar.from_ical(ical.render_calendar("Nat", "Nat", [raw])).walk("VEVENT")
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=45)
