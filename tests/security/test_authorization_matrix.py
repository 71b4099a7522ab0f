"""Every staff endpoint and page of every service × every role × anonymous, found in each app's
url_map through the marks `staff_api`/`staff_page` leave on their views (no hand-written list)."""

from __future__ import annotations

import pytest

from sammen.auth import ROLES
from sammen.testing.apps import signed_in
from tests.security.apps import APPS, bearer, built, staff
from tests.security.routes import Route, staff_routes

# Services whose staff views are all behind `staff_api`/`staff_page` (idea board has none).
EXPECTED_STAFF_VIEWS = {
    "routing",
    "notify",
    "calendar",
    "dialogue",
    "hearing",
    "theme_discussion",
    "realisation",
}


def call(client, route: Route, who=None):  # type: ignore[no-untyped-def]
    """One request to the route, as `who` (None: anonymous), by the route's own means of login."""
    headers = {}
    if who is not None and route.is_api:
        headers = bearer(client.application, who)
    signed_in(client.application, client, None if route.is_api else who)
    body = {"json": {}} if route.is_api else {"data": {}}
    if route.method == "GET":
        body = {}
    return client.open(route.url, method=route.method, headers=headers, **body)


def violations(app, route: Route) -> list[str]:  # type: ignore[no-untyped-def]
    client = app.test_client()
    found = []
    anonymous = call(client, route)
    if route.is_api and anonymous.status_code != 401:
        found.append(f"{route} anonymous: {anonymous.status_code}, not 401")
    if not route.is_api:
        login = app.config["SAMMEN_SETTINGS"].base_url("routing") + "/login"
        if anonymous.status_code != 302 or not anonymous.location.startswith(login):
            found.append(
                f"{route} anonymous: {anonymous.status_code} {anonymous.location}, "
                "not 302 to the shared login"
            )
    for role in ROLES:
        who = staff(role)
        status = call(client, route, who).status_code
        allowed = who.has_any(route.roles)
        if allowed and status in (401, 403):
            found.append(f"{route} as {role}: {status} although the role is allowed")
        if not allowed and status != 403:
            found.append(f"{route} as {role}: {status}, not 403")
    return found


@pytest.mark.parametrize("service", sorted(APPS))
def test_every_staff_view_refuses_anonymous_and_wrong_roles(service, tmp_path):
    with built(service, tmp_path) as app:
        app.config["WTF_CSRF_ENABLED"] = False  # CSRF has its own test; here only who may pass
        routes = staff_routes(app)
        if service in EXPECTED_STAFF_VIEWS:
            assert routes, f"{service}: no staff view found in the url_map"
        found = [problem for route in routes for problem in violations(app, route)]
    assert not found, "\n".join(found)


def test_the_matrix_sees_the_staff_views_of_routing():
    """The marks survive flask-smorest's and the limiter's wrappers (a guard for the guard)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as work, built("routing", Path(work)) as app:
        found = {(r.method, r.rule): r for r in staff_routes(app)}
    assert found[("POST", "/api/v1/privacy/erasure")].roles == ("coordinator",)
    assert found[("POST", "/api/v1/agents")].kind == "api"
    assert found[("GET", "/indbakke")].kind == "page"
    assert ("POST", "/api/v1/auth/token") not in found  # the login itself is public
