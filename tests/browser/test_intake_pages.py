"""Intake's public pages in Debian's chromium: keyboard only, errors announced and linked, axe-core
clean in Danish and English, reflow at 320 px and 200 % zoom, the accessibility statement linked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from sammen.testing.ideas import idea_body
from tests.browser.support import (
    assert_accessible,
    assert_reflows,
    focused_id,
    sent_idea,
    tab_to,
)

TRACKING_CODE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
IDEA = idea_body(consent={"contact": True, "publish": True})


@pytest.fixture(scope="module")
def tracking_code(platform) -> str:
    """An idea sent through the API (as gentofte.dk would), for the receipt and status pages."""
    return sent_idea(platform, IDEA)


def public_pages(platform, code: str) -> dict[str, str]:
    base = platform.url("intake")
    return {
        "form": f"{base}/",
        "receipt": f"{base}/kvittering/{code}",
        "status": f"{base}/status/{code}",
        "status-lookup": f"{base}/status",
        "accessibility": f"{base}/tilgaengelighed",
        "privacy": f"{base}/privatliv",
    }


def submit_empty_form(page: Page) -> None:
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_idea_form_is_sent_with_the_keyboard_alone(platform, visitor):
    guest = visitor()
    page = guest.goto(f"{platform.url('intake')}/", "form")
    tab_to(page, "#felt-title")
    page.keyboard.type("Bænke ved Gentofte Sø")
    tab_to(page, "#felt-description")
    page.keyboard.type("Flere bænke langs stien, så ældre kan gå turen med pauser.")
    tab_to(page, "#felt-theme")
    page.keyboard.press("ArrowDown")  # a closed select takes arrow keys: the first theme
    tab_to(page, "#felt-name")
    page.keyboard.type("Karen Holm")
    tab_to(page, "#felt-email")
    page.keyboard.type("karen.holm@example.dk")
    tab_to(page, "#felt-consent_contact")
    page.keyboard.press("Space")
    expect(page.locator("#felt-consent_contact")).to_be_checked()
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/kvittering/"))
    guest.check("receipt")
    code = page.locator(".code").inner_text().strip()
    assert TRACKING_CODE.match(code), code
    expect(page.get_by_role("status")).to_contain_text("Bænke ved Gentofte Sø")

    tab_to(page, f"a[href$='/status/{code}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    guest.check("status")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bænke ved Gentofte Sø")
    # Routing may already have assigned it: either status is right.
    expect(page.locator(".status")).to_have_text(re.compile("^(Modtaget|Tildelt)$"))


def test_form_errors_are_announced_and_each_links_to_its_field(platform, visitor):
    guest = visitor()
    page = guest.goto(f"{platform.url('intake')}/", "form")
    submit_empty_form(page)
    guest.check("errors")

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("fejl i formularen")
    assert focused_id(page) == "fejl", "the error summary takes focus, so it is read out first"
    links = summary.get_by_role("link")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert {"#felt-title", "#felt-description", "#felt-email", "#felt-consent_contact"} <= set(
        targets
    )
    for i, target in enumerate(targets):
        links.nth(i).click()
        assert focused_id(page) == target.lstrip("#"), f"link {target} must focus its field"
        field = page.locator(target)
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        error_id = "fejl-" + target.removeprefix("#felt-")
        assert error_id in described.split(), f"{target} is not described by its error"
        expect(page.locator(f"#{error_id}")).to_be_visible()


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_public_page_passes_axe_in_danish_and_english(
    platform, visitor, tracking_code, language
):
    guest = visitor()
    for label, url in public_pages(platform, tracking_code).items():
        page = guest.goto(f"{url}?lang={language}", f"{label}-{language}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)
    page = guest.goto(f"{platform.url('intake')}/?lang={language}", f"form-{language}")
    submit_empty_form(page)
    guest.check(f"errors-{language}")


def test_english_is_shown_chosen_and_remembered(platform, visitor, tracking_code):
    guest = visitor(name="en")
    page = guest.goto(f"{platform.url('intake')}/", "form-da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Del din idé med Gentofte Kommune")
    with page.expect_navigation():
        page.get_by_role("link", name="English").click()
    guest.snap("form-en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Share your idea with Gentofte Municipality"
    )
    expect(page.get_by_label("Title")).to_be_visible()

    # Remembered: a later page, without ?lang, is English too — with translated form errors.
    page = guest.goto(f"{platform.url('intake')}/status/{tracking_code}", "status-en")
    expect(page.locator(".status")).to_have_text(re.compile("^(Received|Assigned)$"))
    page = guest.goto(f"{platform.url('intake')}/", "form-en-again")
    submit_empty_form(page)
    expect(page.get_by_role("alert")).to_contain_text("Title: Give your idea a title")
    expect(page.locator("#felt-theme option").nth(1)).not_to_have_text(re.compile("Børn"))

    with page.expect_navigation():
        page.get_by_role("link", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_dates_are_danish_and_in_copenhagen_time(platform, visitor, tracking_code):
    """ "27. november 2026 kl. 19.28" in Danish, at the hour a clock in Copenhagen shows."""
    guest = visitor()
    page = guest.goto(f"{platform.url('intake')}/status/{tracking_code}", "status-date")
    stamp = page.locator(".timeline time").first
    text = stamp.inner_text()
    assert re.fullmatch(r"\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}", text), text
    # The browser runs in Europe/Copenhagen too: its local reading of the instant must match.
    local = page.evaluate(
        "iso => { const d = new Date(iso); return [d.getDate(), d.getHours(), d.getMinutes()] }",
        stamp.get_attribute("datetime"),
    )
    assert text.startswith(f"{local[0]}. ") and text.endswith(f"kl. {local[1]:02d}.{local[2]:02d}")
    page = guest.goto(f"{platform.url('intake')}/status/{tracking_code}?lang=en", "status-date-en")
    text = page.locator(".timeline time").first.inner_text()
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}", text), text


@pytest.mark.parametrize(
    ("width", "scale"), [(320, 1), (640, 2)], ids=["320px", "zoom-200-percent"]
)
def test_pages_reflow_on_a_narrow_screen_and_at_200_percent(
    platform, visitor, tracking_code, width, scale
):
    guest = visitor(width=width, height=800, scale=scale)
    for label, url in public_pages(platform, tracking_code).items():
        page = guest.goto(url, label)
        assert_reflows(page)
    submit_empty_form(page := guest.goto(f"{platform.url('intake')}/", "form"))
    guest.snap("errors")
    assert_reflows(page)


def test_every_page_links_the_accessibility_statement_in_its_footer(
    platform, visitor, tracking_code
):
    guest = visitor()
    for label, url in public_pages(platform, tracking_code).items():
        page = guest.goto(url, label)
        link = page.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring")
        expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
