"""The app, the jobs and the sender without the broker: API, pages, preferences, digest, retention."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from sammen.bus import Event
from sammen.contracts import decode
from sammen.notify import service
from sammen.notify.domain import Planned, Recipient
from sammen.notify.jobs import delete_old_bodies, send_digests
from sammen.notify.models import Message
from sammen.notify.settings import notify_config
from sammen.testing import queued_events
from sammen.testing.events import (
    envelope,
    event_cancelled,
    idea_joined,
    person,
    registrant,
)

from .conftest import (
    AGENT,
    COORDINATOR,
    MEETING,
    case_event,
    handle,
    idea_submitted,
    messages,
    register_for_the_meeting,
    send,
    sla_at_risk,
    staff_client,
    staff_headers,
)


def test_the_same_event_recipient_and_template_is_stored_once(notify):
    event = idea_submitted()
    handle(notify, event)
    with notify.config["SAMMEN_DATABASE"].transaction() as session:
        planned = Planned("receipt", Recipient("ANNA.jensen@example.dk", "Anna", "citizen"), {})
        settings = notify.config["SAMMEN_SETTINGS"]
        assert service.create_message(session, settings, decode(event), planned) is None
    with pytest.raises(IntegrityError), notify.config["SAMMEN_DATABASE"].transaction() as session:
        first = session.scalars(select(Message)).one()
        row = {column.name: getattr(first, column.name) for column in Message.__table__.columns}
        session.execute(insert(Message).values({**row, "id": "another-id"}))
    assert len(messages(notify)) == 1


def test_the_api_lists_messages_for_staff_with_filters_and_never_addresses(notify, smtp_server):
    handle(notify, idea_submitted())
    other = idea_submitted(email="bo@example.dk")
    handle(notify, other)
    smtp_server.refused.add("bo@example.dk")
    assert send(notify) == 2
    client = notify.test_client()
    assert client.get("/api/v1/notifications").status_code == 401
    headers = staff_headers(notify, COORDINATOR)  # every message (an agent: their cases')
    everything = client.get("/api/v1/notifications", headers=headers).json
    assert {m["status"] for m in everything} == {"delivered", "permanent-failure"}
    assert "example.dk" not in str(everything)
    failed = client.get("/api/v1/notifications?status=permanent-failure", headers=headers).json
    assert [m["reference"] for m in failed] == [other.id]
    by_reference = client.get(f"/api/v1/notifications?reference={other.id}", headers=headers).json
    assert [m["template"] for m in by_reference] == ["receipt"]
    by_template = client.get("/api/v1/notifications?template=digest", headers=headers).json
    assert by_template == []
    wrong = client.get("/api/v1/notifications?status=lost&template=nope", headers=headers)
    assert wrong.status_code == 422
    assert set(wrong.json["errors"]["query"]) == {"status", "template"}


def test_listing_messages_is_audited_with_ids_only(notify):
    def audit_records() -> list[Event]:
        return queued_events(notify.config["SAMMEN_DATABASE"], "audit.data_opened")

    client, headers = notify.test_client(), staff_headers(notify)
    assert client.get("/api/v1/notifications", headers=headers).json == []
    assert audit_records() == []  # nothing listed, nobody's data seen
    idea = idea_submitted()
    handle(notify, idea)
    with notify.config["SAMMEN_DATABASE"].transaction() as session:  # the agent's case
        service.remember_agent(session, decode(case_event("case.assigned", idea)))
    code = idea.data["tracking_code"]
    listed = client.get(f"/api/v1/notifications?tracking_code={code}", headers=headers).json
    assert [m["template"] for m in listed] == ["receipt"]
    [record] = audit_records()
    assert {k: v for k, v in record.data.items() if k != "at"} == {
        "service": "notify",
        "staff_id": AGENT.id,
        "action": "notifications_listed",
        "subject": code,
    }
    assert record.subject == code
    assert "@" not in record.to_json()  # neither the recipient's address nor the staff member's


def test_bodies_and_addresses_are_gone_after_the_retention_period(notify, smtp_server):
    handle(notify, idea_submitted())
    send(notify)
    config = notify_config(notify.config["SAMMEN_SETTINGS"])
    assert delete_old_bodies(notify.config["SAMMEN_DATABASE"], config) == 0
    later = datetime.now(UTC) + timedelta(days=31)
    assert delete_old_bodies(notify.config["SAMMEN_DATABASE"], config, later) == 1
    [message] = messages(notify)
    assert (message.subject, message.body_text, message.body_html, message.recipient) == (None,) * 4
    coordinator = staff_headers(notify, COORDINATOR)
    [listed] = notify.test_client().get("/api/v1/notifications", headers=coordinator).json
    assert listed["status"] == "delivered"
    assert listed["body_text"] is None and listed["subject"] is None


def test_one_click_unsubscribe_stops_non_essential_mail_only(notify, smtp_server):
    idea = idea_submitted()
    handle(notify, idea)
    handle(notify, sla_at_risk(idea))
    send(notify)
    [agent_mail] = smtp_server.to(AGENT.email)
    [receipt] = smtp_server.to("anna.jensen@example.dk")
    assert "List-Unsubscribe" not in receipt
    code = idea.data["tracking_code"]
    assert agent_mail["Subject"] == (
        f"Fristen nærmer sig: {code} skal have svar senest fredag den 4. december 2026"
    )
    header = agent_mail["List-Unsubscribe"]
    assert agent_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(http://notify\.test/afmeld/\S+)>", header).group(1)
    assert "@" not in url and "mette" not in url.lower()
    text = agent_mail.get_body(("plain",)).get_content()
    assert f"Afmeld disse beskeder: {url}" in text
    path = url.removeprefix("http://notify.test")
    client = notify.test_client()
    confirm = client.get(path)
    assert confirm.status_code == 200 and "Ja, afmeld" in confirm.text
    assert client.post(path + "x", data={"List-Unsubscribe": "One-Click"}).status_code == 404
    one_click = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    handle(notify, sla_at_risk(idea))
    handle(notify, idea_submitted(email=AGENT.email))  # a receipt is essential: still sent
    assert [m.status for m in messages(notify, template="case_sla_at_risk")] == [
        "delivered",
        "suppressed",
    ]
    receipts = messages(notify, template="receipt")
    assert [m.status for m in receipts if m.recipient == AGENT.email] == ["created"]


def test_staff_who_chose_the_digest_get_one_mail_a_day(notify, smtp_server):
    client = staff_client(notify)
    page = client.get("/indstillinger")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert client.post("/indstillinger", data={"delivery": "digest"}).status_code == 400  # no CSRF
    saved = client.post("/indstillinger", data={"delivery": "digest", "csrf_token": token})
    assert saved.status_code == 303
    handle(notify, sla_at_risk())
    handle(notify, sla_at_risk())
    assert {m.status for m in messages(notify)} == {"held"}
    database, settings = notify.config["SAMMEN_DATABASE"], notify.config["SAMMEN_SETTINGS"]
    config = notify_config(settings)
    early = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)  # 06:00 in Copenhagen, before the digest hour
    assert send_digests(database, settings, config, early) == 0
    morning = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
    assert send_digests(database, settings, config, morning) == 1
    assert send_digests(database, settings, config, morning + timedelta(hours=1)) == 0
    send(notify, morning)
    [digest] = smtp_server.to(AGENT.email)
    assert digest["Subject"] == "Dagens beskeder fra Vi skaber sammen (2)"
    assert digest.get_body(("plain",)).get_content().count("Fristen nærmer sig") >= 2
    statuses = sorted(m.status for m in messages(notify))
    assert statuses == ["delivered", "digested", "digested"]


def test_too_many_mails_in_an_hour_are_held_for_the_digest(make_notify, smtp_server):
    app = make_notify(NOTIFY_RATE_LIMIT_PER_HOUR="2")
    for _ in range(3):
        handle(app, sla_at_risk())
    handle(app, idea_submitted(email=AGENT.email))  # essential: it waits, it is not digested
    now = datetime.now(UTC)
    send(app, now)
    assert len(smtp_server.to(AGENT.email)) == 2
    statuses = sorted((m.template, m.status) for m in messages(app))
    assert statuses == [
        ("case_sla_at_risk", "delivered"),
        ("case_sla_at_risk", "delivered"),
        ("case_sla_at_risk", "held"),
        ("receipt", "created"),
    ]
    [receipt] = messages(app, template="receipt")
    assert receipt.next_attempt_at > now + timedelta(minutes=59)


def test_a_send_interrupted_before_commit_is_resent_with_the_same_message_id(notify, smtp_server):
    handle(notify, idea_submitted())
    with notify.config["SAMMEN_DATABASE"].transaction() as session:
        message = session.scalars(select(Message)).one()
        # As if the process died after claiming (and maybe sending) it.
        message.status, message.attempts = "sending", 1
        message.status_changed_at = datetime.now(UTC) - timedelta(hours=1)
        message_id = message.id
    send(notify)
    [mail] = smtp_server.to("anna.jensen@example.dk")
    assert mail["Message-ID"] == f"<{message_id}@gentofte.dk>"
    [message] = messages(notify)
    assert (message.status, message.attempts) == ("delivered", 2)


def test_the_template_preview_is_for_staff_only(notify):
    anonymous = notify.test_client().get("/skabeloner")
    assert anonymous.status_code == 302 and "/login?next=" in anonymous.headers["Location"]
    client = staff_client(notify)
    page = client.get("/skabeloner")
    assert page.status_code == 200
    assert "Kvittering til initiativtageren" in page.text and "Daglig samlet besked" in page.text
    one = client.get("/skabeloner/receipt")
    assert one.status_code == 200 and "ACDE-FHJK" in one.text
    html = client.get("/skabeloner/receipt/html")
    assert "frame-ancestors 'self'" in html.headers["Content-Security-Policy"]
    assert "<script" not in html.text and "Følg din idé" in html.text
    assert client.get("/skabeloner/nope").status_code == 404


def test_the_development_mailbox_lists_kept_mail(notify, smtp_server):
    handle(notify, idea_submitted())
    send(notify)
    client = notify.test_client()
    page = client.get("/dev/mail")
    assert page.status_code == 200 and "Tak for din idé" in page.text
    name = re.search(r'href="/dev/mail/([^"]+\.eml)"', page.text).group(1)
    one = client.get(f"/dev/mail/{name}")
    assert one.status_code == 200 and "dit sagsnummer er" in one.text
    assert client.get(f"/dev/mail/{name}/html").status_code == 200
    assert client.get("/dev/mail/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_no_address_reaches_the_logs_or_the_metrics(notify, smtp_server, caplog):
    caplog.set_level("INFO")
    handle(notify, idea_submitted(email="secret.person@example.dk"))
    send(notify)
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("sammen")]
    assert ours and not [line for line in ours if "secret.person" in line]
    metrics_text = notify.test_client().get("/metrics").text
    assert 'sammen_notifications_total{status="delivered",template="receipt"}' in metrics_text
    assert "sammen_notification_delivery_seconds_bucket" in metrics_text
    assert "secret.person" not in metrics_text


def test_meeting_registrants_and_idea_helpers_get_their_mails(notify, smtp_server):
    meeting = event_cancelled(
        **MEETING,
        url="http://localhost:8004/events/e1",
        reason="Vandskade",
        registrants=[
            registrant(
                registration_id="r1", name="Bo", email="bo@example.dk", cancel_url="http://c/1"
            ),
            registrant(
                registration_id="r2", name="Li", email="li@example.dk", cancel_url="http://c/2"
            ),
        ],
    )
    handle(notify, envelope(meeting))
    register_for_the_meeting(notify, "Eva", "eva@example.dk", status="waitlisted")
    idea = idea_submitted()
    handle(notify, idea)
    joined = idea_joined(
        join_id="j1",
        case_id="c1",
        idea_id=idea.data["idea_id"],
        tracking_code=idea.data["tracking_code"],
        title=idea.data["title"],
        idea_url="http://localhost:8011/ideer/1",
        offer="help",
        message="Jeg har en trailer.",
        helper=person(name="Lars", email="lars@example.dk"),
        agent=person(name=AGENT.name, email=AGENT.email),
    )
    handle(notify, envelope(joined))
    send(notify)
    [cancelled] = smtp_server.to("li@example.dk")
    assert cancelled["Subject"] == "Aflyst: Temamøde om stier"
    assert "torsdag den 10. december 2026 kl. 18.00" in cancelled.get_body(("plain",)).get_content()
    assert (
        smtp_server.to("eva@example.dk")[0]["Subject"] == "Du er på venteliste: Temamøde om stier"
    )
    initiator_subjects = sorted(m["Subject"] for m in smtp_server.to("anna.jensen@example.dk"))
    assert initiator_subjects[0].startswith("Nogen vil være med i din idé")
    [agent_mail] = smtp_server.to(AGENT.email)
    assert "lars@example.dk" in agent_mail.get_body(("plain",)).get_content()
    assert smtp_server.to("lars@example.dk") == []


def test_the_api_is_in_the_openapi_document(notify):
    document = notify.test_client().get("/openapi.json").json
    assert "/api/v1/notifications" in document["paths"]


def test_retries_are_bounded_then_a_technical_failure(make_notify, smtp_server):
    app = make_notify(NOTIFY_MAX_ATTEMPTS="2", NOTIFY_RETRY_BASE_SECONDS="60")
    smtp_server.stop()
    handle(app, idea_submitted())
    handle(app, idea_submitted(email="bo@example.dk"))
    now = datetime.now(UTC)
    assert send(app, now) == 2  # the second waits with the first, without its own timeout
    first_round = messages(app)
    assert [m.status for m in first_round] == ["temporary-failure"] * 2
    assert all(m.next_attempt_at >= now + timedelta(seconds=59) for m in first_round)
    assert send(app, now + timedelta(seconds=30)) == 0  # not due yet
    send(app, now + timedelta(seconds=61))
    assert [(m.status, m.attempts, m.next_attempt_at) for m in messages(app)] == [
        ("technical-failure", 2, None)
    ] * 2
    smtp_server.start()
    assert send(app, now + timedelta(days=1)) == 0
    assert smtp_server.received == []


def test_an_address_no_mail_can_carry_fails_alone(notify, smtp_server):
    handle(notify, idea_submitted(email="broken@exa\nmple.dk"))
    handle(notify, idea_submitted())
    send(notify)
    statuses = {m.recipient: (m.status, m.failure_reason) for m in messages(notify)}
    assert statuses["broken@exa\nmple.dk"][0] == "technical-failure"
    assert statuses["anna.jensen@example.dk"] == ("delivered", None)
