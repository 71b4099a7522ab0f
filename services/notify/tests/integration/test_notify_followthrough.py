"""Follow-through mails: the initiator's private write-back link in every mail to them (and only
theirs), the agent told of a reply, a linked colleague asked in — through a real SMTP server."""

from __future__ import annotations

from sammen.contracts import StaffContact
from sammen.testing import publish_event, running_worker, wait_for
from sammen.testing.events import case_linked, colleague_link, envelope

from .conftest import AGENT, case_event, handle, idea_submitted, processed, send, take_into_dialogue

REPLY_URL = "http://localhost:8001/svar/hemmelig-token-1234567890"
REPLY = "Biblioteket har sagt ja til at låne os et hjørne i foyeren."


def bodies(mail):  # type: ignore[no-untyped-def]
    return mail.get_body(("plain",)).get_content() + mail.get_body(("html",)).get_content()


def test_every_mail_to_the_initiator_carries_their_write_back_link_and_no_other_does(
    notify, smtp_server
):
    idea = idea_submitted(reply_url=REPLY_URL)
    handle(notify, idea)
    take_into_dialogue(notify, idea)
    assert send(notify) == 4
    to_initiator = smtp_server.to("anna.jensen@example.dk")
    assert len(to_initiator) == 3
    for mail in to_initiator:
        assert REPLY_URL in mail.get_body(("plain",)).get_content()
        assert f'href="{REPLY_URL}"' in mail.get_body(("html",)).get_content()
        assert "Skriv til din sparringsagent" in bodies(mail)
    [to_agent] = smtp_server.to(AGENT.email)
    assert REPLY_URL not in bodies(to_agent)


def test_an_initiator_without_a_link_gets_mails_without_one(notify, smtp_server):
    handle(notify, idea_submitted(reply_url=None))  # an idea sent before there were links
    assert send(notify) == 1
    [receipt] = smtp_server.to("anna.jensen@example.dk")
    assert "/svar/" not in bodies(receipt)
    assert "Skriv til din sparringsagent" not in bodies(receipt)


def test_the_agent_is_told_when_the_initiator_writes_back(notify, smtp_server):
    idea = idea_submitted(reply_url=REPLY_URL)
    handle(notify, idea)
    reply = case_event(
        "case.initiator_replied", idea, text=REPLY, replied_at="2026-12-02T08:30:00Z"
    )
    handle(notify, reply)
    handle(notify, reply)  # twice: one mail
    assert send(notify) == 2
    [mail] = smtp_server.to(AGENT.email)
    code = idea.data["tracking_code"]
    assert mail["Subject"] == f"Initiativtageren har skrevet: Bytte-reol på biblioteket ({code})"
    text = mail.get_body(("plain",)).get_content()
    assert REPLY in text and f"http://localhost:8002/sager/{reply.data['case_id']}" in text
    assert REPLY_URL not in bodies(mail)


def linked(kind, email=None):  # type: ignore[no-untyped-def]
    event = case_linked(
        case_id="c-1",
        tracking_code="ACDE-FHJK",
        case_url="http://localhost:8002/sager/c-1",
        linked_by=StaffContact(id=AGENT.id, name=AGENT.name, email=AGENT.email),
        link=colleague_link(kind=kind, email=email),
    )
    return envelope(event)


def test_a_linked_colleague_is_asked_in_through_the_case_links_queue(
    notify_with_broker, smtp_server, amqp_url
):
    app, worker = notify_with_broker
    colleague = linked("colleague", "bo.kristensen@gentofte.dk")
    council = linked("council")
    with running_worker(worker):
        publish_event(amqp_url, council)
        publish_event(amqp_url, colleague)
        wait_for(
            lambda: (
                processed(app, "notify.case-links", colleague.id)
                and processed(app, "notify.case-links", council.id)
            ),
            what="both links handled",
        )
        wait_for(lambda: smtp_server.to("bo.kristensen@gentofte.dk"), what="the colleague's mail")
    [mail] = smtp_server.to("bo.kristensen@gentofte.dk")
    assert mail["Subject"] == (
        f"{AGENT.name} beder dig se på en idé: Bytte-reol på biblioteket (ACDE-FHJK)"
    )
    text = mail.get_body(("plain",)).get_content()
    assert "Kære Bo Kristensen" in text and AGENT.email in text
    assert "http://localhost:8002/sager/c-1" in text
    assert len(smtp_server.received) == 1  # the council link mails nobody here
