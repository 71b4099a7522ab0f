"""Reading the calendar: one event, the instances in a window (series expanded), joint suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sammen.calendar.errors import NotFound
from sammen.calendar.joint_suggestions import (
    JointSuggestion,
    PlannedMeeting,
    joint_meeting_suggestions,
)
from sammen.calendar.metrics import recurrence_instances
from sammen.calendar.models import Event, EventOrganizer, EventTopic, TalkProposal
from sammen.calendar.recurrence import ExpansionTally, Occurrence, occurrences

SUGGESTION_HORIZON = timedelta(weeks=26)  # half a year: how far ahead councils plan

Columns = TypeVarTuple("Columns")  # what a filtered query selects stays as it was


@dataclass(frozen=True)
class Filters:
    organizer: str | None = None
    topic: str | None = None
    kind: str | None = None
    initiative: str | None = None  # who took the initiative to a proposed Gentofte Talk
    include_internal: bool = False
    event_id: str | None = None


def filtered(query: Select[*Columns], filters: Filters) -> Select[*Columns]:
    """`query` narrowed to the events the filters choose (public ones unless told otherwise)."""
    if not filters.include_internal:
        query = query.where(Event.public.is_(True))
    if filters.organizer:
        query = query.where(
            _events_with(
                EventOrganizer.event_id, EventOrganizer.organizer_slug == filters.organizer
            )
        )
    if filters.topic:
        query = query.where(_events_with(EventTopic.event_id, EventTopic.topic == filters.topic))
    if filters.kind:
        query = query.where(Event.kind == filters.kind)
    if filters.initiative:
        query = query.where(
            _events_with(
                TalkProposal.event_id, TalkProposal.proposer_organisation == filters.initiative
            )
        )
    if filters.event_id:
        query = query.where(Event.id == filters.event_id)
    return query


def _events_with(
    event_id: InstrumentedAttribute[str | None] | InstrumentedAttribute[str],
    condition: ColumnElement[bool],
) -> ColumnElement[bool]:
    """The events a row of another table names (by its `event_id`) where `condition` holds."""
    return Event.id.in_(select(event_id).where(condition))


def get_event(session: Session, event_id: str, *, lock: bool = False) -> Event:
    """The event, or NotFound; `lock` for a writer that changes it or its registrations."""
    query = select(Event).where(Event.id == event_id)
    if lock:
        # PostgreSQL: sign-ups and cancellations of one event queue here. SQLite already holds
        # the database's write lock since BEGIN IMMEDIATE.
        query = query.with_for_update()
    event = session.scalar(query)
    if event is None:
        raise NotFound
    return event


def occurrences_between(
    session: Session,
    window_from: datetime,
    window_to: datetime,
    filters: Filters,
    per_event: int | None = None,
) -> list[tuple[Event, Occurrence]]:
    """Every instance in the window (or each event's first `per_event`), recurring events
    expanded, in time order."""
    query = filtered(select(Event), filters).where(
        Event.starts_at < window_to,
        (Event.rrule.is_not(None)) | (Event.ends_at > window_from),
    )
    tally = ExpansionTally()
    found = [
        (event, occurrence)
        for event in session.scalars(query)
        for occurrence in islice(
            occurrences(
                event.starts_at,
                event.ends_at,
                event.rrule,
                event.exdate_list,
                window_from,
                window_to,
                tally,
            ),
            per_event,
        )
    ]
    recurrence_instances.inc(tally.computed)
    return sorted(found, key=lambda pair: (pair[1].starts_at, pair[0].title))


def joint_suggestions(
    session: Session, within_weeks: int, now: datetime, organizers: set[str] | None = None
) -> list[JointSuggestion]:
    """Suggestions among planned meetings; only those touching `organizers`, when given."""
    meetings = [
        PlannedMeeting(
            event.id,
            event.title,
            frozenset(event.organizers),
            frozenset(event.topics),
            occurrence.starts_at,
            occurrence.ends_at,
        )
        for event, occurrence in occurrences_between(
            session, now, now + SUGGESTION_HORIZON, Filters(include_internal=True)
        )
        if event.status != "cancelled"
    ]
    found = joint_meeting_suggestions(meetings, timedelta(weeks=within_weeks))
    if organizers is None:
        return found
    return [s for s in found if s.involves(organizers)]
