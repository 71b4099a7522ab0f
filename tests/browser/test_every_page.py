"""Every service's public and staff pages in Debian's chromium: axe-core finds no violation of
WCAG 2.1 A/AA in Danish or English, the page reflows at 320 CSS px, and its footer links the
accessibility statement. Staff pages are seen logged in as the demo admin (routing's login)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.support import Visitor, assert_accessible, assert_reflows
from tests.platform.harness import Platform

ADMIN = ("admin@demo.gentofte.dk", "sammen-demo")
# (service, path, staff): the pages a person reaches from each service's front page.
# "{privacy_request}" is the path of an access request the test makes first (privacy_request).
PAGES = {
    "routing": [
        ("/login", False),
        ("/sparringsagenter", False),
        ("/indbakke", True),
        ("/overblik", True),
        ("/principper", True),
        ("/foreninger", True),
        ("/svarskabeloner", True),
        ("/persondata", True),
        ("{privacy_request}", True),
    ],
    "notify": [("/dev/mail", False)],
    "calendar": [("/", False), ("/maaned", False)],
    "dialogue": [("/", False), ("/moderation", True)],
    "idea_board": [("/", False)],
    "hearing": [("/", False), ("/personale", True)],
    "theme_discussion": [("/", False), ("/personale", True), ("/personale/ny", True)],
    "realisation": [("/", False), ("/personale", True)],
}


def log_in(visitor: Visitor, platform: Platform) -> None:
    page = visitor.page
    page.goto(f"{platform.url('routing')}/login")
    page.get_by_label("E-mail").fill(ADMIN[0])
    page.get_by_label("Adgangskode").fill(ADMIN[1])
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    assert "/login" not in page.url, "the demo admin could not log in"


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("service", list(PAGES))
def test_pages_pass_axe_reflow_and_link_the_statement(
    platform: Platform, visitor, service: str, language: str
):
    platform.require(service)
    wide = visitor()
    narrow = visitor(width=320, height=800, name="320px")
    if any(staff for _path, staff in PAGES[service]):
        platform.require("routing")
        log_in(wide, platform)
        log_in(narrow, platform)
    made = {}
    if any(path == "{privacy_request}" for path, _staff in PAGES[service]):
        made["privacy_request"] = privacy_request(wide, platform)
    problems = []
    for path, _staff in PAGES[service]:
        url = f"{platform.url(service)}{path.format(**made)}?lang={language}"
        label = path.strip("/{}").replace("/", "-").replace("_", "-") or "front"
        page = wide.goto(url, label)
        for check in (assert_accessible, check_footer):
            try:
                check(page)
            except AssertionError as error:
                problems.append(str(error))
        try:
            assert_reflows(narrow.goto(url, label))
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)


def privacy_request(wide: Visitor, platform: Platform) -> str:
    """The path of an access request made on routing's form."""
    page = wide.page
    page.goto(f"{platform.url('routing')}/persondata")
    page.fill("#felt-tracking_code", "ZZZZ-ZZZZ")
    page.check("#felt-kind-access")
    with page.expect_navigation():
        page.click("#opret-anmodning")
    path = urlsplit(page.url).path
    assert path.startswith("/persondata/"), f"the request was not made: {page.url}"
    return path


def check_footer(page) -> None:  # type: ignore[no-untyped-def]
    footer = page.get_by_role("contentinfo")
    links = footer.locator("a[href$='/tilgaengelighed']")
    assert links.count() == 1, f"{page.url}: no accessibility statement link in the footer"
