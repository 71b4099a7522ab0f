import re
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from sammen.auth import STAFF_COOKIE, issue_token
from sammen.bus.envelope import Event
from sammen.contracts import IdeaSubmitted
from sammen.routing import handlers
from sammen.routing.accounts import create_account, identity
from sammen.routing.app import create_app
from sammen.routing.models import Case
from sammen.testing import (
    SetClock,
    queued_events,
    running_worker,
    service_environment,
    wired_worker,
)
from sammen.testing.events import envelope, idea_submitted
from sammen.web.clock import CONFIG_KEY as CLOCK_KEY

THEME = "kultur-og-fritid"
# The password of the accounts the tests log in with on the page or the API.
PASSWORD = "en-lang-adgangskode"


@pytest.fixture
def clock():
    return SetClock(datetime(2026, 11, 23, 9, tzinfo=UTC))  # a Monday


# Tests without a worker never reach the broker: they skip the cost of a virtual host of their own.
UNUSED_BROKER = "amqp://guest:guest@127.0.0.1:5672/unused"


@pytest.fixture
def broker_url(request):
    """The test's own virtual host when it runs a worker (asks for `amqp_url`), else none."""
    if "amqp_url" in request.fixturenames:
        return request.getfixturevalue("amqp_url")
    return UNUSED_BROKER


def routing_app(monkeypatch, database_url, broker_url, var_dir, **extra):
    env = service_environment("routing", database_url, broker_url, str(var_dir), **extra)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return create_app()


@pytest.fixture
def routing(monkeypatch, tmp_path, database_url, broker_url, clock):
    app = routing_app(monkeypatch, database_url, broker_url, tmp_path / "var")
    app.config["WTF_CSRF_ENABLED"] = True
    app.config[CLOCK_KEY] = clock
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def db(routing):
    return routing.config["SAMMEN_DATABASE"]


@pytest.fixture
def staff(routing, db):
    """Make a staff account: staff("agent", areas=[...]) → (account id, Bearer headers)."""

    def make(*roles, areas=(THEME,), password=None, **fields):
        with db.transaction() as session:
            account = create_account(
                session,
                email=fields.pop("email", f"{uuid.uuid4().hex[:8]}@gentofte.dk"),
                name=fields.pop("name", "Sofie Sparring"),
                roles=roles,
                password=password,
                areas=list(areas) if "agent" in roles else [],
                team=fields.pop("team", "kultur-og-fritid"),
                **fields,
            )
            who = identity(account)
        return who, {"Authorization": f"Bearer {issue_token(routing.config['SECRET_KEY'], who)}"}

    return make


def password_account(db, email="agnete@gentofte.dk", roles=("agent",), areas=("andet",)) -> int:
    """Agnete Holm's staff account, logging in with PASSWORD; its id."""
    with db.transaction() as session:
        return create_account(
            session,
            email=email,
            name="Agnete Holm",
            roles=roles,
            password=PASSWORD,
            areas=list(areas),
        ).id


def browser(app, who=None):
    """A test client, logged in as `who` through the shared staff cookie."""
    client = app.test_client()
    if who is not None:
        client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], who))
    return client


def idea(**changes) -> IdeaSubmitted:
    """`idea.submitted` as intake sends it; `changes` may give nested parts as their data."""
    sent = idea_submitted(
        tracking_code="ACDE-" + uuid.uuid4().hex[:4].upper(),
        theme=THEME,
        submitted_at="2026-11-23T09:00:00+00:00",
        status_url="http://localhost:8001/status/X",
    )
    return IdeaSubmitted.from_data(sent.to_data() | changes)


def submitted(**changes) -> Event:
    return envelope(idea(**changes))


@pytest.fixture
def worker(routing, db):
    """Routing's worker (consumers, relay, jobs) on the test's own virtual host."""
    with running_worker(wired_worker(handlers, routing)) as w:
        yield w


def outbox(db, type_=None):
    """The events routing queued, decoded, oldest first."""
    return queued_events(db, type_)


def cases(db):
    with db.transaction() as session:
        return list(session.scalars(select(Case)))


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden field {name}"
    return match.group(1)


def make_case(db, **changes):
    """A case as the consumer would create it from `idea.submitted`; returns its id."""
    from sammen.routing.cases import create_case_from_idea

    with db.transaction() as session:
        sent = idea(**changes)
        return create_case_from_idea(session, sent, 5, datetime(2026, 11, 23, 9, tzinfo=UTC)).id
