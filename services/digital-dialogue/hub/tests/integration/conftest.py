import pytest

from sammen.auth import StaffIdentity
from sammen.bus import Event
from sammen.dialogue import handlers
from sammen.dialogue.app import create_app
from sammen.dialogue.jobs import registry_job
from sammen.formats.idea_board import handlers as board_handlers
from sammen.formats.idea_board.app import create_app as create_idea_board
from sammen.testing import publish_event, running_worker, wait_for, wired_worker
from sammen.testing.apps import SignIn, started_app
from sammen.testing.events import agent_contact, case_published, envelope

MODERATOR = StaffIdentity(7, "mona@gentofte.dk", "Mona Moderator", ("moderator",))
AGENT = StaffIdentity(8, "agnete@gentofte.dk", "Agnete Agent", ("agent",))


SIGN_IN = SignIn(MODERATOR)
bearer, log_in = SIGN_IN.bearer, SIGN_IN.log_in


@pytest.fixture
def hub(service_env, database_url):
    service_env("dialogue", database_url)
    with started_app(create_app) as app:
        yield app


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


def board_showing_the_idea(idea_board, amqp_url):  # type: ignore[no-untyped-def]
    """A browser on the idea board, once routing's publication of case-9 has reached it."""
    publish_event(amqp_url, idea_published("case-9"))
    board = idea_board.test_client()
    wait_for(lambda: board.get("/ideer/case-9").status_code == 200, what="the idea")
    return board
