"""Events out through the real broker, and erasure requests in."""

from sammen.calendar import access
from sammen.testing import privacy_request, publish_event, wait_for
from sammen.testing.events import envelope, secretary_organizers_assigned

from .conftest import coordinator_headers, event_body

FUTURE = {"starts_at": "2027-03-02T18:00", "ends_at": "2027-03-02T20:00"}


def event_with_registrants(client, app, capacity, emails):
    """A future event with `capacity` places, and a registration from each of `emails` in turn."""
    created = client.post(
        "/api/v1/events",
        json=event_body(registration={"capacity": capacity}, **FUTURE),
        headers=coordinator_headers(app),
    ).json
    for email in emails:
        client.post(
            f"/api/v1/events/{created['id']}/registrations", json={"name": "Navn", "email": email}
        )
    return created


def test_published_changed_cancelled_and_registrations_go_out(calendar_on_broker, worker, tap):
    events = tap("calendar.#")
    client = calendar_on_broker.test_client()
    created = client.post(
        "/api/v1/events",
        json=event_body(registration={"capacity": 1}, **FUTURE),
        headers=coordinator_headers(calendar_on_broker),
    ).json
    [published] = events.wait_for("calendar.event_published")
    assert published.subject == created["id"] and published.source == "/sammen/calendar"
    assert published.data == {
        "event_id": created["id"],
        "title": "Seniorrådets møde",
        "starts_at": "2027-03-02T17:00:00Z",
        "ends_at": "2027-03-02T19:00:00Z",
        "location": "Gentofte Rådhus, mødelokale 3",
        "organizers": ["seniorraadet"],
        "kind": "council_meeting",
        "topics": ["aeldre-og-seniorliv"],
        "public": True,
        "url": created["url"],
    }
    for n in range(2):
        client.post(
            f"/api/v1/events/{created['id']}/registrations",
            json={"name": f"Borger {n}", "email": f"borger{n}@example.dk"},
        )
    registrations = events.wait_for("calendar.registration_created", count=2)
    assert [r.data["status"] for r in registrations] == ["confirmed", "waitlisted"]
    client.patch(
        f"/api/v1/events/{created['id']}",
        json={"starts_at": "2027-03-02T17:00"},
        headers=coordinator_headers(calendar_on_broker),
    )
    [changed] = events.wait_for("calendar.event_changed")
    assert changed.data["sequence"] == 1 and changed.data["changes"] == ["starts_at"]
    assert len(changed.data["registrants"]) == 2
    client.post(
        f"/api/v1/events/{created['id']}/cancel",
        json={"reason": "Sygdom"},
        headers=coordinator_headers(calendar_on_broker),
    )
    [cancelled] = events.wait_for("calendar.event_cancelled")
    assert cancelled.data["reason"] == "Sygdom" and len(cancelled.data["registrants"]) == 2


def test_erasure_removes_the_registrant_and_gives_the_place_on(
    calendar_on_broker, worker, tap, amqp_url
):
    events = tap("calendar.registration_promoted", "person.data_reported")
    client = calendar_on_broker.test_client()
    created = event_with_registrants(
        client, calendar_on_broker, 1, ("slet.mig@example.dk", "venter@example.dk")
    )
    request = privacy_request("erasure", "req-1", "Slet.Mig@example.dk", requested_by=1)
    publish_event(amqp_url, request)
    publish_event(amqp_url, request)  # redelivered: no second effect
    [promoted] = events.wait_for("calendar.registration_promoted")
    assert promoted.data["registrant"]["email"] == "venter@example.dk"
    [report] = events.wait_for("person.data_reported")
    assert report.data == {
        "request_id": "req-1",
        "service": "calendar",
        "kind": "erasure",
        "summary": {"registrations": 1, "talk_proposals": 0},
    }

    def registrants():
        return client.get(
            f"/api/v1/events/{created['id']}/registrations",
            headers=coordinator_headers(calendar_on_broker),
        ).json

    wait_for(lambda: len(registrants()) == 1, what="the erased registration gone from the list")
    assert [r["email"] for r in registrants()] == ["venter@example.dk"]
    assert len(events.of_type("person.data_reported")) == 1


def test_an_access_request_is_answered_with_the_persons_registrations(
    calendar_on_broker, worker, tap, amqp_url
):
    reports = tap("person.data_reported")
    client = calendar_on_broker.test_client()
    created = event_with_registrants(
        client, calendar_on_broker, 10, ("indsigt@example.dk", "anden@example.dk")
    )
    publish_event(
        amqp_url,
        privacy_request("access", "req-2", "Indsigt@example.dk"),
    )
    [report] = reports.wait_for("person.data_reported")
    summary = {"registrations": 1, "talk_proposals": 0}
    assert (report.data["kind"], report.data["summary"]) == ("access", summary)
    [registration] = report.data["data"]["registrations"]
    assert (registration["event_id"], registration["email"]) == (
        created["id"],
        "indsigt@example.dk",
    )
    assert registration["event"] == created["title"]


def test_the_municipalitys_login_sets_the_organizers_a_secretary_writes_for(
    calendar_on_broker, worker, amqp_url
):
    database = calendar_on_broker.config["SAMMEN_DATABASE"]
    with database.transaction() as session:
        access.set_secretary(session, "rikke.raad@gentofte.dk", ["handicapraadet"])
    assigned = envelope(
        secretary_organizers_assigned(
            staff_id=7,
            email="Rikke.Raad@gentofte.dk",
            organizers=["seniorraadet", "groent-raad", "no-such-council"],
            assigned_at="2026-12-02T09:00:00+00:00",
        )
    )
    publish_event(amqp_url, assigned)
    publish_event(amqp_url, assigned)  # redelivered: the same set

    def organizers() -> set[str]:
        with database.transaction() as session:
            return access.secretary_organizers(session, "rikke.raad@gentofte.dk")

    wait_for(lambda: organizers() == {"seniorraadet", "groent-raad"}, what="the new organizers")
