"""The platform's audit log: routing's own entries and every service's `audit.data_opened`, read by
admins through `GET /api/v1/audit`."""

from datetime import UTC, datetime, timedelta

import pytest

from sammen.contracts import DataOpened
from sammen.routing.audit import audit, record_audit_event
from sammen.testing import publish_event, wait_for
from sammen.testing.events import data_opened, envelope

from .conftest import make_case

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)


def opened(service, staff_id, action, subject, at):
    """The event another service's view leaves in its outbox (see sammen.audit.record_opened)."""
    at = at.isoformat().replace("+00:00", "Z")
    event = data_opened(service=service, staff_id=staff_id, action=action, subject=subject, at=at)
    return envelope(event, service=service)


@pytest.fixture
def entries(db, staff):
    """Four entries an hour apart: routing's own case opening, then calendar, hearing, notify."""
    agent, _ = staff("agent")
    coordinator, _ = staff("coordinator")
    case_id = make_case(db)
    with db.transaction() as session:
        audit(session, agent, "open_case", case_id, MONDAY)
        for hours, (service, who, action, subject) in enumerate(
            [
                ("calendar", coordinator, "registrations_listed", "event-1"),
                ("hearing", agent, "responses_listed", "hearing-1"),
                ("notify", coordinator, "notifications_listed", None),
            ],
            start=1,
        ):
            at = MONDAY + timedelta(hours=hours)
            record_audit_event(
                session, DataOpened.from_event(opened(service, who.id, action, subject, at))
            )
    return {"agent": agent, "coordinator": coordinator, "case_id": case_id}


def read(client, headers, **query):
    response = client.get("/api/v1/audit", query_string=query, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_admins_read_every_services_entries_newest_first_and_filter_them(routing, staff, entries):
    _, admin = staff("admin")
    client = routing.test_client()
    everything = read(client, admin)
    assert [(e["service"], e["action"]) for e in everything] == [
        ("notify", "notifications_listed"),
        ("hearing", "responses_listed"),
        ("calendar", "registrations_listed"),
        ("routing", "open_case"),
    ]
    calendar = everything[2]
    assert calendar["staff_id"] == entries["coordinator"].id
    assert (calendar["subject"], calendar["case_id"]) == ("event-1", None)
    assert calendar["at"].startswith("2026-11-23T10:00:00")
    assert everything[3]["case_id"] == entries["case_id"]

    def actions(**query):
        return [e["action"] for e in read(client, admin, **query)]

    assert actions(staff_id=entries["agent"].id) == ["responses_listed", "open_case"]
    assert actions(service="routing") == ["open_case"]
    assert actions(case_id=entries["case_id"]) == ["open_case"]
    assert actions(subject="hearing-1") == ["responses_listed"]
    # since ≤ at < until; a time without offset is UTC.
    assert actions(since="2026-11-23T10:00:00", until="2026-11-23T12:00:00+00:00") == [
        "responses_listed",
        "registrations_listed",
    ]
    # 12.00 in Copenhagen is 11.00 UTC.
    assert actions(since="2026-11-23T12:00:00+01:00") == [
        "notifications_listed",
        "responses_listed",
    ]
    assert actions(limit=2) == ["notifications_listed", "responses_listed"]
    # Reading the log opens nobody's data: it adds no entry.
    assert len(read(client, admin)) == 4


@pytest.mark.parametrize(
    "query",
    [
        {"limit": 0},
        {"limit": 501},
        {"staff_id": "anna"},
        {"since": "i går"},
        {"since": "2026-11-24T00:00:00Z", "until": "2026-11-23T00:00:00Z"},
    ],
)
def test_bad_filters_are_refused_naming_the_field(routing, staff, query):
    _, admin = staff("admin")
    response = routing.test_client().get("/api/v1/audit", query_string=query, headers=admin)
    assert response.status_code == 422
    named = set(response.json["errors"]["query"])
    assert named and named <= set(query)


def test_only_admins_read_the_audit_log(routing, staff, entries):
    client = routing.test_client()
    assert client.get("/api/v1/audit").status_code == 401
    for role in ("agent", "coordinator", "council_secretary", "moderator"):
        _, headers = staff(role)
        assert client.get("/api/v1/audit", headers=headers).status_code == 403, role


def test_a_published_record_is_kept_once_with_its_service_and_time(
    routing, staff, worker, amqp_url
):
    _, admin = staff("admin")
    client = routing.test_client()
    first = opened("calendar", 17, "registrations_listed", "event-9", MONDAY)
    publish_event(amqp_url, first)
    publish_event(amqp_url, first)  # the relay or the broker delivers it again
    # One queue, one consumer: once the next record is in, the repeat has been handled too.
    publish_event(amqp_url, opened("hearing", 17, "responses_listed", "hearing-9", MONDAY))

    def after_the_next_record():
        found = read(client, admin)
        return any(e["service"] == "hearing" for e in found) and found

    found = wait_for(after_the_next_record, what="the hearing's record")
    [calendar] = [e for e in found if e["service"] == "calendar"]
    assert (calendar["staff_id"], calendar["action"], calendar["subject"]) == (
        17,
        "registrations_listed",
        "event-9",
    )
    # The time of the view, not of its arrival.
    assert calendar["at"].startswith("2026-11-23T09:00:00")
    assert len(read(client, admin, service="calendar")) == 1
