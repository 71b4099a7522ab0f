"""The feeds as calendar apps read them: parsed by icalendar, expanded by recurring-ical-events."""

from datetime import date, time
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from .conftest import COORDINATOR, SECRETARY

CPH = ZoneInfo("Europe/Copenhagen")


def fetch(client, path="/calendar.ics", **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.data
    assert response.content_type == "text/calendar; charset=utf-8"
    return response


def parse(response):
    return Calendar.from_ical(response.data)


def expand(response, start=date(2026, 9, 1), end=date(2027, 3, 1)):
    return recurring_ical_events.of(parse(response)).between(start, end)


def test_an_1800_weekly_meeting_stays_at_1800_across_the_end_of_summer_time(client, create):
    create(rrule="FREQ=WEEKLY;UNTIL=20261117")
    instances = expand(fetch(client))
    starts = [i["DTSTART"].dt for i in instances]
    assert len(starts) == 7  # 6 October … 17 November
    assert {s.astimezone(CPH).time() for s in starts} == {time(18, 0)}
    offsets = {s.astimezone(CPH).date(): s.utcoffset().total_seconds() / 3600 for s in starts}
    assert offsets[date(2026, 10, 20)] == 2 and offsets[date(2026, 10, 27)] == 1
    assert {i["DTEND"].dt.astimezone(CPH).time() for i in instances} == {time(20, 0)}


def test_the_feed_is_valid_rfc_5545(client, create):
    created = create(rrule="FREQ=WEEKLY;UNTIL=20261117", exdates=["2026-10-13"])
    response = fetch(client)
    raw = response.data
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert str(calendar["X-WR-CALNAME"]).startswith("Gentofte Kommune")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in raw and b"X-PUBLISHED-TTL:PT1H" in raw
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Copenhagen"
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"{created['id']}@sammen.gentofte.dk"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert b"DTSTART;TZID=Europe/Copenhagen:20261006T180000" in raw
    assert b"DTEND;TZID=Europe/Copenhagen:20261006T200000" in raw
    assert b"UNTIL=20261117T225959Z" in raw, "UNTIL in UTC (end of the local day)"
    assert b"EXDATE;TZID=Europe/Copenhagen:20261013T180000" in raw
    assert str(event["URL"]) == created["url"]
    assert event["STATUS"] == "CONFIRMED"


def test_exceptions_are_left_out(client, create):
    create(rrule="FREQ=WEEKLY;UNTIL=20261117", exdates=["2026-10-13", "2026-10-27T18:00"])
    days = {i["DTSTART"].dt.astimezone(CPH).date() for i in expand(fetch(client))}
    assert date(2026, 10, 13) not in days and date(2026, 10, 27) not in days
    assert date(2026, 10, 20) in days and len(days) == 5


def test_second_tuesday_except_july(client, create):
    create(
        starts_at="2026-06-09T16:00",
        ends_at="2026-06-09T18:00",
        rrule="FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12",
    )
    found = expand(fetch(client), date(2026, 6, 1), date(2026, 10, 1))
    assert [i["DTSTART"].dt.astimezone(CPH).date() for i in found] == [
        date(2026, 6, 9),
        date(2026, 8, 11),
        date(2026, 9, 8),
    ]


def test_uids_are_stable_and_the_feed_identical_between_fetches(client, create):
    create()
    create(title="Handicaprådets møde", organizers=["handicapraadet"])
    first, second = fetch(client), fetch(client)
    assert first.data == second.data
    assert sorted(e["UID"] for e in parse(first).walk("VEVENT")) == sorted(
        e["UID"] for e in parse(second).walk("VEVENT")
    )


def test_sequence_rises_on_every_change_and_a_cancellation_shows(client, create, auth):
    created = create()
    uid = f"{created['id']}@sammen.gentofte.dk"

    def the_event():
        [event] = [e for e in parse(fetch(client)).walk("VEVENT") if e["UID"] == uid]
        return event

    assert the_event()["SEQUENCE"] == 0
    client.patch(
        f"/api/v1/events/{created['id']}", json={"location": "Online"}, headers=auth(SECRETARY)
    )
    assert the_event()["SEQUENCE"] == 1 and the_event()["LOCATION"] == "Online"
    client.patch(
        f"/api/v1/events/{created['id']}",
        json={"starts_at": "2026-10-06T17:00"},
        headers=auth(SECRETARY),
    )
    assert the_event()["SEQUENCE"] == 2
    client.post(
        f"/api/v1/events/{created['id']}/cancel", json={"reason": "Sygdom"}, headers=auth(SECRETARY)
    )
    cancelled = the_event()
    assert cancelled["SEQUENCE"] == 3 and cancelled["STATUS"] == "CANCELLED"
    assert str(cancelled["SUMMARY"]).startswith("AFLYST")
    assert cancelled["UID"] == uid


def test_304_on_if_none_match_and_if_modified_since_until_something_changes(client, create, auth):
    created = create()
    first = fetch(client)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get("/calendar.ics", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/calendar.ics", headers={"If-Modified-Since": modified}).status_code == 304
    client.patch(
        f"/api/v1/events/{created['id']}", json={"title": "Nyt navn"}, headers=auth(COORDINATOR)
    )
    changed = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert b"Nyt navn" in changed.data


def test_organizer_and_topic_feeds_hold_only_their_public_events(client, create):
    create(title="Seniorrådet alene")
    create(title="Internt formøde", public=False)
    create(title="Grønt Råd", organizers=["groent-raad"], topics=["natur-klima-og-miljoe"])
    create(title="Fællesmøde", organizers=["seniorraadet", "handicapraadet"])
    senior = {
        str(e["SUMMARY"])
        for e in parse(fetch(client, "/organizers/seniorraadet/calendar.ics")).walk("VEVENT")
    }
    assert senior == {"Seniorrådet alene", "Fællesmøde"}
    handicap = parse(fetch(client, "/organizers/handicapraadet/calendar.ics"))
    assert "Handicaprådet" in str(handicap["X-WR-CALNAME"])
    green = {
        str(e["SUMMARY"])
        for e in parse(fetch(client, "/topics/natur-klima-og-miljoe/calendar.ics")).walk("VEVENT")
    }
    assert green == {"Grønt Råd"}
    assert "Internt formøde".encode() not in fetch(client).data
    assert client.get("/organizers/ukendt/calendar.ics").status_code == 404
    assert client.get("/topics/ukendt/calendar.ics").status_code == 404


def test_one_event_as_a_file_has_the_feed_uid(client, create):
    created = create()
    response = client.get(f"/arrangementer/{created['id']}/kalender.ics")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    assert event["UID"] == f"{created['id']}@sammen.gentofte.dk"


def test_a_10000_event_feed_is_whole_and_stable(client, calendar, create):
    """Thousands of events: the feed is a join of stored VEVENTs, and repeated fetches are cached."""
    import uuid

    from sqlalchemy import insert, select

    from sammen.calendar.models import Event, EventOrganizer

    template = create()
    database = calendar.config["SAMMEN_DATABASE"]
    with database.transaction() as session:
        row = (
            session.execute(select(Event.__table__).where(Event.id == template["id"]))
            .mappings()
            .one()
        )
        rows, links = [], []
        for _ in range(9_999):
            new_id = str(uuid.uuid4())
            rows.append(
                dict(row) | {"id": new_id, "ical": row["ical"].replace(template["id"], new_id)}
            )
            links.append({"event_id": new_id, "organizer_slug": "seniorraadet"})
        session.execute(insert(Event), rows)
        session.execute(insert(EventOrganizer), links)
    # Speed is measured by `make bench`, not asserted here: this proves the large feed is whole.
    cold = fetch(client)
    warm = fetch(client)
    assert cold.data.count(b"BEGIN:VEVENT") == 10_000
    assert warm.data == cold.data
