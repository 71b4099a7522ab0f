"""Times a calendar must not get wrong: starts out of reach, series that would cost too much,
and Copenhagen's change to and from summer time — in the API, the staff form and the feed."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from sammen.calendar import events
from sammen.calendar.schemas import EventInSchema
from sammen.calendar.times import NONEXISTENT_TIME

from .conftest import COORDINATOR, SECRETARY, event_body, stored
from .test_calendar_pages import login

CPH = ZoneInfo("Europe/Copenhagen")
EVERY_MINUTE_OF_THE_DAY = (
    "FREQ=DAILY;BYHOUR="
    + ",".join(str(h) for h in range(24))
    + ";BYMINUTE="
    + ",".join(str(m) for m in range(60))
)
# A daily meeting at 02:30 across the night summer time begins (28 March 2027).
ACROSS_THE_GAP = {
    "starts_at": "2027-03-26T02:30",
    "ends_at": "2027-03-26T03:30",
    "rrule": "FREQ=DAILY;COUNT=5",
}


def computed_instances(client):
    """How many recurrence starts calendar has computed so far (its /metrics)."""
    text = client.get("/metrics").get_data(as_text=True)
    found = re.search(r"^sammen_calendar_recurrence_instances_total (\S+)$", text, re.M)
    assert found, "calendar exports the cost of expanding series"
    return float(found.group(1))


def refused(response, field):
    assert response.status_code == 422, response.json
    errors = response.json["errors"]["json"]
    assert field in errors or field.split(".")[0] in errors, errors
    return errors


def test_starts_out_of_reach_and_costly_series_are_refused_and_nothing_is_kept(
    client, auth, calendar
):
    cases = [
        ({"starts_at": "0001-01-01T10:00", "ends_at": "0001-01-01T12:00"}, "starts_at"),
        (
            {"starts_at": "0001-01-01T10:00", "ends_at": "0001-01-01T12:00", "rrule": "FREQ=DAILY"},
            "starts_at",
        ),
        ({"starts_at": "0001-01-01T00:30", "ends_at": "0001-01-01T01:30"}, "starts_at"),
        ({"starts_at": "2206-01-01T10:00", "ends_at": "2206-01-01T12:00"}, "starts_at"),
        ({"rrule": "FREQ=DAILY;COUNT=100000"}, "rrule"),
        ({"rrule": EVERY_MINUTE_OF_THE_DAY}, "rrule"),
        ({"rrule": "FREQ=DAILY;BYSETPOS=2"}, "rrule"),
        ({"rrule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"}, "rrule"),
    ]
    before = stored(calendar)
    for change, field in cases:
        response = client.post(
            "/api/v1/events", json=event_body(**change), headers=auth(COORDINATOR)
        )
        refused(response, field)
    assert stored(calendar) == before


def test_a_window_at_the_end_of_time_is_refused_not_an_error(client):
    answer = client.get("/api/v1/events?from=9999-12-31T23:30")
    assert answer.status_code == 422 and "from" in answer.json["errors"]["json"]


def test_an_old_event_stays_editable_but_no_start_moves_out_of_reach(client, calendar, auth):
    long_ago = datetime.now(UTC) - timedelta(days=3 * 365)
    day = long_ago.astimezone(CPH).date().isoformat()
    body = event_body(starts_at=f"{day}T18:00", ends_at=f"{day}T20:00")
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        payload = EventInSchema().load(body)
        event_id = events.create_event(
            session, calendar.config["SAMMEN_SETTINGS"], payload, COORDINATOR, now=long_ago
        ).id
    url = f"/api/v1/events/{event_id}"
    kept = client.patch(
        url,
        json={"starts_at": body["starts_at"], "description": "Referatet ligger på gentofte.dk"},
        headers=auth(SECRETARY),
    )
    assert kept.status_code == 200, kept.json
    before = stored(calendar)
    moved = client.patch(
        url,
        json={"starts_at": "0001-01-01T18:00", "ends_at": "0001-01-01T20:00"},
        headers=auth(SECRETARY),
    )
    refused(moved, "starts_at")
    assert stored(calendar) == before
    assert client.get(url).json["starts_at"].startswith(f"{day}T18:00")


def test_a_long_series_is_expanded_only_in_the_window_asked_for(client, create):
    """A daily meeting for almost two years: its page computes the six dates it shows."""
    first = (datetime.now(CPH) - timedelta(days=700)).date().isoformat()
    series = create(starts_at=f"{first}T10:00", ends_at=f"{first}T11:00", rrule="FREQ=DAILY")
    before = computed_instances(client)
    page = client.get(f"/arrangementer/{series['id']}").get_data(as_text=True)
    shown = re.search(r'<ul id="naeste-datoer">(.*?)</ul>', page, re.S).group(1)
    assert shown.count("<time ") == 6
    assert computed_instances(client) - before <= 7, "the six dates shown and one before now"
    before = computed_instances(client)
    start = datetime.now(CPH).date()
    window = f"from={start}T00:00&to={start + timedelta(days=30)}T00:00"
    assert len(client.get(f"/api/v1/events?{window}").json) == 30
    assert computed_instances(client) - before <= 32, "the window's 30 days and its two edges"
    before = computed_instances(client)
    assert client.get("/").status_code == 200
    assert computed_instances(client) - before <= 94, "the agenda's 92 days and its two edges"


def test_a_typed_time_in_the_skipped_hour_is_refused_naming_the_field(
    client, create, auth, calendar
):
    existing = create()
    cases = [
        ({"starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T03:30"}, "starts_at"),
        ({"starts_at": "2027-03-28T01:30", "ends_at": "2027-03-28T02:45"}, "ends_at"),
        (
            {
                "starts_at": "2027-03-29T18:00",
                "ends_at": "2027-03-29T20:00",
                "registration": {"capacity": 10, "deadline": "2027-03-28T02:15"},
            },
            "registration.deadline",
        ),
        ({**ACROSS_THE_GAP, "exdates": ["2027-03-28T02:30"]}, "exdates.0"),
    ]
    before = stored(calendar)
    for change, field in cases:
        response = client.post(
            "/api/v1/events", json=event_body(**change), headers=auth(COORDINATOR)
        )
        errors = refused(response, field)
        assert NONEXISTENT_TIME in str(errors), errors
    patched = client.patch(
        f"/api/v1/events/{existing['id']}",
        json={"starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T03:30"},
        headers=auth(SECRETARY),
    )
    assert refused(patched, "starts_at")["starts_at"] == [NONEXISTENT_TIME]
    assert stored(calendar) == before


def instances(client, window):
    return [(e["starts_at"], e["ends_at"]) for e in client.get(f"/api/v1/events?{window}").json]


def test_a_daily_series_keeps_its_length_on_the_night_summer_time_begins(client, create):
    series = create(**ACROSS_THE_GAP)
    assert instances(client, "from=2027-03-26T00:00&to=2027-04-01T00:00") == [
        ("2027-03-26T02:30:00+01:00", "2027-03-26T03:30:00+01:00"),
        ("2027-03-27T02:30:00+01:00", "2027-03-27T03:30:00+01:00"),
        ("2027-03-28T03:30:00+02:00", "2027-03-28T04:30:00+02:00"),  # 02:30 does not exist
        ("2027-03-29T02:30:00+02:00", "2027-03-29T03:30:00+02:00"),
        ("2027-03-30T02:30:00+02:00", "2027-03-30T03:30:00+02:00"),
    ]
    page = client.get(f"/arrangementer/{series['id']}").get_data(as_text=True)
    assert '<time datetime="2027-03-28T03:30:00+02:00">' in page


def test_the_hour_repeated_in_october_is_its_first_occurrence_unless_an_offset_says(
    client, create, auth, calendar
):
    first = create(starts_at="2026-10-25T02:30", ends_at="2026-10-25T02:15+01:00")
    assert first["starts_at"] == "2026-10-25T02:30:00+02:00"
    assert first["ends_at"] == "2026-10-25T02:15:00+01:00"
    before = stored(calendar)
    backwards = client.post(
        "/api/v1/events",
        json=event_body(starts_at="2026-10-25T02:30+01:00", ends_at="2026-10-25T02:45"),
        headers=auth(COORDINATOR),
    )
    refused(backwards, "ends_at")  # 02:45 is the first 02:45, before the second 02:30
    series = client.post(
        "/api/v1/events",
        json=event_body(
            starts_at="2026-10-25T02:30+01:00", ends_at="2026-10-25T03:30", rrule="FREQ=DAILY"
        ),
        headers=auth(COORDINATOR),
    )
    refused(series, "starts_at")
    assert stored(calendar) == before
    feed = client.get("/calendar.ics").data
    assert b"DTSTART;TZID=Europe/Copenhagen:20261025T023000" in feed
    assert b"DTEND:20261025T011500Z" in feed, "the second 02:15 can only be said in UTC"


def test_the_staff_form_refuses_what_the_api_refuses(client, calendar):
    login(client, calendar, SECRETARY)
    form = {
        "title": "Seniorrådets møde",
        "start_time": "02:30",
        "end_time": "03:30",
        "kind": "council_meeting",
        "organizers": ["seniorraadet"],
        "public": "ja",
    }
    before = stored(calendar)
    in_the_gap = client.post("/personale/arrangementer/ny", data=form | {"date": "2027-03-28"})
    assert in_the_gap.status_code == 422
    assert "Tidspunktet findes ikke" in in_the_gap.get_data(as_text=True)
    year_one = client.post(
        "/personale/arrangementer/ny",
        data=form | {"date": "0001-01-01", "start_time": "10:00", "end_time": "11:00"},
    )
    assert year_one.status_code == 422
    assert "højst ligge to år tilbage" in year_one.get_data(as_text=True)
    assert stored(calendar) == before


def feed_instances(client, start, end):
    """The feed's instances as RFC 5545 reads them: a start in the skipped hour with the offset
    before the gap, and every instance as long (in real time) as DTEND − DTSTART."""
    calendar = Calendar.from_ical(client.get("/calendar.ics").data)
    [master] = calendar.walk("VEVENT")
    length = master["DTEND"].dt.astimezone(UTC) - master["DTSTART"].dt.astimezone(UTC)
    starts = [i["DTSTART"].dt for i in recurring_ical_events.of(calendar).between(start, end)]
    return [
        (
            s.astimezone(UTC).astimezone(CPH).isoformat(),
            (s.astimezone(UTC) + length).astimezone(CPH).isoformat(),
        )
        for s in starts
    ]


def test_the_feed_and_the_api_agree_across_both_summer_time_changes(client, create):
    create(**ACROSS_THE_GAP)
    spring = feed_instances(client, date(2027, 3, 25), date(2027, 4, 1))
    assert spring == instances(client, "from=2027-03-25T00:00&to=2027-04-01T00:00")
    assert len(spring) == 5 and spring[2][0] == "2027-03-28T03:30:00+02:00"


def test_the_feed_and_the_api_agree_in_the_repeated_hour(client, create):
    create(starts_at="2026-10-23T02:30", ends_at="2026-10-23T03:30", rrule="FREQ=DAILY;COUNT=4")
    autumn = feed_instances(client, date(2026, 10, 22), date(2026, 10, 28))
    assert autumn == instances(client, "from=2026-10-22T00:00&to=2026-10-28T00:00")
    assert autumn[2] == ("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00")
