"""Closing a meeting that was held: "Det hørte vi" on the event page, `calendar.event_closed`
with the registrants, and a mail to each who had a place; refused before the meeting ends."""

from sammen.auth import STAFF_COOKIE, issue_token

from .conftest import COORDINATOR, OTHER_SECRETARY, SECRETARY
from .meetings_support import counts, day, held_meeting, mails, outbox

CLOSING = {
    "summary": "Mange ønsker flere bænke langs Strandvejen.\n\nDer var ros til de nye stier.",
    "attendees": 34,
    "organisations": ["Ældre Sagen Gentofte", "DH Gentofte"],
    "follow_up": [
        {"kind": "topic", "text": "Bænke langs Strandvejen"},
        {
            "kind": "recommendation",
            "text": "Anbefaling om tilgængelige stier",
            "url": "http://localhost:8013/anbefalinger/1",
        },
    ],
}


def test_a_held_meeting_is_closed_shown_and_its_registrants_told(client, create, auth):
    event, signups = held_meeting(client, create, auth, SECRETARY, people=3, capacity=2)
    answer = client.post(
        f"/api/v1/events/{event['id']}/close", json=CLOSING, headers=auth(SECRETARY)
    )
    assert answer.status_code == 200, answer.json
    assert answer.json["summary"] == CLOSING["summary"] and answer.json["told"] == 2
    assert answer.json["follow_up"][1]["url"] == "http://localhost:8013/anbefalinger/1"
    [closed] = outbox(client.application, "calendar.event_closed")
    assert closed.subject == event["id"] and closed.data["attendees"] == 34
    assert closed.data["organisations"] == CLOSING["organisations"]
    seated = {s["id"] for s in signups if s["status"] == "confirmed"}
    assert {r["registration_id"] for r in closed.data["registrants"]} == seated
    sent = mails(client.application, "calendar.event_closed")
    assert sorted(m["to"]["email"] for m in sent) == ["borger0@example.dk", "borger1@example.dk"]
    assert all("Det hørte vi: Seniorrådets møde" in m["subject"] for m in sent)
    assert "What we heard" in sent[0]["subject"] and "Bænke langs Strandvejen" in sent[0]["text"]
    page = client.get(f"/arrangementer/{event['id']}").get_data(as_text=True)
    assert 'id="det-hoerte-vi"' in page and "Mange ønsker flere bænke" in page
    assert "DH Gentofte" in page and 'href="http://localhost:8013/anbefalinger/1"' in page
    assert event["id"] in client.get("/calendar.ics").get_data(as_text=True)  # still in the feed


def test_closing_again_corrects_it_and_mails_nobody_twice(client, create, auth):
    event, _signups = held_meeting(client, create, auth, SECRETARY, people=1)
    url = f"/api/v1/events/{event['id']}/close"
    client.post(url, json=CLOSING, headers=auth(SECRETARY))
    corrected = client.post(url, json=CLOSING | {"attendees": 35}, headers=auth(COORDINATOR))
    assert corrected.status_code == 200 and corrected.json["attendees"] == 35
    references = [m["reference"] for m in mails(client.application, "calendar.event_closed")]
    assert len(references) == 2 and len(set(references)) == 1  # notify sends one reference once


def test_closing_before_the_end_is_refused_and_keeps_nothing(client, create, auth):
    event = create(**day(3))
    before = counts(client.application)
    answer = client.post(
        f"/api/v1/events/{event['id']}/close", json=CLOSING, headers=auth(SECRETARY)
    )
    assert answer.status_code == 409
    assert answer.json["message"].startswith("Mødet er ikke slut endnu. Det kan afsluttes fra")
    assert counts(client.application) == before


def test_a_close_without_summary_is_a_422_naming_it_and_keeps_nothing(client, create, auth):
    event = create(**day(-3))
    before = counts(client.application)
    for body, field in (
        ({"attendees": 3}, "summary"),
        (CLOSING | {"attendees": -1}, "attendees"),
        (CLOSING | {"follow_up": [{"kind": "topic", "text": "x", "url": "javascript:x"}]}, "url"),
    ):
        answer = client.post(
            f"/api/v1/events/{event['id']}/close", json=body, headers=auth(SECRETARY)
        )
        assert answer.status_code == 422 and field in str(answer.json["errors"]), answer.json
    assert counts(client.application) == before


def test_only_staff_of_its_organizers_close_a_meeting(client, create, auth):
    event = create(**day(-3))
    before = counts(client.application)
    url = f"/api/v1/events/{event['id']}/close"
    assert client.post(url, json=CLOSING, headers=auth(OTHER_SECRETARY)).status_code == 403
    assert client.post(url, json=CLOSING).status_code == 401
    assert counts(client.application) == before


def test_the_staff_form_closes_the_meeting(client, calendar, create, auth):
    event, _signups = held_meeting(client, create, auth, SECRETARY, people=1)
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], SECRETARY))
    form = client.get(f"/personale/arrangementer/{event['id']}/afslut").get_data(as_text=True)
    assert 'id="afslut-form"' in form and 'name="follow_up_0_kind"' in form
    path = f"/personale/arrangementer/{event['id']}/afslut"
    empty = client.post(path, data={"summary": "", "attendees": "12"})
    assert empty.status_code == 422 and "Skriv hvad I hørte på mødet" in empty.get_data(
        as_text=True
    )
    done = client.post(
        path,
        data={
            "summary": "Vi hørte om cykelstier.",
            "attendees": "12",
            "organisations": "Cyklistforbundet\nGrønt Råd",
            "follow_up_0_kind": "task_committee",
            "follow_up_0_text": "Opgaveudvalg om cykling",
        },
    )
    assert done.status_code == 303 and "afsluttet=1" in done.headers["Location"]
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Vi hørte om cykelstier." in page and "Opgaveudvalg om cykling" in page
    assert "Cyklistforbundet, Grønt Råd" in page


def test_the_form_says_why_a_coming_meeting_cannot_be_closed(client, calendar, create):
    event = create(**day(5))
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], SECRETARY))
    before = counts(calendar)
    answer = client.post(
        f"/personale/arrangementer/{event['id']}/afslut", data={"summary": "For tidligt"}
    )
    assert answer.status_code == 409 and "Mødet er ikke slut endnu" in answer.get_data(as_text=True)
    assert counts(calendar) == before
