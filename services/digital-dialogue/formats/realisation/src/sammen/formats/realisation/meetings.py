"""The committees' meetings from the calendar: public events of a committee's organizer, kept so
the committee's and its recommendations' pages show where progress is presented."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sammen.contracts import EventCancelled, EventPublished
from sammen.formats.realisation.models import Committee, Meeting


def forget_meeting(session: Session, event: EventPublished | EventCancelled) -> None:
    """`calendar.event_cancelled`: a cancelled meeting is shown nowhere."""
    session.execute(delete(Meeting).where(Meeting.event_id == str(event.event_id)))


def record_meeting(session: Session, event: EventPublished) -> None:
    """`calendar.event_published` / `_changed`: keep the committees' public meetings."""
    forget_meeting(session, event)
    if not event.public:
        return
    ours = session.scalars(
        select(Committee.organizer).where(Committee.organizer.in_(set(event.organizers)))
    )
    for organizer in set(ours):
        session.add(
            Meeting(
                event_id=str(event.event_id),
                organizer=organizer,
                title=event.title[:200],
                starts_at=datetime.fromisoformat(event.starts_at),
                location=event.location[:200] if event.location else None,
                url=event.url[:500],
            )
        )


def upcoming(session: Session, organizer: str | None, now: datetime) -> list[Meeting]:
    if not organizer:
        return []
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.organizer == organizer, Meeting.starts_at >= now)
            .order_by(Meeting.starts_at)
        )
    )
