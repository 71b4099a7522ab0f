"""A `next` parameter never sends the browser off-site, read the way a browser reads a Location
(tabs and newlines dropped, backslashes as slashes): on every service's language switch, in
production too, and on the shared staff login."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.security.apps import APPS, built
from tests.security.test_production_and_headers import PRODUCTION

ELSEWHERE = [
    "/\t/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "\\/evil.example",
    " //evil.example",
    "///evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
]


def _next(target: str) -> str:
    return quote(target, safe="")


@pytest.mark.parametrize("service", sorted(APPS))
def test_the_language_switch_goes_back_only_to_this_site(service, tmp_path):
    with built(service, tmp_path):
        pass  # migrated as the release step would
    with built(service, tmp_path, **PRODUCTION) as app:
        client = app.test_client()
        answers = {t: client.get(f"/sprog/en?next={_next(t)}").location for t in ELSEWHERE}
        kept = client.get(f"/sprog/en?next={_next('/side?a=1&b=2')}").location
    assert answers == dict.fromkeys(ELSEWHERE, "/")
    assert kept == "/side?a=1&b=2"


def demo_login(tmp_path, next_url: str):  # type: ignore[no-untyped-def]
    """The demo coordinator logs in on routing's login page, asking to go on to `next_url`."""
    with built("routing", tmp_path, SAMMEN_ENV="development") as app:  # the demo staff
        app.config["WTF_CSRF_ENABLED"] = False
        return app.test_client().post(
            "/login",
            data={
                "email": "koordinator@demo.gentofte.dk",
                "password": "sammen-demo",
                "next": next_url,
            },
        )


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_staff_login_goes_back_only_to_sammen(target, tmp_path):
    login = demo_login(tmp_path, target)
    assert login.status_code == 303
    assert login.location == "/indbakke"


def test_the_staff_login_goes_back_to_another_service(tmp_path):
    login = demo_login(tmp_path, "http://localhost:8004/personale/")
    assert login.location == "http://localhost:8004/personale/"
