"""Mails in the recipient's language: English for those who wrote to us in English, else Danish."""

import pytest

from sammen.config import load_settings
from sammen.notify.domain import language_of, plan
from sammen.notify.mail import TEMPLATES, render, render_sample

SETTINGS = load_settings("notify", {"SAMMEN_ENV": "test"})
SUBMITTED = {
    "initiator": {"name": "Anna", "email": "anna@example.dk"},
    "submitted_at": "2026-11-27T10:00:00Z",
}


@pytest.mark.parametrize(
    ("given", "language"), [("en", "en"), ("da", "da"), ("de", "da"), (None, "da")]
)
def test_the_initiator_gets_the_language_of_the_event_or_danish(given, language):
    [receipt] = plan("idea.submitted", {**SUBMITTED, "language": given}, None)
    assert receipt.recipient.language == language
    assert language_of(given) == language


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_renders_in_english_from_its_sample(name):
    rendered = render_sample(name, SETTINGS.base_urls, "en")
    assert 'lang="en"' in rendered.html
    assert "Gentofte Municipality" in rendered.text and "Gentofte Kommune" not in rendered.text
    assert not {"Kære", "Sagsnummer", "Afmeld"} & set(rendered.text.replace(":", " ").split())
    has_unsubscribe = "Unsubscribe from these messages" in rendered.text
    assert has_unsubscribe == (not TEMPLATES[name].essential)


def test_an_english_receipt_has_english_subject_body_and_dates():
    sample = TEMPLATES["receipt"].sample
    rendered = render("receipt", 1, sample, "en")
    assert rendered.subject == "Thank you for your idea – your case number is ACDE-FHJK"
    assert "You will hear from us by Friday 4 December 2026 (5 working days)." in rendered.text
    assert "<strong>Friday 4 December 2026</strong>" in rendered.html
    danish = render("receipt", 1, sample)
    assert danish.subject == "Tak for din idé – dit sagsnummer er ACDE-FHJK"
    assert "senest fredag den 4. december 2026" in danish.text


def test_vocabulary_words_and_people_s_text_are_translated_or_escaped_in_english():
    context = {**TEMPLATES["case_status_changed"].sample, "message": "<b>50%</b> & tak"}
    rendered = render("case_status_changed", 1, context, "en")
    assert rendered.subject == "News about your idea ACDE-FHJK: In dialogue"
    assert "&lt;b&gt;50%&lt;/b&gt; &amp; tak" in rendered.html
    joined = render("idea_joined_initiator", 1, TEMPLATES["idea_joined_initiator"].sample, "en")
    assert "Lars Nabo wants to lend a hand with your idea" in joined.text


def test_the_digest_counts_in_english_too():
    one = {**TEMPLATES["digest"].sample, "items": [{"subject": "a", "text": "b"}]}
    assert "Here is 1 message in one email" in render("digest", 1, one, "en").text
    assert "Her er 1 besked samlet i én mail" in render("digest", 1, one).text
