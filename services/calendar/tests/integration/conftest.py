import pytest
from sqlalchemy import func, select

from sammen.auth import StaffIdentity, issue_token
from sammen.bus.outbox import outbox_table
from sammen.calendar import access, handlers
from sammen.calendar.app import create_app
from sammen.calendar.models import Event
from sammen.testing import running_worker, wired_worker
from sammen.testing.apps import started_app, without_broker

SECRETARY = StaffIdentity(11, "sekretaer@gentofte.dk", "Sanne Sekretær", ("council_secretary",))
OTHER_SECRETARY = StaffIdentity(12, "groen@gentofte.dk", "Gert Grøn", ("council_secretary",))
COORDINATOR = StaffIdentity(13, "koordinator@gentofte.dk", "Karen Koordinator", ("coordinator",))
ADMIN = StaffIdentity(14, "admin@gentofte.dk", "Anders Admin", ("admin",))
AGENT = StaffIdentity(15, "agent@gentofte.dk", "Agnete Agent", ("agent",))


def event_body(**changes):
    return {
        "title": "Seniorrådets møde",
        "description": "Ordinært møde. Tilhørere er velkomne.",
        "starts_at": "2026-10-06T18:00",
        "ends_at": "2026-10-06T20:00",
        "location": "Gentofte Rådhus, mødelokale 3",
        "organizers": ["seniorraadet"],
        "kind": "council_meeting",
        "topics": ["aeldre-og-seniorliv"],
        "public": True,
    } | changes


def stored(calendar):
    """(events, outbox rows): what a refused request must leave as it was."""
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        events = session.scalar(select(func.count()).select_from(Event))
        outbox = session.scalar(select(func.count()).select_from(outbox_table))
        return events, outbox


def start_calendar():
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = False
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        access.set_secretary(session, SECRETARY.email, ["seniorraadet", "handicapraadet"])
        access.set_secretary(session, OTHER_SECRETARY.email, ["groent-raad"])
    return app


@pytest.fixture
def calendar(monkeypatch, tmp_path, database_url):
    """The app on a real database; its events stay in the outbox (no worker, no broker)."""
    without_broker(monkeypatch, "calendar", database_url, tmp_path)
    with started_app(start_calendar, csrf=False) as app:
        yield app


@pytest.fixture
def calendar_on_broker(service_env, database_url):
    """The app with its own broker virtual host, for tests of the events in and out."""
    service_env("calendar", database_url)
    with started_app(start_calendar, csrf=False) as app:
        yield app


@pytest.fixture
def worker(calendar_on_broker):
    """Calendar's consumer on the test's broker virtual host, running beside the app."""
    with running_worker(wired_worker(handlers, calendar_on_broker)) as running:
        yield running


def coordinator_headers(app):
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], COORDINATOR)}"}


@pytest.fixture
def auth(calendar):
    def headers(staff):
        return {"Authorization": f"Bearer {issue_token(calendar.config['SECRET_KEY'], staff)}"}

    return headers


@pytest.fixture
def client(calendar):
    return calendar.test_client()


@pytest.fixture
def create(client, auth):
    def make(staff=COORDINATOR, **changes):
        response = client.post("/api/v1/events", json=event_body(**changes), headers=auth(staff))
        assert response.status_code == 201, response.json
        return response.json

    return make
