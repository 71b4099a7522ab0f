"""Events in, mail out: over the real broker to a real SMTP server started in the test."""

from __future__ import annotations

import re

from sammen.bus import Event
from sammen.intake import handlers as intake_handlers
from sammen.intake.app import create_app as create_intake_app
from sammen.notify.mailsink import list_mails
from sammen.testing import privacy_request, publish_event, running_worker, wait_for, wired_worker
from sammen.testing.ideas import INTAKE_AUTH, idea_body

from .conftest import (
    AGENT,
    SmtpServer,
    case_event,
    idea_submitted,
    messages,
    processed,
    sla_at_risk,
)

ANNA = "anna.jensen@example.dk"


def test_an_idea_posted_to_intake_puts_a_danish_receipt_in_the_mailbox(
    service_env, second_database_url, notify_with_broker, smtp_server, tap
):
    notify_app, notify_worker = notify_with_broker
    service_env("intake", second_database_url)
    intake = create_intake_app()
    sent = tap("notification.sent")
    body = idea_body()
    intake_worker = wired_worker(intake_handlers, intake)
    with running_worker(intake_worker), running_worker(notify_worker):
        response = intake.test_client().post("/api/v1/ideas", json=body, headers=INTAKE_AUTH)
        assert response.status_code == 201
        code = response.json["tracking_code"]
        [mail] = wait_for(lambda: smtp_server.to("anna.jensen@example.dk"), what="the receipt")
        [event] = sent.wait_for("notification.sent")

    # The Danish subject travels RFC 2047-encoded as UTF-8 and reads back unchanged.
    [subject_line] = re.findall(rb"^Subject: .*$", smtp_server.raw[0], re.MULTILINE)
    assert subject_line.isascii() and b"=?utf-8?" in subject_line.lower()
    assert mail["Subject"] == f"Tak for din idé – dit sagsnummer er {code}"
    text = mail.get_body(("plain",)).get_content()
    assert code in text and "5 arbejdsdage" in text and "senest" in text
    assert "List-Unsubscribe" not in mail  # a receipt is essential
    [message] = messages(notify_app)
    assert mail["Message-ID"] == f"<{message.id}@gentofte.dk>"
    assert (message.status, message.template, message.template_version) == (
        "delivered",
        "receipt",
        1,
    )
    assert event.data == {
        "notification_id": message.id,
        "template": "receipt",
        "reference": message.event_id,
        "status": "delivered",
    }
    # The status link in the mail leads to the idea's public page.
    [link] = re.findall(r"https?://\S+/status/\S+", text)
    assert link == response.json["status_url"]
    path = link.split("localhost:8001", 1)[1]
    assert intake.test_client().get(path).status_code == 200
    intake.config["SAMMEN_DATABASE"].dispose()


def test_a_redelivered_event_sends_nothing_twice(amqp_url, notify_with_broker, smtp_server):
    notify_app, worker = notify_with_broker
    event = idea_submitted()
    with running_worker(worker):
        publish_event(amqp_url, event)
        publish_event(amqp_url, event)
        second = idea_submitted(email="bo@example.dk")
        publish_event(amqp_url, second)  # a later event: once it is mailed, the repeat was handled
        wait_for(lambda: smtp_server.to("bo@example.dk"), what="the later mail")
        wait_for(lambda: all(m.status == "delivered" for m in messages(notify_app)))
    assert len(smtp_server.to("anna.jensen@example.dk")) == 1
    assert len(messages(notify_app, event_id=event.id)) == 1


def test_mail_server_down_is_retried_and_delivered_once_back(
    amqp_url, notify_with_broker, smtp_server
):
    notify_app, worker = notify_with_broker
    smtp_server.stop()
    with running_worker(worker):
        publish_event(amqp_url, idea_submitted())
        wait_for(
            lambda: [m for m in messages(notify_app) if m.status == "temporary-failure"],
            what="a temporary failure",
        )
        smtp_server.start()
        [message] = wait_for(
            lambda: [m for m in messages(notify_app) if m.status == "delivered"],
            what="delivery after the outage",
        )
    assert message.attempts >= 2
    assert message.failure_reason is None
    assert len(smtp_server.to("anna.jensen@example.dk")) == 1


