"""Times a calendar must not get wrong: starts out of reach and series that would cost too much."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sammen.calendar import service
from sammen.calendar.schemas import EventInSchema

from .conftest import COORDINATOR, SECRETARY, event_body, stored

CPH = ZoneInfo("Europe/Copenhagen")
EVERY_MINUTE_OF_THE_DAY = (
    "FREQ=DAILY;BYHOUR="
    + ",".join(str(h) for h in range(24))
    + ";BYMINUTE="
    + ",".join(str(m) for m in range(60))
)


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


def test_an_old_event_stays_editable_but_no_start_moves_out_of_reach(client, calendar, auth):
    long_ago = datetime.now(UTC) - timedelta(days=3 * 365)
    day = long_ago.astimezone(CPH).date().isoformat()
    body = event_body(starts_at=f"{day}T18:00", ends_at=f"{day}T20:00")
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        payload = EventInSchema().load(body)
        event_id = service.create_event(
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
