"""Staff tokens on every service that accepts them, over every staff view its url_map has: a token
signed with the right key but not making a staff identity is no login (401, pages: the shared
login), and once an account's sessions are ended its earlier tokens are refused — each service
reading the end from its own database, where `staff.sessions_ended` put it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from sammen import staff_sessions
from sammen.auth import STAFF_COOKIE, issue_token
from sammen.testing import MALFORMED_CLAIMS, signed_token
from sammen.testing.events import received, sessions_ended
from tests.security.apps import built, staff
from tests.security.routes import Route, staff_routes

STAFF_TOKEN_SERVICES = ("calendar", "dialogue", "hearing", "notify", "routing", "theme_discussion")
# A few of the unit tests' kinds: each is tried on every staff route of every service.
MALFORMED = {
    name: MALFORMED_CLAIMS[name]
    for name in (
        "no roles",
        "roles as a string",
        "the id as a string",
        "no time of issue",
        "a list",
    )
}


def call(app: Flask, route: Route, token: str):  # type: ignore[no-untyped-def]
    """The route with `token` as its kind of login takes it: Bearer for APIs, the cookie for pages."""
    client = app.test_client()
    if route.is_api:
        body = {} if route.method == "GET" else {"json": {}}
        return client.open(
            route.url, method=route.method, headers={"Authorization": f"Bearer {token}"}, **body
        )
    client.set_cookie(STAFF_COOKIE, token)
    return client.open(
        route.url, method=route.method, **({} if route.method == "GET" else {"data": {}})
    )


def refused(app: Flask, route: Route, token: str) -> str | None:
    """Why the answer is not the refusal of someone not logged in (None: it is)."""
    answer = call(app, route, token)
    if route.is_api:
        return None if answer.status_code == 401 else f"{route}: {answer.status_code}, not 401"
    login = app.config["SAMMEN_SETTINGS"].base_url("routing") + "/login"
    if answer.status_code == 302 and answer.location.startswith(login):
        return None
    return f"{route}: {answer.status_code} {answer.location}, not the shared login"


def let_in(app: Flask, route: Route, token: str) -> str | None:
    answer = call(app, route, token)
    if answer.status_code in (401, 403) or (
        answer.status_code == 302 and "/login" in answer.location
    ):
        return f"{route}: {answer.status_code} for a valid token"
    return None


@pytest.mark.parametrize("service", STAFF_TOKEN_SERVICES)
def test_a_signed_token_that_is_no_staff_identity_is_no_login(service, tmp_path):
    with built(service, tmp_path) as app:
        app.config["WTF_CSRF_ENABLED"] = False
        routes = staff_routes(app)
        assert routes, f"{service}: no staff view found"
        problems = [
            f"{name}: {problem}"
            for name, payload in MALFORMED.items()
            for route in routes
            if (problem := refused(app, route, signed_token(app.config["SECRET_KEY"], payload)))
        ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("service", STAFF_TOKEN_SERVICES)
def test_tokens_issued_before_the_sessions_ended_are_refused(service, tmp_path):
    ended_at = datetime.now(UTC)
    who, colleague = staff("admin", staff_id=5), staff("admin", staff_id=6)
    with built(service, tmp_path) as app:
        app.config["WTF_CSRF_ENABLED"] = False
        key = app.config["SECRET_KEY"]
        earlier = issue_token(key, who, ended_at - timedelta(minutes=10))
        colleagues = issue_token(key, colleague, ended_at - timedelta(minutes=10))
        later = issue_token(key, who, ended_at + timedelta(microseconds=1))
        ended = received(sessions_ended(staff_id=5, ended_at=ended_at.isoformat()))
        with app.config["SAMMEN_DATABASE"].transaction() as session:  # as the consumer does
            staff_sessions.on_staff_sessions_ended(session, ended)
        routes = staff_routes(app)
        problems = [problem for route in routes if (problem := refused(app, route, earlier))]
        problems += [problem for route in routes if (problem := let_in(app, route, later))]
        problems += [problem for route in routes if (problem := let_in(app, route, colleagues))]
    assert not problems, "\n".join(problems)
