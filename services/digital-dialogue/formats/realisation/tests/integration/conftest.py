import re
from datetime import UTC, datetime

import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.formats.realisation import handlers
from sammen.formats.realisation.app import create_app
from sammen.testing import SetClock, running_worker, service_environment, wired_worker

COORDINATOR = StaffIdentity(3, "kim@gentofte.dk", "Kim Koordinator", ("coordinator",))
OWNER = StaffIdentity(5, "Ole.Ejer@gentofte.dk", "Ole Ejer", ("agent",))
OTHER_AGENT = StaffIdentity(4, "agnete@gentofte.dk", "Agnete Agent", ("agent",))
# Monday 30 November 2026, 10:00 in Copenhagen: five working days end on Monday 7 December.
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

COMMITTEE = {
    "name": "Opgaveudvalget for bæredygtig mobilitet",
    "kind": "task_committee",
    "organizer": "opgaveudvalg-mobilitet",
    "members": [
        {"name": "Mette Borger", "email": "mette@example.dk", "role": "citizen"},
        {
            "name": "Per Politiker",
            "email": "per@example.dk",
            "role": "politician",
            "language": "en",
        },
    ],
}


def recommendation(committee_id: str, **changes):  # type: ignore[no-untyped-def]
    return {
        "committee_id": committee_id,
        "title": "Flere cykelparkeringer ved stationerne",
        "summary": "Udvalget anbefaler overdækket cykelparkering ved alle stationer.",
        "decided_by": "Kommunalbestyrelsen",
        "decided_on": "2026-06-22",
        "responsible": {
            "unit": "By og Trafik",
            "name": "Ole Ejer",
            "email": "ole.ejer@gentofte.dk",
        },
        "how_to_contribute": "Fortæl os, hvor du mangler en cykelparkering.",
        "milestones": [
            {"title": "Placeringer valgt", "due_on": "2027-01-31"},
            {"title": "Første parkering bygget", "due_on": "2027-06-30"},
        ],
        "links": [
            {
                "kind": "hearing",
                "label": "Høringen om trafikplanen",
                "url": "https://example.dk/h/1",
            }
        ],
    } | changes


@pytest.fixture
def clock():
    return SetClock(T0)


@pytest.fixture
def realisation_app(service_env, database_url, clock):
    service_env("realisation", database_url)
    app = create_app(clock=clock)
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def offline_realisation_app(monkeypatch, tmp_path, database_url, clock):
    """For tests that need no broker: no virtual host to make and delete."""
    env = service_environment(
        "realisation", database_url, "amqp://guest:guest@127.0.0.1:1/%2F", str(tmp_path / "var")
    )
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = create_app(clock=clock)
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def realisation_worker(realisation_app):
    with running_worker(wired_worker(handlers, realisation_app)) as worker:
        yield worker


def bearer(app, staff=COORDINATOR):  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], staff)}"}


def log_in(app, client, staff=COORDINATOR):  # type: ignore[no-untyped-def]
    client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


def csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)


def set_up(app):  # type: ignore[no-untyped-def]
    """A committee with two members and one recommendation owned by OWNER."""
    api = app.test_client()
    committee = api.post("/api/v1/committees", json=COMMITTEE, headers=bearer(app))
    assert committee.status_code == 201, committee.json
    created = api.post(
        "/api/v1/recommendations", json=recommendation(committee.json["id"]), headers=bearer(app)
    )
    assert created.status_code == 201, created.json
    return committee.json, created.json
