"""Sign-ups: confirmed up to capacity, then the waiting list, never overbooked under concurrency."""

import threading
from concurrent.futures import ThreadPoolExecutor

from sammen.testing import queued_events

FUTURE = {"starts_at": "2027-03-02T18:00", "ends_at": "2027-03-02T20:00"}


def outbox(calendar, routing_key):
    return queued_events(calendar.config["SAMMEN_DATABASE"], routing_key)


def sign_up(client, event_id, n):
    return client.post(
        f"/api/v1/events/{event_id}/registrations",
        json={"name": f"Borger {n}", "email": f"borger{n}@example.dk"},
    )


def test_concurrent_sign_ups_never_overbook(calendar, create):
    event = create(registration={"capacity": 5}, **FUTURE)
    barrier = threading.Barrier(12)

    def one(n):
        client = calendar.test_client()
        barrier.wait()
        return sign_up(client, event["id"], n)

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(one, range(12)))
    assert all(a.status_code == 201 for a in answers), [a.json for a in answers]
    statuses = [a.json["status"] for a in answers]
    assert statuses.count("confirmed") == 5 and statuses.count("waitlisted") == 7
    shown = calendar.test_client().get(f"/api/v1/events/{event['id']}").json["registration"]
    assert shown == {"capacity": 5, "deadline": None, "confirmed": 5, "waitlisted": 7}
    created = outbox(calendar, "calendar.registration_created")
    assert len(created) == 12 and {e.data["status"] for e in created} == {"confirmed", "waitlisted"}


def test_cancelling_moves_the_first_waiting_person_up(calendar, client, create, auth):
    event = create(registration={"capacity": 2}, **FUTURE)
    answers = [sign_up(client, event["id"], n).json for n in range(4)]
    assert [a["status"] for a in answers] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    token = answers[0]["cancel_url"].rsplit("/", 1)[1]
    cancelled = client.post(f"/api/v1/registrations/{token}/cancel")
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    [promoted] = outbox(calendar, "calendar.registration_promoted")
    assert (
        promoted.data["registration_id"] == answers[2]["id"]
        and promoted.data["status"] == "confirmed"
    )
    assert promoted.data["registrant"] == {"name": "Borger 2", "email": "borger2@example.dk"}
    again = client.post(f"/api/v1/registrations/{token}/cancel")
    assert again.status_code == 200 and len(outbox(calendar, "calendar.registration_promoted")) == 1
    assert client.post("/api/v1/registrations/forfalsket/cancel").status_code == 404
    registrants = client.get(
        f"/api/v1/events/{event['id']}/registrations", headers=auth_headers(auth)
    ).json
    assert [r["status"] for r in registrants] == [
        "cancelled",
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def auth_headers(auth):
    from .conftest import SECRETARY

    return auth(SECRETARY)


def test_more_places_move_people_up_and_changes_reach_the_registrants(
    calendar, client, create, auth
):
    event = create(registration={"capacity": 1}, **FUTURE)
    for n in range(3):
        sign_up(client, event["id"], n)
    client.patch(
        f"/api/v1/events/{event['id']}",
        json={"registration": {"capacity": 2}, "location": "Store sal"},
        headers=auth_headers(auth),
    )
    assert len(outbox(calendar, "calendar.registration_promoted")) == 1
    [changed] = outbox(calendar, "calendar.event_changed")
    assert changed.data["changes"] == ["location", "registration"]
    assert [r["email"] for r in changed.data["registrants"]] == [
        f"borger{n}@example.dk" for n in range(3)
    ]
    assert all(
        r["cancel_url"].startswith("http://localhost:8004/tilmeldinger/")
        for r in changed.data["registrants"]
    )
    client.post(
        f"/api/v1/events/{event['id']}/cancel",
        json={"reason": "Sygdom"},
        headers=auth_headers(auth),
    )
    [cancelled] = outbox(calendar, "calendar.event_cancelled")
    assert cancelled.data["reason"] == "Sygdom" and len(cancelled.data["registrants"]) == 3
    closed = sign_up(client, event["id"], 9)
    assert closed.status_code == 409


def test_the_deadline_and_events_without_registration(client, create):
    closed = create(registration={"capacity": 10, "deadline": "2026-01-01T12:00"}, **FUTURE)
    refused = sign_up(client, closed["id"], 1)
    assert refused.status_code == 409 and "frist" in refused.json["message"]
    plain = create(**FUTURE)
    assert sign_up(client, plain["id"], 1).status_code == 409
    bad = client.post(
        f"/api/v1/events/{plain['id']}/registrations", json={"name": "", "email": "nej"}
    )
    assert bad.status_code == 422 and set(bad.json["errors"]["json"]) == {"name", "email"}
    assert sign_up(client, "ukendt", 1).status_code == 404


def test_the_page_form_signs_up_and_the_link_cancels(client, create):
    event = create(registration={"capacity": 1}, **FUTURE)
    page = client.get(f"/arrangementer/{event['id']}").get_data(as_text=True)
    assert 'id="tilmelding"' in page and "1 ledige pladser" in page
    invalid = client.post(
        f"/arrangementer/{event['id']}/tilmelding", data={"name": "", "email": "x"}
    )
    assert invalid.status_code == 422 and 'href="#felt-email"' in invalid.get_data(as_text=True)
    done = client.post(
        f"/arrangementer/{event['id']}/tilmelding", data={"name": "Ida", "email": "ida@example.dk"}
    )
    assert done.status_code == 303
    receipt = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Du er tilmeldt" in receipt
    waiting = client.post(
        f"/arrangementer/{event['id']}/tilmelding", data={"name": "Bo", "email": "bo@example.dk"}
    )
    assert "venteliste" in client.get(waiting.headers["Location"]).get_data(as_text=True)
    cancelled = client.post(done.headers["Location"].split("?")[0]).get_data(as_text=True)
    assert "annulleret" in cancelled
    assert "Du er tilmeldt" in client.get(waiting.headers["Location"].split("?")[0]).get_data(
        as_text=True
    )


def test_staff_listing_registrants_is_audited_without_their_addresses(
    calendar, client, create, auth
):
    from sammen.auth import STAFF_COOKIE, issue_token

    from .conftest import COORDINATOR, SECRETARY

    event = create(registration={"capacity": 3}, **FUTURE)
    empty = create(registration={"capacity": 3}, **FUTURE)
    sign_up(client, event["id"], 1)
    listed = client.get(f"/api/v1/events/{event['id']}/registrations", headers=auth(SECRETARY))
    assert [r["email"] for r in listed.json] == ["borger1@example.dk"]
    [record] = outbox(calendar, "audit.data_opened")
    assert record.subject == event["id"]
    assert {k: v for k, v in record.data.items() if k != "at"} == {
        "service": "calendar",
        "staff_id": SECRETARY.id,
        "action": "registrations_listed",
        "subject": event["id"],
    }
    assert "@" not in record.to_json()  # neither the registrant's address nor the staff member's
    # An empty list shows nobody's data.
    assert (
        client.get(f"/api/v1/events/{empty['id']}/registrations", headers=auth(SECRETARY)).json
        == []
    )
    assert len(outbox(calendar, "audit.data_opened")) == 1
    # The staff form lists them too.
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], COORDINATOR))
    page = client.get(f"/personale/arrangementer/{event['id']}")
    assert page.status_code == 200 and "borger1@example.dk" in page.get_data(as_text=True)
    [_, from_page] = outbox(calendar, "audit.data_opened")
    assert (from_page.subject, from_page.data["staff_id"]) == (event["id"], COORDINATOR.id)
    assert "@" not in from_page.to_json()
