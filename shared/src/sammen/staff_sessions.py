"""Ended staff sessions, alike in every service that accepts staff tokens.

Routing ends an account's sessions (logout, a disabled account, a new password, new roles) with
`end_all`: it records the moment in its own table, so its own check refuses the account's older
tokens at once, and publishes `staff.sessions_ended` from the same transaction. Every other service
that accepts staff tokens consumes the event (its queue `<service>.sessions`, `queue`) into
the same table in its own database; `sammen.auth` refuses a token issued up to the recorded moment.
One row per account, the latest end: the table stays as small as the staff.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Integer, MetaData, Table, case, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.bus import Event, emit
from sammen.contracts import SessionsEnded
from sammen.db import UTCDateTime, upsert

_metadata = MetaData()
sessions_ended_table = Table(
    "staff_sessions_ended",
    _metadata,
    Column("staff_id", Integer, primary_key=True, autoincrement=False),
    Column("ended_at", UTCDateTime, nullable=False),
)


def create_table(bind: Connection) -> None:
    """Create the table; the migration of every service that accepts staff tokens calls this."""
    _metadata.create_all(bind)


def record_ended(session: Session, staff_id: int, ended_at: datetime) -> None:
    """Keep the later of the recorded end and `ended_at`: ends may arrive in any order."""
    statement = upsert(session, sessions_ended_table).values(staff_id=staff_id, ended_at=ended_at)
    later = case(
        (
            statement.excluded.ended_at > sessions_ended_table.c.ended_at,
            statement.excluded.ended_at,
        ),
        else_=sessions_ended_table.c.ended_at,
    )
    session.execute(
        statement.on_conflict_do_update(index_elements=["staff_id"], set_={"ended_at": later})
    )


def ended_since(session: Session, staff_id: int, issued_at: datetime) -> bool:
    """Whether the account's sessions were ended at or after `issued_at` (its token is void)."""
    ended_at = session.scalar(
        select(sessions_ended_table.c.ended_at).where(sessions_ended_table.c.staff_id == staff_id)
    )
    return ended_at is not None and issued_at <= ended_at


def end_all(session: Session, service: str, staff_id: int, now: datetime | None = None) -> Event:
    """End every session of the account, here at once and on every service through the event."""
    ended_at = (now or datetime.now(UTC)).astimezone(UTC)
    record_ended(session, staff_id, ended_at)
    event = SessionsEnded(staff_id=staff_id, ended_at=_rfc3339(ended_at)).to_event(
        service, ended_at
    )
    emit(session, event)
    return event


def _rfc3339(moment: datetime) -> str:
    # Microseconds: a login right after a logout must come out later than the logout.
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def on_staff_sessions_ended(session: Session, event: SessionsEnded) -> None:
    """`staff.sessions_ended` from routing: refuse the account's tokens issued up to then."""
    ended_at = datetime.fromisoformat(event.ended_at)
    record_ended(session, int(event.staff_id), ended_at.astimezone(UTC))


def queue(service: str) -> Queue:
    """The queue of a service that accepts staff tokens, for its handlers' `QUEUES`."""
    return Queue(f"{service}.sessions", {SessionsEnded.TYPE: on_staff_sessions_ended})
