"""Closed meetings and Talk proposals through the real broker, and a proposer's access and
erasure requests answered."""

from sammen.calendar.models import TalkProposal
from sammen.testing import privacy_request, publish_event

from .conftest import coordinator_headers, event_body
from .meetings_support import day
from .test_calendar_talk_proposals import PROPOSAL


def test_a_closing_and_its_mails_go_out_on_the_bus(calendar_on_broker, worker, tap):
    events = tap("calendar.event_closed", "notification.requested")
    client = calendar_on_broker.test_client()
    created = client.post(
        "/api/v1/events",
        json=event_body(registration={"capacity": 5}, **day(10)),
        headers=coordinator_headers(calendar_on_broker),
    ).json
    client.post(
        f"/api/v1/events/{created['id']}/registrations",
        json={"name": "Karl Deltager", "email": "karl@example.dk"},
    )
    client.patch(
        f"/api/v1/events/{created['id']}",
        json=day(-2),
        headers=coordinator_headers(calendar_on_broker),
    )
    closed = client.post(
        f"/api/v1/events/{created['id']}/close",
        json={"summary": "Vi hørte om trafik.", "attendees": 20},
        headers=coordinator_headers(calendar_on_broker),
    )
    assert closed.status_code == 200, closed.json
    [event] = events.wait_for("calendar.event_closed")
    assert event.data["registrants"][0]["email"] == "karl@example.dk"
    [mail] = events.wait_for("notification.requested")
    assert (
        mail.data["to"]["email"] == "karl@example.dk" and "Vi hørte om trafik." in mail.data["text"]
    )


def test_a_proposers_data_is_exported_and_erased(calendar_on_broker, worker, tap, amqp_url):
    reports = tap("person.data_reported")
    client = calendar_on_broker.test_client()
    assert client.post("/api/v1/talk-proposals", json=PROPOSAL).status_code == 202
    publish_event(amqp_url, privacy_request("access", "req-a", "INGER@example.dk"))
    [access] = reports.wait_for("person.data_reported")
    assert access.data["summary"] == {"registrations": 0, "talk_proposals": 1}
    [exported] = access.data["data"]["talk_proposals"]
    assert (exported["email"], exported["name"]) == ("inger@example.dk", "Inger Ibsen")
    publish_event(amqp_url, privacy_request("erasure", "req-e", "inger@example.dk"))
    [_access, erasure] = reports.wait_for("person.data_reported", count=2)
    assert erasure.data["summary"] == {"registrations": 0, "talk_proposals": 1}
    with calendar_on_broker.config["SAMMEN_DATABASE"].transaction() as session:
        [proposal] = session.query(TalkProposal).all()
        assert (proposal.proposer_name, proposal.proposer_email) == (None, None)
        assert proposal.proposer_organisation == "Ældre Sagen Gentofte"
