"""Logging out on the whole platform: the staff cookie and the same value as a Bearer token open
every service's staff pages and APIs, and after `POST /logout` on routing every one of them refuses
both within a deadline (routing at once; the others when `staff.sessions_ended` reaches them)."""

from __future__ import annotations

import re
import uuid

import requests

from sammen.auth import STAFF_COOKIE
from sammen.testing import wait_for
from tests.platform.harness import Platform

PASSWORD = "en-lang-adgangskode-til-test"
# (service, staff page, staff API) each service serves to an admin.
STAFF_VIEWS = (
    ("routing", "/indbakke", "/api/v1/cases"),
    ("notify", "/skabeloner", "/api/v1/notifications"),
    ("calendar", "/personale/", "/api/v1/joint-meetings"),
    ("dialogue", "/moderation", "/api/v1/moderation/contributions"),
    ("hearing", "/personale", "/api/v1/hearings/ukendt/responses"),
    ("theme_discussion", "/personale", "/api/v1/discussions/ukendt/contributions"),
    ("realisation", "/personale", "/api/v1/questions"),
)


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


def new_admin(platform: Platform) -> str:
    """An admin account of this test's own (the demo admin's sessions are the browser tests')."""
    routing = platform.url("routing")
    demo = requests.post(
        f"{routing}/api/v1/auth/token",
        json={"email": "admin@demo.gentofte.dk", "password": "sammen-demo"},
        timeout=10,
    )
    assert demo.status_code == 200, demo.text
    email = f"udlogning-{uuid.uuid4().hex[:8]}@gentofte.dk"
    created = requests.post(
        f"{routing}/api/v1/agents",
        json={
            "name": "Ulla Udlogning",
            "email": email,
            "areas": ["andet"],
            "password": PASSWORD,
            "roles": ["admin"],
        },
        headers={"Authorization": f"Bearer {demo.json()['token']}"},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    return email


def opens(platform: Platform, token: str) -> dict[str, bool]:
    """Which staff pages (the cookie) and APIs (the same value as Bearer) let the token in."""
    found = {}
    for service, page, api in STAFF_VIEWS:
        base = platform.url(service)
        shown = requests.get(
            base + page, cookies={STAFF_COOKIE: token}, allow_redirects=False, timeout=10
        )
        found[f"{service} {page}"] = shown.status_code == 200
        answered = requests.get(
            base + api, headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        found[f"{service} {api}"] = answered.status_code not in (401, 403)
    return found


def test_logout_ends_the_cookie_and_the_bearer_token_on_every_service(platform):
    email = new_admin(platform)
    browser = requests.Session()
    routing = platform.url("routing")
    login = browser.get(f"{routing}/login", timeout=10)
    answer = browser.post(
        f"{routing}/login",
        data={"csrf_token": csrf_token(login.text), "email": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 303, answer.status_code
    token = browser.cookies[STAFF_COOKIE]
    before = opens(platform, token)
    assert all(before.values()), before

    inbox = browser.get(f"{routing}/indbakke", timeout=10)
    logout = browser.post(
        f"{routing}/logout",
        data={"csrf_token": csrf_token(inbox.text)},
        allow_redirects=False,
        timeout=10,
    )
    assert logout.status_code == 303
    assert not any(opens(platform, token)[f"routing {path}"] for path in STAFF_VIEWS[0][1:])
    wait_for(
        lambda: not any(opens(platform, token).values()),
        timeout=20,
        what="every service to refuse the ended session",
    )
