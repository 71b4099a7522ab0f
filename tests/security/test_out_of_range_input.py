"""Numbers too big for the database: a 404 or a 422 naming the field, never a 500 (SQLite) or a
misleading 503 "database unavailable" (PostgreSQL's DataError). Found by the API fuzz test."""

from __future__ import annotations

import re

import pytest

from sammen.auth import STAFF_COOKIE, issue_token
from tests.security.apps import APPS, bearer, built, staff
from tests.security.routes import routes

HUGE = str(2**70)
_INT_ARGUMENT = re.compile(r"<int(?:\([^)]*\))?:\w+>")
_OTHER_ARGUMENT = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?\w+>")


@pytest.mark.parametrize("service", sorted(APPS))
def test_a_huge_integer_in_any_path_is_not_found(service, tmp_path):
    """Every url_map rule with an <int:…> part, given 2**70 there, by a logged-in admin."""
    problems = []
    with built(service, tmp_path) as app:
        app.config["WTF_CSRF_ENABLED"] = False
        client = app.test_client()
        admin = staff("admin")
        client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], admin))
        for route in routes(app):
            if not _INT_ARGUMENT.search(route.rule):
                continue
            url = _OTHER_ARGUMENT.sub("x", _INT_ARGUMENT.sub(HUGE, route.rule))
            body = {"json": {"reason": "Upassende sprog", "action": "hide"}} if route.is_api else {}
            response = client.open(url, method=route.method, headers=bearer(app, admin), **body)
            if response.status_code >= 500:
                problems.append(f"{route}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_routing_refuses_an_out_of_range_assignee_filter(tmp_path):
    with built("routing", tmp_path) as app:
        response = app.test_client().get(
            f"/api/v1/cases?assignee={HUGE}", headers=bearer(app, staff("coordinator"))
        )
    assert response.status_code == 422
    assert "assignee" in response.json["errors"]["query"]
