"""`notification.requested` over the real broker to a real SMTP server, on both databases."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from sammen.auth import StaffIdentity
from sammen.bus import Event
from sammen.bus.parked import list_parked
from sammen.contracts import decode
from sammen.notify import service
from sammen.notify.jobs import send_digests
from sammen.notify.sender import send_due
from sammen.notify.settings import notify_config
from sammen.testing import privacy_request, publish_event, running_worker, wait_for
from sammen.testing.events import envelope, notification_requested

from .conftest import messages, staff_headers

UNSUBSCRIBE = "https://hearing.test/afmeld/abc123"


def requested(reference: str = "hearing.receipt:r-1", **changes: Any) -> Event:
    """The hearing's request; `changes` may give any field as it travels (`to` as its data), so a
    test can send what the contract could not build: a request notify must refuse."""
    request = notification_requested(
        reference=reference,
        html="<p>Vi har modtaget dit svar til høringen om Ordrup Krat.</p>",
        category="hearing.update",
        unsubscribe_url=UNSUBSCRIBE,
    )
    sent = envelope(request)
    return dataclasses.replace(sent, data=sent.data | changes)


def test_a_requested_message_is_delivered_with_its_words_and_one_click_unsubscribe(
    amqp_url, notify_with_broker, smtp_server, tap
):
    app, worker = notify_with_broker
    sent = tap("notification.sent")
    with running_worker(worker):
        publish_event(amqp_url, requested())
        [mail] = wait_for(lambda: smtp_server.to("lis.berg@example.dk"), what="the mail")
        [event] = sent.wait_for("notification.sent")
    assert mail["Subject"] == "Tak for dit høringssvar"
    assert "Ordrup Krat" in mail.get_body(("plain",)).get_content()
    assert "<p>Vi har modtaget" in mail.get_body(("html",)).get_content()
    assert mail["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [message] = messages(app)
    assert (message.status, message.template, message.category) == (
        "delivered",
        "requested",
        "hearing.update",
    )
    assert event.data["reference"] == "hearing.receipt:r-1"
    admin = StaffIdentity(1, "admin@gentofte.dk", "Admin", ("admin",))
    listed = app.test_client().get(
        "/api/v1/notifications?template=requested", headers=staff_headers(app, admin)
    )
    assert listed.status_code == 200
    assert [(n["category"], n["reference"]) for n in listed.json] == [
        ("hearing.update", "hearing.receipt:r-1")
    ]


def test_without_an_unsubscribe_address_the_mail_is_essential(
    amqp_url, notify_with_broker, smtp_server
):
    _app, worker = notify_with_broker
    with running_worker(worker):
        publish_event(amqp_url, requested(unsubscribe_url=None, html=None))
        [mail] = wait_for(lambda: smtp_server.to("lis.berg@example.dk"), what="the mail")
    assert "List-Unsubscribe" not in mail and "List-Unsubscribe-Post" not in mail
    assert not mail.is_multipart()


def test_the_same_reference_twice_sends_one_mail(amqp_url, notify_with_broker, smtp_server):
    app, worker = notify_with_broker
    with running_worker(worker):
        # Two events (two ids) asking for the same message: the reference makes them one.
        publish_event(amqp_url, requested("hearing.receipt:r-2"))
        publish_event(amqp_url, requested("hearing.receipt:r-2"))
        publish_event(amqp_url, requested("later", to={"name": "Bo", "email": "bo@example.dk"}))
        wait_for(lambda: smtp_server.to("bo@example.dk"), what="the later mail")
        wait_for(lambda: all(m.status == "delivered" for m in messages(app)))
    assert len(smtp_server.to("lis.berg@example.dk")) == 1
    assert len(messages(app, event_id="hearing.receipt:r-2")) == 1


def test_a_request_that_cannot_be_a_safe_mail_is_parked_and_nothing_is_sent(
    amqp_url, notify_with_broker, smtp_server
):
    app, worker = notify_with_broker
    no_address = requested("bad-1", to={"name": "Lis Berg"})
    injected = requested("bad-2", subject="Tak\r\nBcc: everyone@example.dk")
    with running_worker(worker):
        publish_event(amqp_url, no_address)
        publish_event(amqp_url, injected)
        parked = wait_for(
            lambda: (
                (found := list_parked(amqp_url, "notify.requests")) and len(found) == 2 and found
            ),
            what="both requests parked",
        )
    reasons = {p.message_id: p.reason for p in parked}
    assert "to.email" in reasons[no_address.id] and "subject" in reasons[injected.id]
    assert messages(app) == [] and smtp_server.received == []


def test_erasure_removes_the_requested_messages(amqp_url, notify_with_broker, smtp_server, tap):
    app, worker = notify_with_broker
    reports = tap("person.data_reported")
    with running_worker(worker):
        publish_event(amqp_url, requested())
        wait_for(lambda: smtp_server.to("lis.berg@example.dk"), what="the mail")
        wait_for(lambda: all(m.status == "delivered" for m in messages(app)))
        publish_event(amqp_url, privacy_request("erasure", "r-9", "Lis.Berg@example.dk"))
        [report] = reports.wait_for("person.data_reported")
    [message] = messages(app)
    erased = (message.recipient, message.recipient_name, message.subject, message.body_text)
    assert erased == (None,) * 4
    assert message.body_html is None and message.bodies_deleted_at is not None
    assert report.data["summary"]["messages"] == 1


def _handle(app, event: Event) -> None:  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        service.create_requested_message(session, app.config["SAMMEN_SETTINGS"], decode(event))


def test_requested_mails_share_the_rate_limit_and_digest_of_notifys_own(make_notify, smtp_server):
    app = make_notify(NOTIFY_RATE_LIMIT_PER_HOUR="2")
    for n in range(3):
        _handle(app, requested(f"update-{n}", subject=f"Nyt om høringen ({n})"))
    _handle(app, requested("receipt", unsubscribe_url=None))  # essential: it waits its turn
    settings, database = app.config["SAMMEN_SETTINGS"], app.config["SAMMEN_DATABASE"]
    config = notify_config(settings)
    now = datetime.now(UTC)
    send_due(database, settings, config, now)
    assert len(smtp_server.to("lis.berg@example.dk")) == 2
    assert sorted(m.status for m in messages(app)) == ["created", "delivered", "delivered", "held"]
    # The next morning the held one goes out in the digest, with its subject.
    morning = (now + timedelta(days=1)).replace(hour=8, minute=0)
    assert send_digests(database, settings, config, morning) == 1
    send_due(database, settings, config, morning)
    [digest] = [m for m in smtp_server.to("lis.berg@example.dk") if "Dagens" in m["Subject"]]
    assert "Nyt om høringen (2)" in digest.get_body(("plain",)).get_content()


def test_a_person_unsubscribed_in_notify_gets_no_non_essential_requested_mail(notify):
    with notify.config["SAMMEN_DATABASE"].transaction() as session:
        preference = service.staff_preference(
            session, notify.config["SAMMEN_SETTINGS"], "lis.berg@example.dk"
        )
        preference_id = preference.id
    with notify.config["SAMMEN_DATABASE"].transaction() as session:
        assert service.unsubscribe(session, preference_id)
    _handle(notify, requested("update"))
    _handle(notify, requested("receipt", unsubscribe_url=None))
    statuses = {m.event_id: m.status for m in messages(notify)}
    assert statuses == {"update": "suppressed", "receipt": "created"}
