"""Meetings that lead somewhere, in Debian's chromium with axe-core in Danish and English: a
citizen group proposes a Gentofte Talk on the public form and a coordinator approves it (its page
names the initiative); a secretary closes a held meeting on the staff form, and the registrant
gets "Det hørte vi" by mail through notify and the platform's mail sink."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

from sammen.testing import wait_for
from tests.browser.support import (
    DEMO_PASSWORD,
    Visitor,
    assert_accessible,
    assert_reflows,
    staff_token,
    tab_to,
)
from tests.platform.harness import Platform, mail_text

COORDINATOR = "koordinator@demo.gentofte.dk"
PROPOSER = {"name": "Tove Tag", "email": "tove.tag@example.dk"}
REGISTRANT = {"name": "Karl Deltager", "email": "karl.deltager@example.dk"}


def log_in(visitor: Visitor, platform: Platform, email: str) -> None:
    page = visitor.page
    page.goto(f"{platform.url('routing')}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    assert "/login" not in page.url, f"{email} could not log in"


def day(days: int, hour: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime(f"%Y-%m-%dT{hour:02d}:00")


def held_meeting(platform: Platform, token: str) -> str:
    """A Seniorrådet meeting Karl signed up for, then moved to last week (it was held)."""
    calendar = platform.url("calendar")
    auth = {"Authorization": f"Bearer {token}"}
    made = requests.post(
        f"{calendar}/api/v1/events",
        json={
            "title": "Seniorrådets temamøde om bænke",
            "starts_at": day(10, 17),
            "ends_at": day(10, 19),
            "organizers": ["seniorraadet"],
            "kind": "theme_meeting",
            "registration": {"capacity": 20},
        },
        headers=auth,
        timeout=10,
    )
    assert made.status_code == 201, made.text
    event_id = made.json()["id"]
    signed = requests.post(
        f"{calendar}/api/v1/events/{event_id}/registrations", json=REGISTRANT, timeout=10
    )
    assert signed.status_code == 201, signed.text
    moved = requests.patch(
        f"{calendar}/api/v1/events/{event_id}",
        json={"starts_at": day(-7, 17), "ends_at": day(-7, 19)},
        headers=auth,
        timeout=10,
    )
    assert moved.status_code == 200, moved.text
    return event_id


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_new_pages_pass_axe_and_reflow(platform: Platform, visitor, language: str):
    platform.require("calendar", "routing")
    wide, narrow = visitor(), visitor(width=320, height=800, name="320px")
    event_id = held_meeting(platform, staff_token(platform, COORDINATOR))
    for each in (wide, narrow):
        log_in(each, platform, COORDINATOR)
    calendar = platform.url("calendar")
    for path in (
        "/gentofte-talks/foreslaa",
        "/gentofte-talks/foreslaa/tak",
        "/personale/gentofte-talks",
        f"/personale/arrangementer/{event_id}/afslut",
    ):
        url = f"{calendar}{path}?lang={language}"
        wide.goto(url, path.strip("/").replace("/", "-")[:40])
        assert_accessible(wide.page)
        assert_reflows(narrow.goto(url))
    # The form's errors, as a person sees them, are accessible too.
    wide.goto(f"{calendar}/gentofte-talks/foreslaa?lang={language}")
    with wide.page.expect_navigation():
        wide.page.click("#send-forslag")
    assert wide.page.locator("#fejl").is_visible()
    wide.check(f"proposal-errors-{language}")


def test_a_talk_is_proposed_approved_and_a_meeting_closed(platform: Platform, visitor):
    platform.require("calendar", "routing", "notify")
    calendar = platform.url("calendar")
    citizen = visitor()
    page = citizen.goto(f"{calendar}/", "agenda")
    with page.expect_navigation():
        page.click("#foreslaa-talk")
    page.get_by_label("Titel").fill("Byens grønne tage")
    page.get_by_label("Hvad skal dialogen handle om?").fill("Hvordan får vi flere grønne tage?")
    page.get_by_label("Hvilket arrangement kobles dialogen til?").fill("Klimafestivalen")
    page.get_by_label("Hvornår ønsker I dialogen?").fill(day(40, 19))
    page.get_by_label("Hvem tager initiativet?").fill("Grønne Tage Gentofte")
    page.get_by_label("Hvem er I?").select_option("citizen_group")
    tab_to(page, "#felt-name")
    page.keyboard.type(PROPOSER["name"])
    page.get_by_label("Din e-mail").fill(PROPOSER["email"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#forslag-modtaget").is_visible()
    citizen.check("proposal-sent")
    wait_for(
        lambda: platform.find_mail(PROPOSER["email"], "Byens grønne tage"),
        timeout=30,
        what="the proposer's receipt",
    )

    coordinator = visitor()
    log_in(coordinator, platform, COORDINATOR)
    staff = coordinator.goto(f"{calendar}/personale/gentofte-talks", "proposals")
    card = staff.locator(".proposal", has_text="Byens grønne tage")
    card.get_by_label("Begynder").fill(day(40, 19))
    card.get_by_label("Slutter").fill(day(40, 21))
    card.get_by_label("Sted").fill("Hellerup Bibliotek")
    with staff.expect_navigation():
        card.get_by_role("button", name="Godkend og sæt i kalenderen").click()
    assert staff.locator("#besluttet").is_visible()
    coordinator.check("proposal-approved")
    with staff.expect_navigation():
        card.get_by_role("link", name="Se arrangementet").click()
    assert staff.locator("#initiativ").inner_text() == "Grønne Tage Gentofte"
    assert "Initiativ: Grønne Tage Gentofte" in staff.content()
    coordinator.check("talk-page")
    approved = wait_for(
        lambda: platform.find_mail(PROPOSER["email"], "Hellerup Bibliotek"),
        timeout=30,
        what="the proposer's word that the Talk is in the calendar",
    )
    assert "/arrangementer/" in mail_text(approved)

    event_id = held_meeting(platform, staff_token(platform, COORDINATOR))
    form = coordinator.goto(f"{calendar}/personale/arrangementer/{event_id}/afslut", "close")
    form.get_by_label("Det hørte vi").fill("Mange ønsker flere bænke langs Strandvejen.")
    form.get_by_label("Antal deltagere").fill("31")
    form.get_by_label("Organisationer, der deltog").fill("Ældre Sagen Gentofte")
    form.get_by_label("Opfølgning 1: hvad").select_option("topic")
    form.get_by_label("Opfølgning 1: beskrivelse").fill("Bænke langs Strandvejen")
    with form.expect_navigation():
        form.click("#afslut")
    assert form.locator("#afsluttet").is_visible()
    assert "Mange ønsker flere bænke" in form.locator("#det-hoerte-vi").inner_text()
    coordinator.check("closed-meeting")
    told = wait_for(
        lambda: platform.find_mail(REGISTRANT["email"], "Mange ønsker flere bænke"),
        timeout=30,
        what="the registrant's 'Det hørte vi' mail",
    )
    assert "What we heard" in mail_text(told) or "What we heard" in str(told["Subject"])
