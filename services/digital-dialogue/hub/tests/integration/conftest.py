import re

import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.bus import Event
from sammen.dialogue import handlers
from sammen.dialogue.app import create_app
from sammen.dialogue.jobs import registry_job
from sammen.formats.idea_board import handlers as board_handlers
from sammen.formats.idea_board.app import create_app as create_idea_board
from sammen.testing import running_worker, wired_worker
from sammen.testing.events import agent_contact, case_published, envelope

MODERATOR = StaffIdentity(7, "mona@gentofte.dk", "Mona Moderator", ("moderator",))
AGENT = StaffIdentity(8, "agnete@gentofte.dk", "Agnete Agent", ("agent",))


def bearer(app, staff=MODERATOR):
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], staff)}"}


def log_in(app, client, staff=MODERATOR):
    client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


@pytest.fixture
def hub(service_env, database_url):
    service_env("dialogue", database_url)
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


def hub_worker(app):
    return running_worker(
        wired_worker(handlers, app, [registry_job(app.config["SAMMEN_DATABASE"])])
    )


def live_slugs(app):
    return [entry["slug"] for entry in app.test_client().get("/api/v1/formats").json]


@pytest.fixture
def idea_board(service_env, hub, tmp_path):
    """The idea board, a real format reporting to the hub, with its worker running."""
    service_env("idea_board", f"sqlite:///{tmp_path / 'idea_board.sqlite3'}")
    app = create_idea_board()
    with running_worker(wired_worker(board_handlers, app)):
        yield app
    app.config["SAMMEN_DATABASE"].dispose()


def csrf_from(page):
    return re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)


def queue(hub, status="open"):
    response = hub.test_client().get(
        "/api/v1/moderation/contributions", query_string={"status": status}, headers=bearer(hub)
    )
    assert response.status_code == 200
    return response.json


def idea_published(case_id: str) -> Event:
    """Routing's `case.published`: the idea appears on the board, open for comments."""
    published = case_published(
        case_id=case_id,
        idea_id="idea-9",
        tracking_code="ACDE-FHJK",
        title="Fællesspisning i Ordrup",
        summary="Naboer spiser sammen hver torsdag.",
        theme="integration-og-faellesskab",
        status="in_dialogue",
        agent=agent_contact(name="Agnete Holm", email="agho@gentofte.dk", phone=None),
        published_at="2026-11-27T10:00:00+00:00",
    )
    return envelope(published)
