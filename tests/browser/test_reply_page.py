"""The initiator's write-back page in Debian's chromium: reached from the link in the receipt mail,
errors announced and linked, the thanks page, axe-core clean in Danish and English."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from sammen.testing import wait_for
from sammen.testing.ideas import idea_body
from tests.browser.support import focused_id, sent_idea, tab_to
from tests.platform.harness import mail_text

REPLY_LINK = re.compile(r"https?://\S+/svar/[\w-]+")


def reply_link(platform, language: str) -> tuple[str, str]:
    """An idea sent through the API, and the write-back link its receipt mail carries."""
    email = f"svar-{uuid.uuid4().hex[:8]}@example.dk"
    idea = idea_body(
        title="Fælles drivhus i Ordrup",
        description="Et drivhus hvor naboer dyrker grøntsager sammen hele året.",
        theme="natur-klima-og-miljoe",
        initiator={"name": "Karen Holm", "email": email},
    )
    code = sent_idea(platform, idea, f"?lang={language}")
    mail = wait_for(
        lambda: platform.find_mail(email, "/svar/"), timeout=60, what="the receipt with its link"
    )
    link = REPLY_LINK.search(mail_text(mail))
    assert link, "the receipt mail has no write-back link"
    return link.group(0), code


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_initiator_writes_back_from_the_mails_link(platform, visitor, language):
    link, code = reply_link(platform, language)
    guest = visitor(name=language)
    page = guest.goto(f"{link}?lang={language}", f"reply-{language}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    guest.check(f"reply-{language}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        {"da": "Skriv til din sparringsagent", "en": "Write to your sparring agent"}[language]
    )

    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    guest.check(f"reply-errors-{language}")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    assert focused_id(page) == "fejl", "the error summary takes focus, so it is read out first"
    summary.get_by_role("link").first.click()
    assert focused_id(page) == "felt-text"
    expect(page.locator("#felt-text")).to_have_attribute("aria-invalid", "true")

    page.keyboard.type("Vi har fundet et hjørne af skolehaven, hvor drivhuset kan stå.")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    guest.check(f"reply-sent-{language}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        {"da": "Tak for dit svar", "en": "Thank you for your reply"}[language]
    )
    expect(page.locator(f"a[href*='/status/{code}']")).to_be_visible()


def test_an_unknown_link_says_so_and_passes_axe(platform, visitor):
    guest = visitor()
    response = guest.page.goto(f"{platform.url('intake')}/svar/ikke-et-link")
    assert response is not None and response.status == 404
    guest.check("reply-unknown")
    expect(guest.page.get_by_role("heading", level=1)).to_have_text("Linket findes ikke")
