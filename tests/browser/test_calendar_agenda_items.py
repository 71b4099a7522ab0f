"""A case linked to a council, on the whole platform: routing's `case.linked` reaches the
calendar through the real broker, the council's secretary gets the mail (notify, the mail sink),
and the council's staff page lists the proposed item; that page and the organizers' list are
accessible (axe) and reflow, in Danish and English."""

from __future__ import annotations

import uuid

from sammen.testing import publish_event, wait_for
from services.calendar.tests.integration.case_links import case_linked
from tests.browser.support import assert_accessible, assert_reflows
from tests.browser.test_every_page import log_in
from tests.platform.harness import Platform, mail_text

DEMO_SECRETARY = "sekretaer@gentofte.dk"  # the calendar's demo secretary of Handicaprådet
WAIT = 30  # seconds for an event to travel through the broker to two services


def test_a_case_linked_to_a_council_is_on_its_staff_page_and_in_the_secretarys_mail(
    platform: Platform, visitor
):
    platform.require("calendar", "routing", "notify")
    code = "SAM-" + uuid.uuid4().hex[:4].upper()
    linked = case_linked(case_id=str(uuid.uuid4()), tracking_code=code)
    publish_event(platform.amqp_url, linked)

    mail = wait_for(
        lambda: platform.find_mail(DEMO_SECRETARY, code), timeout=WAIT, what="the secretary's mail"
    )
    assert "Handicaprådet" in str(mail["Subject"])
    assert "/personale/arrangoerer/handicapraadet" in mail_text(mail)

    wide = visitor()
    narrow = visitor(width=320, height=800, name="320px")
    log_in(wide, platform)
    log_in(narrow, platform)
    page_url = f"{platform.url('calendar')}/personale/arrangoerer/handicapraadet"
    for language, heading in (
        ("da", "Foreslåede punkter til dagsordenen"),
        ("en", "Proposed agenda items"),
    ):
        page = wide.goto(f"{page_url}?lang={language}", f"agenda-items-{language}")
        row = page.locator("#punkter tr", has_text=code)
        assert row.count() == 1
        assert "Bænke med armlæn langs Gentofte Sø" in row.inner_text()
        assert "Dorthe Lund" in row.inner_text()
        assert row.get_by_role("link").first.get_attribute("href") == linked.data["case_url"]
        assert page.get_by_role("heading", name=heading).count() == 1
        assert_accessible(page)
        assert_reflows(narrow.goto(f"{page_url}?lang={language}", f"agenda-items-{language}"))

    index = wide.goto(f"{platform.url('calendar')}/personale/?lang=da", "staff-index")
    assert index.get_by_role("link", name="Handicaprådet").count() >= 1
    assert_accessible(index)
    for language in ("da", "en"):  # the organizers' list, with the admin's form to add one
        url = f"{platform.url('calendar')}/personale/arrangoerer/?lang={language}"
        listing = wide.goto(url, f"organizers-{language}")
        assert listing.locator("#ny-arrangoer").count() == 1
        assert_accessible(listing)
        assert_reflows(narrow.goto(url, f"organizers-{language}"))
