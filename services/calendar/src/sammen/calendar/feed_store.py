"""What the feeds serve: each event's VEVENT, stored at every change, and the feeds' state.

A feed of thousands of events is then one query over stored text; one aggregate query (count,
newest change) answers 304 and keys the rendered feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.calendar import SERVICE, ical
from sammen.calendar.agenda import Filters, filtered
from sammen.calendar.links import event_url
from sammen.calendar.models import Event
from sammen.calendar.organizers import organizer_names
from sammen.config import Settings


def store_vevent(session: Session, settings: Settings, event: Event) -> None:
    """Render the event's VEVENT for the service's public address and keep it on the row."""
    names = organizer_names(session)
    view = ical.EventView(
        id=event.id,
        title=event.title,
        description=event.description,
        location=event.location,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        rrule=event.rrule,
        exdates=event.exdate_list,
        status=event.status,
        sequence=event.sequence,
        topics=event.topics,
        organizer_names=[names.get(slug, slug) for slug in event.organizers],
        created_at=event.created_at,
        updated_at=event.updated_at,
        url=event_url(settings, event.id),
    )
    event.ical = ical.render_vevent(view)
    event.ical_base_url = settings.base_url(SERVICE)


@dataclass(frozen=True)
class FeedState:
    count: int
    last_modified: datetime | None


def feed_state(session: Session, filters: Filters) -> FeedState:
    """One aggregate query: enough to answer 304 and to key the rendered feed."""
    count, newest = session.execute(
        filtered(select(func.count(Event.id), func.max(Event.updated_at)), filters)
    ).one()
    return FeedState(int(count), newest)


def feed_vevents(session: Session, settings: Settings, filters: Filters) -> list[str]:
    """The stored VEVENTs; those rendered for another public address are rendered again."""
    base = settings.base_url(SERVICE)
    stale = session.scalars(filtered(select(Event), filters).where(Event.ical_base_url != base))
    for event in stale:
        store_vevent(session, settings, event)
    query = filtered(select(Event.ical), filters).order_by(Event.starts_at, Event.id)
    return list(session.scalars(query))
