"""The templates and the SMTP outcome rules, without a server."""

import smtplib
from datetime import UTC, datetime

import pytest

from sammen.config import load_settings
from sammen.notify.mail import TEMPLATES, render, render_sample
from sammen.notify.models import Message
from sammen.notify.sender import build_email, classify
from sammen.notify.settings import notify_config

SETTINGS = load_settings("notify", {"SAMMEN_ENV": "test"})
ESSENTIAL = {
    "receipt",
    "case_assigned_initiator",
    "case_status_changed",
    "event_changed",
    "event_cancelled",
    "registration_created",
    "registration_promoted",
}


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_renders_danish_text_and_html_from_its_sample(name):
    rendered = render_sample(name, SETTINGS.base_urls)
    assert rendered.subject and "\n" not in rendered.subject
    assert "Gentofte Kommune" in rendered.text and rendered.text.endswith("\n")
    assert rendered.html.startswith("<!doctype html>") and 'lang="da"' in rendered.html
    assert "None" not in rendered.text and "None" not in rendered.html
    has_unsubscribe = "Afmeld disse beskeder" in rendered.text
    assert has_unsubscribe == (not TEMPLATES[name].essential)


def test_receipts_and_case_answers_are_essential():
    assert {name for name, t in TEMPLATES.items() if t.essential} == ESSENTIAL


def test_html_escapes_what_people_typed_and_text_keeps_it():
    context = {**TEMPLATES["case_status_changed"].sample, "message": "<script>x</script> & tak"}
    rendered = render("case_status_changed", 1, context)
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "<script>x</script> & tak" in rendered.text


def test_a_waitlisted_registration_says_so():
    context = {**TEMPLATES["registration_created"].sample, "status": "waitlisted"}
    assert render("registration_created", 1, context).subject.startswith("Du er på venteliste")


def _message(**changes):
    values = {
        "id": "0b7c9d54-1a2b-4c3d-8e9f-000000000001",
        "template": "case_sla_at_risk",
        "template_version": 1,
        "essential": False,
        "recipient": "mette@gentofte.dk",
        "recipient_name": "Mette Sparring",
        "preference_id": "p-1",
        "subject": "Fristen nærmer sig: ÆØÅ",
        "body_text": "Hej æøå\n",
        "body_html": "<p>Hej æøå</p>",
        "event_time": datetime.now(UTC),
    }
    values.update(changes)
    return Message(**values)


def test_a_mail_carries_its_message_id_and_one_click_unsubscribe():
    mail = build_email(_message(), SETTINGS, notify_config(SETTINGS))
    assert mail["Message-ID"] == "<0b7c9d54-1a2b-4c3d-8e9f-000000000001@gentofte.dk>"
    assert mail["From"] == "Gentofte Kommune <sammen@gentofte.dk>"
    assert mail["To"] == "Mette Sparring <mette@gentofte.dk>"
    assert mail["List-Unsubscribe"].startswith("<http://localhost:8003/afmeld/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.as_bytes().isascii()  # headers encoded, bodies quoted-printable
    assert mail.get_body(("html",)).get_content() == "<p>Hej æøå</p>\n"


def test_an_essential_mail_has_no_unsubscribe():
    mail = build_email(
        _message(essential=True, preference_id=None), SETTINGS, notify_config(SETTINGS)
    )
    assert "List-Unsubscribe" not in mail


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (None, "delivered"),
        (
            smtplib.SMTPRecipientsRefused({"a@b.dk": (550, b"5.1.1 no such user a@b.dk")}),
            "permanent",
        ),
        (smtplib.SMTPRecipientsRefused({"a@b.dk": (450, b"mailbox busy")}), "temporary"),
        (ConnectionRefusedError(111, "Connection refused"), "temporary"),
        (smtplib.SMTPServerDisconnected("gone"), "temporary"),
        (TimeoutError(), "temporary"),
        (smtplib.SMTPDataError(421, b"try later"), "temporary"),
        (smtplib.SMTPDataError(554, b"rejected"), "permanent"),
        (smtplib.SMTPSenderRefused(553, b"sender not allowed", "sammen@gentofte.dk"), "technical"),
        (smtplib.SMTPAuthenticationError(535, b"bad login"), "technical"),
    ],
)
def test_smtp_outcomes_become_delivery_statuses(error, kind):
    outcome = classify(error)
    assert outcome.kind == kind
    assert "@" not in (outcome.reason or "")


def test_settings_have_defaults_that_need_nothing_to_run():
    config = notify_config(load_settings("notify", {}))
    assert (config.smtp_host, config.smtp_port, config.smtp_starttls) == ("localhost", 1025, False)
    assert config.body_retention_days == 30
    assert str(config.mail_dir).endswith("var/mail")


def test_the_hand_over_mail_tells_the_idea_the_initiator_and_the_history_in_both_languages():
    sample = TEMPLATES["case_handed_over"].sample
    danish = render("case_handed_over", 1, sample)
    assert "En reol hvor naboer bytter" in danish.text and "anna.jensen@example.dk" in danish.text
    assert "Idéen kom ind" in danish.text and "Videregivet" in danish.text
    english = render("case_handed_over", 1, sample, "en")
    assert "The idea came in" in english.text and "Handed over" in english.text
    assert "anna.jensen@example.dk" in english.html
    without_consent = render("case_handed_over", 1, {**sample, "initiator": None})
    assert "anna.jensen" not in without_consent.text + without_consent.html
    assert "ikke givet samtykke" in without_consent.text
