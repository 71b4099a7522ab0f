"""Making one joint meeting of several: every organizer, the others cancelled pointing to it,
registrations moved within its capacity and the rest waiting, one mail to each registrant."""

from icalendar import Calendar

from sammen.auth import STAFF_COOKIE, issue_token

from .conftest import COORDINATOR, OTHER_SECRETARY, SECRETARY
from .meetings_support import counts, day, mails, outbox, sign_up


def two_councils(create):
    senior = create(
        title="Seniorrådets møde",
        registration={"capacity": 2},
        topics=["sundhed-og-forebyggelse"],
        **day(20),
    )
    handicap = create(
        title="Handicaprådets møde",
        organizers=["handicapraadet"],
        registration={"capacity": 3},
        topics=["sundhed-og-forebyggelse"],
        **day(27),
    )
    return senior, handicap


def live_uids(client, organizer):
    feed = Calendar.from_ical(client.get(f"/organizers/{organizer}/calendar.ics").data)
    return [str(c["UID"]) for c in feed.walk("VEVENT") if str(c.get("STATUS", "")) != "CANCELLED"]


def test_two_meetings_become_one_and_every_registrant_is_told(client, create, auth):
    senior, handicap = two_councils(create)
    for n in range(3):  # two seats, one waiting
        sign_up(client, senior["id"], n)
    sign_up(client, handicap["id"], 3)
    sign_up(client, handicap["id"], 0)  # signed up for both: one registration is kept
    answer = client.post(
        "/api/v1/joint-meetings",
        json={"event_ids": [handicap["id"], senior["id"]], "capacity": 3},
        headers=auth(SECRETARY),
    )
    assert answer.status_code == 201, answer.json
    joint = client.get(f"/api/v1/events/{answer.json['id']}").json
    assert joint["organizers"] == ["handicapraadet", "seniorraadet"]
    assert joint["title"] == "Fællesmøde: Handicaprådet og Seniorrådet"
    assert joint["starts_at"] == senior["starts_at"] and joint["location"] == senior["location"]
    assert joint["registration"] == {
        "capacity": 3,
        "deadline": None,
        "confirmed": 3,
        "waitlisted": 1,
    }
    assert (answer.json["confirmed"], answer.json["waitlisted"]) == (3, 1)
    for source in (senior, handicap):
        shown = client.get(f"/api/v1/events/{source['id']}").json
        assert shown["status"] == "cancelled"
        page = client.get(f"/arrangementer/{source['id']}").get_data(as_text=True)
        assert f'href="/arrangementer/{joint["id"]}"' in page and "Holdes som fællesmøde" in page
    cancelled = outbox(client.application, "calendar.event_cancelled")
    assert {c.subject for c in cancelled} == {senior["id"], handicap["id"]}
    assert all(c.data["registrants"] == [] for c in cancelled)  # told once, below
    assert joint["url"] in cancelled[0].data["reason"]
    told = mails(client.application, "calendar.joint_meeting")
    assert sorted(m["to"]["email"] for m in told) == [f"borger{n}@example.dk" for n in range(4)]
    [created] = outbox(client.application, "calendar.joint_meeting_created")
    assert sorted(created.data["joined_event_ids"]) == sorted([senior["id"], handicap["id"]])
    waiting = [r for r in created.data["registrants"] if r["status"] == "waitlisted"]
    assert [r["email"] for r in waiting] == ["borger2@example.dk"]  # three seats, three had one
    for organizer in ("seniorraadet", "handicapraadet"):
        assert live_uids(client, organizer) == [f"{joint['id']}@sammen.gentofte.dk"]


def test_a_secretary_of_only_one_organizer_may_not_join_them(client, create, auth):
    senior = create(**day(20))
    green = create(organizers=["groent-raad"], **day(21))
    before = counts(client.application)
    body = {"event_ids": [senior["id"], green["id"]]}
    for staff in (SECRETARY, OTHER_SECRETARY):
        answer = client.post("/api/v1/joint-meetings", json=body, headers=auth(staff))
        assert answer.status_code == 403
    assert counts(client.application) == before
    assert (
        client.post("/api/v1/joint-meetings", json=body, headers=auth(COORDINATOR)).status_code
        == 201
    )


def test_a_series_an_unknown_or_a_single_meeting_is_refused_naming_the_field(client, create, auth):
    senior = create(**day(20))
    series = create(organizers=["handicapraadet"], rrule="FREQ=MONTHLY;COUNT=3", **day(22))
    before = counts(client.application)
    for ids, field in (
        ([senior["id"], series["id"]], "event_ids.1"),
        ([senior["id"], "no-such-meeting"], "event_ids.1"),
        ([senior["id"]], "event_ids"),
        ([senior["id"], senior["id"]], "event_ids"),
    ):
        answer = client.post(
            "/api/v1/joint-meetings", json={"event_ids": ids}, headers=auth(COORDINATOR)
        )
        assert answer.status_code == 422 and field in answer.json["errors"]["json"], answer.json
    assert counts(client.application) == before


def test_the_suggestions_button_makes_the_joint_meeting(client, calendar, create):
    senior, handicap = two_councils(create)
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], SECRETARY))
    index = client.get("/personale/").get_data(as_text=True)
    assert 'action="/personale/faellesmoeder"' in index and senior["id"] in index
    made = client.post(
        "/personale/faellesmoeder", data={"event_ids": [senior["id"], handicap["id"]]}
    )
    assert made.status_code == 303 and "faellesmoede=1" in made.headers["Location"]
    assert client.get(f"/api/v1/events/{senior['id']}").json["status"] == "cancelled"
    again = client.post(
        "/personale/faellesmoeder", data={"event_ids": [senior["id"], handicap["id"]]}
    )
    assert again.status_code == 422 and "Mødet er aflyst" in again.get_data(as_text=True)
