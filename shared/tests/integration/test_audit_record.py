"""`record_opened`: one `audit.data_opened` in the caller's outbox, committed with the caller's work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sammen.audit import record_opened
from sammen.auth import StaffIdentity
from sammen.testing import queued_events

STAFF = StaffIdentity(id=42, email="karen@gentofte.dk", name="Karen Koordinator", roles=("admin",))


def test_the_record_names_who_opened_what_and_nothing_personal(database):
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    with database.transaction() as session:
        record_opened(session, "calendar", STAFF, "registrations_listed", "event-1", at)
    [event] = queued_events(database)
    assert (event.type, event.subject, event.source) == (
        "audit.data_opened",
        "event-1",
        "/sammen/calendar",
    )
    assert event.data == {
        "service": "calendar",
        "staff_id": 42,
        "action": "registrations_listed",
        "subject": "event-1",
        "at": "2026-12-01T09:30:00Z",
    }
    assert STAFF.email not in str(event.data) and STAFF.name not in str(event.data)


def test_a_view_that_fails_leaves_no_record(database):
    with pytest.raises(RuntimeError), database.transaction() as session:
        record_opened(session, "hearing", STAFF, "responses_listed", None)
        raise RuntimeError("the view failed after reading")
    assert queued_events(database) == []


@pytest.mark.parametrize(
    ("service", "action", "subject"),
    [("", "listed", None), ("notify", "x" * 41, None), ("notify", "listed", "s" * 121)],
)
def test_values_routing_could_not_store_are_refused(database, service, action, subject):
    with pytest.raises(ValueError), database.transaction() as session:
        record_opened(session, service, STAFF, action, subject)
    assert queued_events(database) == []
