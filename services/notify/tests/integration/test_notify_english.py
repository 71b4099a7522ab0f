"""English for those who wrote in English: their mails, and notify's pages with ?lang=en."""

from __future__ import annotations

import re

from sammen.intake import handlers as intake_handlers
from sammen.intake.app import create_app as create_intake_app
from sammen.notify import service
from sammen.testing import running_worker, wait_for, wired_worker
from sammen.testing.ideas import INTAKE_AUTH, idea_body

from .conftest import (
    AGENT,
    handle,
    idea_submitted,
    messages,
    send,
    sla_at_risk,
    staff_client,
    take_into_dialogue,
)


def test_an_english_speaking_initiator_gets_every_mail_in_english_and_staff_danish(
    notify, smtp_server
):
    idea = idea_submitted(language="en")
    code = idea.data["tracking_code"]
    handle(notify, idea)
    take_into_dialogue(notify, idea)
    assert send(notify) == 4
    receipt, assigned, answer = smtp_server.to("anna.jensen@example.dk")
    assert receipt["Subject"] == f"Thank you for your idea – your case number is {code}"
    text = receipt.get_body(("plain",)).get_content()
    assert "Dear Anna Jensen" in text and "(5 working days)" in text and "Kære" not in text
    assert 'lang="en"' in receipt.get_body(("html",)).get_content()
    # The case's mails find the language stored with the contact.
    assert assigned["Subject"] == f"Your sparring agent is {AGENT.name} ({code})"
    assert answer["Subject"] == f"News about your idea {code}: In dialogue"
    assert "Velkommen, Anna." in answer.get_body(("plain",)).get_content()
    [agent_mail] = smtp_server.to(AGENT.email)
    assert agent_mail["Subject"].startswith("Ny sag: ")


def test_danish_stays_the_default(notify, smtp_server):
    idea = idea_submitted()  # no language: an event from before the field, or the API
    handle(notify, idea)
    send(notify)
    [receipt] = smtp_server.to("anna.jensen@example.dk")
    assert receipt["Subject"] == f"Tak for din idé – dit sagsnummer er {idea.data['tracking_code']}"
    [message] = messages(notify)
    assert "Kære Anna Jensen" in message.body_text


def test_the_pages_are_in_english_with_lang_en(notify, smtp_server):
    staff = staff_client(notify)
    templates = staff.get("/skabeloner?lang=en")
    assert templates.status_code == 200 and '<html lang="en">' in templates.text
    assert "Email templates" in templates.text and "Receipt to the initiator" in templates.text
    assert "Thank you for your idea – your case number is ACDE-FHJK" in templates.text
    assert "Mailskabeloner" not in templates.text
    one = staff.get("/skabeloner/receipt?lang=en")
    assert "Plain text" in one.text and "Dear Anna Jensen" in one.text
    assert "Follow your idea" in staff.get("/skabeloner/receipt/html?lang=en").text
    settings_page = staff.get("/indstillinger?lang=en")
    assert (
        "My email settings" in settings_page.text and "One email per message" in settings_page.text
    )
    token = re.search(r'name="csrf_token" value="([^"]+)"', settings_page.text).group(1)
    refused = staff.post("/indstillinger?lang=en", data={"delivery": "x", "csrf_token": token})
    assert refused.status_code == 422
    assert "Choose how you want to receive messages" in refused.text
    assert "Mine mailindstillinger" in staff.get("/indstillinger").text  # Danish by default

    handle(notify, sla_at_risk())
    [agent_message] = messages(notify, template="case_sla_at_risk")
    token = service.unsubscribe_token(notify.config["SECRET_KEY"], agent_message.preference_id)
    client = notify.test_client()
    confirm = client.get(f"/afmeld/{token}?lang=en")
    assert "Unsubscribe from messages" in confirm.text and "Yes, unsubscribe" in confirm.text
    done = client.post(f"/afmeld/{token}?lang=en")
    assert "You are unsubscribed" in done.text

    send(notify)
    mailbox = client.get("/dev/mail?lang=en")
    assert "Development mailbox" in mailbox.text and "Subject" in mailbox.text


def test_an_idea_sent_in_english_reaches_its_initiator_in_english(
    service_env, second_database_url, notify_with_broker, smtp_server
):
    _, notify_worker = notify_with_broker
    service_env("intake", second_database_url)
    intake = create_intake_app()
    body = idea_body(
        title="A book swap shelf at the library",
        description="A shelf where neighbours swap books, games and seeds.",
        channel="web",
        initiator={"name": "Sam Taylor", "email": "sam.taylor@example.dk"},
    )
    intake_worker = wired_worker(intake_handlers, intake)
    with running_worker(intake_worker), running_worker(notify_worker):
        response = intake.test_client().post(
            "/api/v1/ideas?lang=en",
            json=body,
            headers=INTAKE_AUTH,
        )
        assert response.status_code == 201
        [mail] = wait_for(lambda: smtp_server.to("sam.taylor@example.dk"), what="the receipt")
    code = response.json["tracking_code"]
    assert mail["Subject"] == f"Thank you for your idea – your case number is {code}"
    assert "What happens now:" in mail.get_body(("plain",)).get_content()
    intake.config["SAMMEN_DATABASE"].dispose()
