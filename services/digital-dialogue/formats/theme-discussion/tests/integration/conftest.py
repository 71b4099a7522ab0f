from datetime import UTC, datetime

import pytest

from sammen.auth import StaffIdentity
from sammen.formats.theme_discussion import handlers
from sammen.formats.theme_discussion.app import create_app
from sammen.testing import SetClock, running_worker, wired_worker
from sammen.testing.apps import SignIn, started_app, without_broker

SECRETARY = StaffIdentity(5, "sekretaer@gentofte.dk", "Sif Sekretær", ("council_secretary",))
MODERATOR = StaffIdentity(6, "moderator@gentofte.dk", "Mads Moderator", ("moderator",))
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SIGN_IN = SignIn(SECRETARY)
bearer, log_in = SIGN_IN.bearer, SIGN_IN.log_in


@pytest.fixture
def clock():
    return SetClock(T0)


@pytest.fixture
def discussion_app(service_env, database_url, clock):
    service_env("theme_discussion", database_url)
    with started_app(lambda: create_app(clock=clock)) as app:
        yield app


@pytest.fixture
def offline_discussion_app(monkeypatch, tmp_path, database_url, clock):
    """For page tests that need no broker."""
    without_broker(monkeypatch, "theme_discussion", database_url, tmp_path)
    with started_app(lambda: create_app(clock=clock), csrf=False) as app:
        yield app


@pytest.fixture
def discussion_worker(discussion_app):
    with running_worker(wired_worker(handlers, discussion_app)) as worker:
        yield worker


DISCUSSION = {
    "title": "Unges fritid i Gentofte",
    "committee": "Kultur-, Unge- og Fritidsudvalget",
    "intro": "Udvalget holder temamøde om unges fritid og vil gerne høre jeres perspektiver først.",
    "event_id": "3f2c1d7e-0000-4000-8000-000000000001",
    "questions": ["Hvor mødes unge i dag?", "Hvad mangler der?"],
    "closes_at": "2026-12-10T12:00",  # Copenhagen time
}
BENT = {"name": "Bent Olsen", "email": "bent@example.dk", "text": "I hallen og på biblioteket."}
LIS = {"name": "Lis Berg", "email": "lis@example.dk", "text": "More late opening hours."}
