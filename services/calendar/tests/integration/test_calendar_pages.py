"""The Danish pages: agenda list and month, event page, and the staff form with recurrence."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from sammen.auth import STAFF_COOKIE, issue_token
from sammen.calendar.seed import seed

from .conftest import SECRETARY


def soon(days=10):
    day = datetime.now(UTC) + timedelta(days=days)
    return {"starts_at": day.strftime("%Y-%m-%dT17:00"), "ends_at": day.strftime("%Y-%m-%dT19:00")}


def test_the_agenda_lists_and_filters(client, create, auth):
    create(title="Seniorrådets møde", **soon())
    create(
        title="Grønt Råd", organizers=["groent-raad"], topics=["natur-klima-og-miljoe"], **soon(12)
    )
    cancelled = create(title="Aflyst møde", **soon(14))
    client.post(f"/api/v1/events/{cancelled['id']}/cancel", headers=auth(SECRETARY))
    page = client.get("/").get_data(as_text=True)
    assert 'class="status cancelled">Aflyst' in page
    assert 'id="agenda"' in page and "Seniorrådets møde" in page and "Grønt Råd" in page
    assert "webcal://localhost:8004/calendar.ics" in page and 'id="filtre"' in page
    filtered = client.get("/?organizer=groent-raad").get_data(as_text=True)
    assert (
        "Seniorrådets møde" not in filtered
        and "webcal://localhost:8004/organizers/groent-raad/calendar.ics" in filtered
    )
    by_topic = client.get("/?topic=natur-klima-og-miljoe&kind=council_meeting").get_data(
        as_text=True
    )
    assert "Grønt Råd" in by_topic and "Seniorrådets møde" not in by_topic


def test_the_month_view_and_the_event_page(client, create):
    created = create(title="Temamøde om trafik", kind="theme_meeting", **soon(3))
    day = datetime.fromisoformat(created["starts_at"])
    month = client.get(f"/maaned/{day.year}/{day.month}").get_data(as_text=True)
    assert 'id="maanedsvisning"' in month and "Temamøde om trafik" in month
    assert client.get("/maaned/1999/13").status_code == 404
    assert client.get("/maaned").status_code == 302
    page = client.get(f"/arrangementer/{created['id']}").get_data(as_text=True)
    assert 'id="foej-til-kalender"' in page and "Åbent temamøde" in page and "Seniorrådet" in page
    assert client.get("/arrangementer/ukendt").status_code == 404


def login(client, calendar, staff):
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], staff))


def test_a_secretary_creates_a_recurring_meeting_in_the_form(client, calendar):
    login(client, calendar, SECRETARY)
    form = client.get("/personale/arrangementer/ny").get_data(as_text=True)
    assert 'id="felt-organizers-seniorraadet"' in form and "groent-raad" not in form
    answer = client.post(
        "/personale/arrangementer/ny",
        data={
            "title": "Seniorrådets møde",
            "date": "2027-01-12",
            "start_time": "18:00",
            "end_time": "20:00",
            "kind": "council_meeting",
            "organizers": ["seniorraadet"],
            "topics": ["aeldre-og-seniorliv"],
            "public": "ja",
            "frequency": "monthly",
            "interval": "1",
            "ordinal": "2",
            "weekday": "TU",
            "skip_months": ["7"],
            "until": "2027-12-31",
            "exdates": "2027-04-13",
        },
    )
    assert answer.status_code == 303
    edit = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Hver anden tirsdag i måneden undtagen i juli" in edit
    feed = client.get("/organizers/seniorraadet/calendar.ics")
    [event] = Calendar.from_ical(feed.data).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["2TU"] and 7 not in event["RRULE"]["BYMONTH"]
    assert event["DTSTART"].dt.hour == 18
    staff_page = client.get("/personale/").get_data(as_text=True)
    assert "Seniorrådets møde" in staff_page and 'id="faellesmoeder"' in staff_page


def test_the_form_shows_errors_linked_to_fields_and_keeps_nothing(client, calendar):
    login(client, calendar, SECRETARY)
    answer = client.post(
        "/personale/arrangementer/ny",
        data={
            "title": "",
            "date": "2027-01-12",
            "start_time": "18:00",
            "end_time": "17:00",
            "kind": "council_meeting",
            "organizers": ["seniorraadet"],
        },
    )
    page = answer.get_data(as_text=True)
    assert (
        answer.status_code == 422
        and 'class="error-summary"' in page
        and 'href="#felt-title"' in page
    )
    late = client.post(
        "/personale/arrangementer/ny",
        data={
            "title": "Møde",
            "date": "2027-01-12",
            "start_time": "18:00",
            "end_time": "17:00",
            "kind": "council_meeting",
            "organizers": ["seniorraadet"],
        },
    )
    assert late.status_code == 422 and 'href="#felt-end_time"' in late.get_data(as_text=True)
    wrong_day = client.post(
        "/personale/arrangementer/ny",
        data={
            "title": "Møde",
            "date": "2027-01-11",
            "start_time": "18:00",
            "end_time": "20:00",
            "kind": "council_meeting",
            "organizers": ["seniorraadet"],
            "frequency": "monthly",
            "ordinal": "2",
            "weekday": "TU",
        },
    )
    page = wrong_day.get_data(as_text=True)
    assert wrong_day.status_code == 422 and 'href="#felt-date"' in page and "12.01.2027" in page
    assert client.get("/api/v1/events?from=2027-01-01T00:00&to=2027-02-01T00:00").json == []


def test_development_seeds_meetings_and_the_demo_secretary(calendar):
    settings = calendar.config["SAMMEN_SETTINGS"]
    database = calendar.config["SAMMEN_DATABASE"]
    development = type(settings)(**{**settings.__dict__, "env": "development"})
    seed(database, development)
    seed(database, development)  # a second worker starting finds it done
    client = calendar.test_client()
    found = client.get("/api/v1/events").json
    titles = {e["title"] for e in found}
    assert {"Seniorrådets møde", "Handicaprådets møde", "Deltag-bilen på Hellerup Torv"} <= titles
    assert len({e["id"] for e in found}) == 7
    with database.transaction() as session:
        from sammen.calendar import access

        assert access.secretary_organizers(session, "sekretaer@gentofte.dk") == {
            "seniorraadet",
            "handicapraadet",
        }


def test_this_month_passes_the_filters_on_but_not_url_options(client):
    location = client.get(
        "/maaned?organizer=groent-raad&_external=1&_scheme=ftp&_anchor=x"
    ).headers["Location"]
    assert "organizer=groent-raad" in location
    assert not location.startswith("ftp:") and "#" not in location and "_external" not in location
