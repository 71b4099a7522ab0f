import re
from datetime import UTC, datetime

import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.formats.theme_discussion import handlers
from sammen.formats.theme_discussion.app import create_app
from sammen.testing import SetClock, running_worker, service_environment, wired_worker

SECRETARY = StaffIdentity(5, "sekretaer@gentofte.dk", "Sif Sekretær", ("council_secretary",))
MODERATOR = StaffIdentity(6, "moderator@gentofte.dk", "Mads Moderator", ("moderator",))
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return SetClock(T0)


@pytest.fixture
def discussion_app(service_env, database_url, clock):
    service_env("theme_discussion", database_url)
    app = create_app(clock=clock)
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def offline_discussion_app(monkeypatch, tmp_path, database_url, clock):
    """For page tests that need no broker: no virtual host to make and delete."""
    env = service_environment(
        "theme_discussion",
        database_url,
        "amqp://guest:guest@127.0.0.1:1/%2F",
        str(tmp_path / "var"),
    )
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = create_app(clock=clock)
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def discussion_worker(discussion_app):
    with running_worker(wired_worker(handlers, discussion_app)) as worker:
        yield worker


def bearer(app, staff=SECRETARY):
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], staff)}"}


def log_in(app, client, staff=SECRETARY):
    client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


def csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)


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
