from datetime import UTC, datetime, timedelta

import pytest

from sammen.formats.idea_board import handlers
from sammen.formats.idea_board.app import create_app
from sammen.testing import publish_event, running_worker, wait_for, wired_worker
from sammen.testing.apps import started_app
from sammen.testing.events import (
    agent,
    agent_contact,
    case_published,
    case_status_changed,
    envelope,
)

AGENT = {"name": "Agnete Holm", "email": "agho@gentofte.dk", "phone": "39 98 00 00"}


@pytest.fixture
def board(service_env, database_url):
    service_env("idea_board", database_url)
    with started_app(create_app) as app:
        yield app


@pytest.fixture
def board_worker(board):
    with running_worker(wired_worker(handlers, board)) as w:
        yield w


def published(
    case_id="case-1", title="Bytte-reol på biblioteket", theme="kultur-og-fritid", **data
):
    """Routing's `case.published` of the case, at `at` (now by default)."""
    at = data.pop("at", datetime.now(UTC))
    event = case_published(
        case_id=case_id,
        idea_id=f"idea-{case_id}",
        tracking_code="ACDE-FHJK",
        title=title,
        theme=theme,
        agent=agent_contact(**AGENT),
        published_at=at.isoformat(),
        **data,
    )
    return envelope(event, at=at)


def status_changed(case_id, to, at=None):
    """Routing's `case.status_changed` of the case to `to`, at `at` (a second from now)."""
    at = at or datetime.now(UTC) + timedelta(seconds=1)
    event = case_status_changed(
        case_id=case_id, idea_id=f"idea-{case_id}", from_="in_dialogue", to=to, agent=agent(**AGENT)
    )
    return envelope(event, at=at)


def api_idea(app, case_id):
    return app.test_client().get(f"/api/v1/ideas/{case_id}")


def put_on_the_board(board, amqp_url, case_id):
    """Routing publishes the case through the broker; once the board shows it, a visitor's
    client."""
    publish_event(amqp_url, published(case_id))
    wait_for(lambda: api_idea(board, case_id).status_code == 200, what="the idea on the board")
    return board.test_client()
