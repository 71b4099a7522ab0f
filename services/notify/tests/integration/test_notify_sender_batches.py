"""The sender pays the database per batch, not per mail: on PostgreSQL every statement is a round
trip, and a sender that makes several for each mail falls behind a steady stream of receipts."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event

from .conftest import handle, idea_submitted, messages, send


@contextlib.contextmanager
def counted_statements(app: Any) -> Iterator[list[str]]:
    """The statements `app`'s database runs inside the block (an executemany counts once)."""
    engine = app.config["SAMMEN_DATABASE"].engine
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def statements_to_send(app: Any, batch: str, mails: int) -> int:
    for n in range(mails):
        handle(app, idea_submitted(email=f"borger-{batch}-{n}@example.dk"))
    with counted_statements(app) as seen:
        assert send(app) == mails
    return len(seen)


def test_a_larger_batch_costs_at_most_its_outcome_events_more(notify, smtp_server):
    one = statements_to_send(notify, "a", 1)
    ten = statements_to_send(notify, "b", 10)
    # Each further mail adds its `notification.sent` row to the outbox and nothing else: its
    # claim, its rate-limit look-up and its outcome go with the batch's.
    assert ten - one <= 9
    assert len(messages(notify, status="delivered")) == 11
    assert len(smtp_server.received) == 11
