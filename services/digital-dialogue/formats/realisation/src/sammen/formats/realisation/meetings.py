"""The committees' meetings from the calendar: public events of a committee's organizer, kept so
the committee's and its recommendations' pages show where progress is presented."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sammen.bus import Event
from sammen.formats.realisation.models import Committee, Meeting


def record_meeting(session: Session, event: Event) -> None:
    """`calendar.event_published` / `_changed` / `_cancelled`: keep the committees' public meetings."""
    data = event.data
    event_id = str(data.get("event_id") or event.subject)
    session.execute(delete(Meeting).where(Meeting.event_id == event_id))
    if event.type.endswith("event_cancelled") or not data.get("public", True):
        return
    organizers = set(data.get("organizers") or [])
    ours = session.scalars(select(Committee.organizer).where(Committee.organizer.in_(organizers)))
    for organizer in set(ours):
        session.add(
            Meeting(
                event_id=event_id,
                organizer=organizer,
                title=str(data.get("title") or "")[:200],
                starts_at=datetime.fromisoformat(str(data["starts_at"])),
                location=(str(data["location"])[:200] if data.get("location") else None),
                url=str(data.get("url") or "")[:500],
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