def test_a_refused_recipient_is_a_permanent_failure_and_not_retried(
    amqp_url, notify_with_broker, smtp_server, tap
):
    notify_app, worker = notify_with_broker
    smtp_server.refused.add("gone@example.dk")
    failed = tap("notification.failed")
    refused = idea_submitted(email="gone@example.dk")
    with running_worker(worker):
        publish_event(amqp_url, refused)
        [event] = failed.wait_for("notification.failed")
        # Later mails go out while the refused one stays as it is.
        for n in range(3):
            publish_event(amqp_url, idea_submitted(email=f"ok{n}@example.dk"))
        wait_for(lambda: len(smtp_server.received) == 3, what="three later mails")
    [message] = messages(notify_app, event_id=refused.id)
    assert (message.status, message.attempts) == ("permanent-failure", 1)
    assert "gone@" not in (message.failure_reason or "")
    assert event.data["status"] == "permanent-failure"
    assert smtp_server.to("gone@example.dk") == []


def test_a_case_and_its_answer_reach_the_initiator_and_the_agent(
    amqp_url, notify_with_broker, smtp_server
):
    notify_app, worker = notify_with_broker
    idea = idea_submitted()
    with running_worker(worker):
        publish_event(amqp_url, idea)
        publish_event(
            amqp_url,
            case_event(
                "case.assigned",
                idea,
                status="assigned",
                reassigned=False,
                first_response_due="2026-12-04T23:00:00Z",
            ),
        )
        publish_event(
            amqp_url,
            case_event(
                "case.status_changed",
                idea,
                **{
                    "from": "assigned",
                    "to": "in_dialogue",
                    "message": "Jeg ringer på torsdag.",
                    "changed_at": "2026-12-01T10:00:00Z",
                },
            ),
        )
        publish_event(
            amqp_url,
            case_event(
                "case.status_changed",
                idea,
                **{
                    "from": "in_dialogue",
                    "to": "trial",
                    "message": None,
                    "changed_at": "2026-12-02T10:00:00Z",
                },
            ),
        )
        wait_for(lambda: len(smtp_server.to("anna.jensen@example.dk")) == 3, what="three mails")
        wait_for(lambda: smtp_server.to(AGENT.email), what="the agent's mail")
    code = idea.data["tracking_code"]
    subjects = [m["Subject"] for m in smtp_server.to("anna.jensen@example.dk")]
    assert f"Din sparringsagent er Mette Sparring ({code})" in subjects
    assert f"Nyt om din idé {code}: I dialog" in subjects
    answer = next(m for m in smtp_server.to("anna.jensen@example.dk") if "I dialog" in m["Subject"])
    assert "Jeg ringer på torsdag." in answer.get_body(("plain",)).get_content()
    assert "List-Unsubscribe" not in answer  # case answers are essential
    [agent_mail] = smtp_server.to(AGENT.email)
    assert agent_mail["Subject"] == f"Ny sag: Bytte-reol på biblioteket ({code})"
    assert agent_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(messages(notify_app)) == 4  # the change without a message mails nobody


def receipt_delivered(amqp_url: str, smtp_server: SmtpServer) -> Event:
    """Anna's idea, published and its receipt delivered: notify holds her contact and a mail."""
    idea = idea_submitted()
    publish_event(amqp_url, idea)
    wait_for(lambda: smtp_server.to(ANNA), what="the receipt")
    return idea


def test_erasure_forgets_the_person_and_reports_it(amqp_url, notify_with_broker, smtp_server, tap):
    notify_app, worker = notify_with_broker
    reports = tap("person.data_reported")
    with running_worker(worker):
        idea = receipt_delivered(amqp_url, smtp_server)
        erasure = privacy_request("erasure", "r-1", "Anna.Jensen@example.dk", requested_by=1)
        publish_event(amqp_url, erasure)
        [report] = reports.wait_for("person.data_reported")
        # A later answer finds no initiator to write to.
        later = case_event(
            "case.status_changed",
            idea,
            **{
                "from": "assigned",
                "to": "in_dialogue",
                "message": "Hej",
                "changed_at": "2026-12-01T10:00:00Z",
            },
        )
        publish_event(amqp_url, later)
        wait_for(lambda: processed(notify_app, "notify.ideas", later.id), what="the later event")
    assert report.data["service"] == "notify" and report.data["kind"] == "erasure"
    assert report.data["summary"]["contacts"] == 1
    [message] = messages(notify_app)
    assert message.template == "receipt"
    assert (message.recipient, message.body_text, message.subject) == (None, None, None)
    assert len(smtp_server.received) == 1


