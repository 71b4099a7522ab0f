"""The accessibility statement (webtilgængelighedsloven): made in Digitaliseringsstyrelsen's
WAS-Tool and linked from every page's footer; `/was` on every service goes to it. Without
SAMMEN_WAS_URL, both go to intake's own page."""

from __future__ import annotations

import pytest

from tests.security.apps import APPS, built

WAS_URL = "https://www.was.digst.dk/gentofte-dk-sammen"
OWN_PAGE = "http://localhost:8001/tilgaengelighed"


def footer_link(app) -> str:  # type: ignore[no-untyped-def]
    """The footer's statement link on a page of the service (its not-found page has the
    shared footer too)."""
    page = app.test_client().get("/ingen-side-her", headers={"Accept": "text/html"}).text
    footer = page.split('<footer class="site-footer">', 1)[1]
    return footer.split('<a href="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("service", sorted(APPS))
def test_every_page_links_to_the_statement_in_the_was_tool(service, tmp_path):
    with built(service, tmp_path, SAMMEN_WAS_URL=WAS_URL) as app:
        assert footer_link(app) == WAS_URL
        response = app.test_client().get("/was")
        assert (response.status_code, response.location) == (302, WAS_URL)


@pytest.mark.parametrize("service", sorted(APPS))
def test_without_the_setting_the_statement_is_intakes_own_page(service, tmp_path):
    with built(service, tmp_path) as app:
        assert footer_link(app) == OWN_PAGE
        assert app.test_client().get("/was").location == OWN_PAGE
