"""JSON nested far deeper than any body of ours, to every API route of every service, before any
authentication: a 400 naming the problem, one log line per request, nothing stored."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import pytest

from tests.security.apps import APPS, built, row_counts
from tests.security.routes import routes

JSON = "application/json"
DEPTHS = (40, 1000, 30_000)  # past the bound, past Python's recursion limit, near the body limit


@contextlib.contextmanager
def log_records() -> Iterator[list[logging.LogRecord]]:
    """What is logged meanwhile (the app's JSON handler on the root logger keeps writing too)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(handler)


def nested(depth: int) -> str:
    return '{"title":' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("service", sorted(APPS))
def test_deeply_nested_json_is_refused_on_every_api_route(service, tmp_path):
    with built(service, tmp_path) as app:
        client = app.test_client()
        before = row_counts(app)
        api_routes = [route for route in routes(app) if route.is_api]
        with log_records() as records:
            answers = {
                f"{route} at depth {depth}": client.open(
                    route.url, method=route.method, data=nested(depth), content_type=JSON
                )
                for route in api_routes
                for depth in DEPTHS
            }
        after = row_counts(app)
    assert api_routes, f"{service}: no API route"
    wrong = [
        f"{request}: {answer.status_code} {answer.text[:200]}"
        for request, answer in answers.items()
        if answer.status_code != 400 or "nested more than 32" not in answer.json["message"]
    ]
    assert not wrong, "\n".join(wrong)
    # One line per request, the request's own: no traceback, no warning.
    assert [r.getMessage() for r in records] == [f"{r} 400" for r in api_routes for _ in DEPTHS]
    assert not [r for r in records if r.exc_info or r.levelno >= logging.WARNING]
    assert after == before


def test_a_deeply_nested_form_post_gets_the_danish_error_page(tmp_path):
    with built("intake", tmp_path) as app:
        app.config["WTF_CSRF_ENABLED"] = False  # CSRF would refuse it first
        response = app.test_client().post("/", data=nested(1000), content_type=JSON)
    assert response.status_code == 400
    assert "for mange lag" in response.text