def test_erasure_drops_the_development_mail_sinks_mails_to_the_person(
    amqp_url, notify_with_broker, smtp_server, tap
):
    """Outside production the sink is notify's own mailbox: it forgets the person too, with the
    mails to others about their idea (notify erases those texts)."""
    _, worker = notify_with_broker
    reports = tap("person.data_reported")
    anna = idea_submitted()
    at_risk = sla_at_risk(anna)
    with running_worker(worker):
        publish_event(amqp_url, anna)
        publish_event(amqp_url, at_risk)
        publish_event(amqp_url, idea_submitted(email="bo@example.dk"))
        wait_for(lambda: len(list_mails(smtp_server.folder)) == 3, what="three mails kept")
        # Erased by tracking code alone: the address comes from the stored contact.
        code = anna.data["tracking_code"]
        publish_event(amqp_url, privacy_request("erasure", "r-3", None, tracking_codes=[code]))
        reports.wait_for("person.data_reported")
    assert [mail.to for mail in list_mails(smtp_server.folder)] == ["Anna Jensen <bo@example.dk>"]
    kept = b"".join(path.read_bytes() for path in smtp_server.folder.iterdir())
    assert ANNA.encode() not in kept


def test_an_access_request_exports_the_contact_and_the_mails(
    amqp_url, notify_with_broker, smtp_server, tap
):
    _, worker = notify_with_broker
    reports = tap("person.data_reported")
    with running_worker(worker):
        idea = receipt_delivered(amqp_url, smtp_server)
        access = privacy_request("access", "r-2", "Anna.Jensen@example.dk")
        publish_event(amqp_url, access)
        [report] = reports.wait_for("person.data_reported")
    assert (report.data["service"], report.data["kind"]) == ("notify", "access")
    # A receipt is essential: no preference is made for it.
    assert report.data["summary"] == {"contacts": 1, "messages": 1, "preferences": 0}
    [contact] = report.data["data"]["contacts"]
    assert contact["email"] == "anna.jensen@example.dk"
    [mail] = report.data["data"]["messages"]
    assert mail["template"] == "receipt" and mail["status"] == "delivered"
    assert idea.data["tracking_code"] in mail["subject"]


def test_the_new_owner_of_a_handed_over_case_gets_the_idea_and_its_history(
    amqp_url, notify_with_broker, smtp_server
):
    notify_app, worker = notify_with_broker
    idea = idea_submitted()
    owner = {"unit": "Gentofte Bibliotekerne", "name": "Ida Bog", "email": "ida.bog@gentofte.dk"}
    history = [
        {"at": "2026-12-01T09:00:00Z", "kind": "submitted", "from": None, "to": None, "text": None},
        {"at": "2026-12-01T10:00:00Z", "kind": "handed_over", "text": "Gentofte Bibliotekerne"},
    ]
    handed = case_event(
        "case.handed_over",
        idea,
        description="En reol hvor naboer bytter bøger.",
        message="Biblioteket tager over herfra.",
        responsible=owner,
        previous_responsible=None,
        initiator={"name": "Anna Jensen", "email": "anna.jensen@example.dk", "phone": None},
        history=history,
    )
    with running_worker(worker):
        publish_event(amqp_url, idea)
        publish_event(amqp_url, handed)
        [mail] = wait_for(lambda: smtp_server.to("ida.bog@gentofte.dk"), what="the owner's mail")
        wait_for(lambda: smtp_server.to("anna.jensen@example.dk"), what="the receipt")
    assert (
        mail["Subject"]
        == f"Du overtager idéen: Bytte-reol på biblioteket ({idea.data['tracking_code']})"
    )
    text = mail.get_body(("plain",)).get_content()
    assert "En reol hvor naboer bytter bøger." in text and "anna.jensen@example.dk" in text
    assert "Idéen kom ind" in text and "Biblioteket tager over herfra." in text
    # The initiator hears of the hand-over through case.status_changed, not through this event.
    assert len(smtp_server.to("anna.jensen@example.dk")) == 1  # the receipt only
    assert {m.template for m in messages(notify_app)} == {"receipt", "case_handed_over"}
