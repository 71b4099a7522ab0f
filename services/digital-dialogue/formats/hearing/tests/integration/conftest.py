import re
from datetime import UTC, datetime

import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.formats.hearing import handlers
from sammen.formats.hearing.app import create_app
from sammen.testing import SetClock, running_worker, service_environment, wired_worker

COORDINATOR = StaffIdentity(3, "kim@gentofte.dk", "Kim Koordinator", ("coordinator",))
AGENT = StaffIdentity(4, "agnete@gentofte.dk", "Agnete Agent", ("agent",))
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return SetClock(T0)


@pytest.fixture
def hearing_app(service_env, database_url, clock):
    service_env("hearing", database_url)
    app = create_app(clock=clock)
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def offline_hearing_app(monkeypatch, tmp_path, database_url, clock):
    """For page tests that need no broker: no virtual host to make and delete."""
    env = service_environment(
        "hearing", database_url, "amqp://guest:guest@127.0.0.1:1/%2F", str(tmp_path / "var")
    )
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = create_app(clock=clock)
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def hearing_worker(hearing_app):
    with running_worker(wired_worker(handlers, hearing_app)) as worker:
        yield worker


def bearer(app, staff=COORDINATOR):
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], staff)}"}


def log_in(app, client, staff=COORDINATOR):
    client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


def csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)


HEARING = {
    "title": "Ny trafikplan for Hellerup",
    "introduction": "Kommunen foreslår ændringer af trafikken omkring Hellerup Station.",
    "sections": [
        {"heading": "Cykelstier", "body": "Nye cykelstier på Strandvejen."},
        {"heading": "Parkering", "body": "Færre p-pladser ved stationen."},
    ],
    "opens_at": "2026-12-01T08:00",  # Copenhagen time
    "deadline": "2026-12-15T12:00",
    "answers": "public",
}
