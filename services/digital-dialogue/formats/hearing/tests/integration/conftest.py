from datetime import UTC, datetime

import pytest

from sammen.auth import StaffIdentity
from sammen.formats.hearing import handlers
from sammen.formats.hearing.app import create_app
from sammen.testing import SetClock, running_worker, wired_worker
from sammen.testing.apps import SignIn, started_app, without_broker

COORDINATOR = StaffIdentity(3, "kim@gentofte.dk", "Kim Koordinator", ("coordinator",))
AGENT = StaffIdentity(4, "agnete@gentofte.dk", "Agnete Agent", ("agent",))
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SIGN_IN = SignIn(COORDINATOR)
bearer, log_in = SIGN_IN.bearer, SIGN_IN.log_in


@pytest.fixture
def clock():
    return SetClock(T0)


@pytest.fixture
def hearing_app(service_env, database_url, clock):
    service_env("hearing", database_url)
    with started_app(lambda: create_app(clock=clock)) as app:
        yield app


@pytest.fixture
def offline_hearing_app(monkeypatch, tmp_path, database_url, clock):
    """For page tests that need no broker."""
    without_broker(monkeypatch, "hearing", database_url, tmp_path)
    with started_app(lambda: create_app(clock=clock), csrf=False) as app:
        yield app


@pytest.fixture
def hearing_worker(hearing_app):
    with running_worker(wired_worker(handlers, hearing_app)) as worker:
        yield worker


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
