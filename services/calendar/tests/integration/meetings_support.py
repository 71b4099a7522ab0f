"""What the tests of closed, joint and proposed meetings share: times relative to today, the
outbox, and a meeting held with people signed up."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from sammen.bus.outbox import outbox_table
from sammen.calendar.models import Event, EventClosing, Registration, TalkProposal
from sammen.testing import queued_events


def day(days, hour=17):
    """A Copenhagen wall-clock start `days` from today, and its end two hours later."""
    when = datetime.now(UTC) + timedelta(days=days)
    return {
        "starts_at": when.strftime(f"%Y-%m-%dT{hour:02d}:00"),
        "ends_at": when.strftime(f"%Y-%m-%dT{hour + 2:02d}:00"),
    }


def outbox(calendar, routing_key):
    return queued_events(calendar.config["SAMMEN_DATABASE"], routing_key)


def mails(calendar, category):
    return [
        e.data for e in outbox(calendar, "notification.requested") if e.data["category"] == category
    ]


def counts(calendar):
    """Every table these features write, and the outbox: what a refusal must leave as it was."""
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        tables = (Event, EventClosing, Registration, TalkProposal, outbox_table)
        return [session.scalar(select(func.count()).select_from(t)) for t in tables]


def sign_up(client, event_id, n):
    answer = client.post(
        f"/api/v1/events/{event_id}/registrations",
        json={"name": f"Borger {n}", "email": f"borger{n}@example.dk"},
    )
    assert answer.status_code == 201, answer.json
    return answer.json


def held_meeting(client, create, auth, staff, people=3, capacity=2):
    """A meeting people signed up for (`capacity` seats, the rest waiting), then held last week."""
    event = create(registration={"capacity": capacity}, **day(10))
    signups = [sign_up(client, event["id"], n) for n in range(people)]
    moved = client.patch(f"/api/v1/events/{event['id']}", json=day(-7), headers=auth(staff))
    assert moved.status_code == 200, moved.json
    return event, signups
