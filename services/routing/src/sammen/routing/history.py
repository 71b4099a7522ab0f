"""Entries in a case's history that are not status changes: staff notes, offers of help and the
initiator's replies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import CaseInitiatorReplied, IdeaInitiatorReplied, IdeaJoined
from sammen.routing.errors import NotFound, Refused
from sammen.routing.event_data import SERVICE, at_or_now, event_agent, parse_time, rfc3339
from sammen.routing.models import Case, CaseEntry


def staff_entry(
    now: datetime, kind: str, by: StaffIdentity | None, **details: str | None
) -> CaseEntry:
    """An entry in the case's history in `by`'s name (none when routing itself writes it)."""
    return CaseEntry(
        at=now,
        kind=kind,
        author_id=by.id if by else None,
        author_name=by.name if by else None,
        **details,
    )


def add_note(
    session: Session, case: Case, text: str, by: StaffIdentity, now: datetime | None = None
) -> None:
    text = text.strip()
    if not text:
        raise Refused("note", "Write the note.")
    case.entries.append(staff_entry(at_or_now(now), "note", by, text=text))


def record_dialogue(session: Session, event: IdeaJoined) -> None:
    """`dialogue.idea_joined`: someone offered help on the idea board; the agent sees it."""
    case = session.get(Case, event.case_id or "")
    if case is None:
        return
    offer = event.offer or ""
    message = event.message or ""
    case.entries.append(
        CaseEntry(at=event.envelope.time, kind="dialogue", text=f"{offer}: {message}".strip(": "))
    )


def record_initiator_reply(session: Session, event: IdeaInitiatorReplied) -> None:
    """`idea.initiator_replied`: the initiator wrote back through their private link; the words
    join the case's history and the agent is told (`case.initiator_replied`)."""
    case = session.scalar(select(Case).where(Case.idea_id == event.idea_id))
    if case is None:
        # The reply came through a link from a mail about this case, so the case exists: not yet
        # here means its idea is still on its way. Refusing retries it later.
        raise NotFound(event.idea_id)
    replied_at = parse_time(event.replied_at, event.envelope.time)
    case.entries.append(CaseEntry(at=replied_at, kind="initiator_replied", text=event.text))
    told = CaseInitiatorReplied(
        case_id=case.id,
        tracking_code=case.tracking_code,
        title=case.title,
        text=event.text,
        agent=event_agent(case.assignee) if case.assignee else None,
        replied_at=rfc3339(replied_at),
    )
    emit(session, told.to_event(SERVICE, event.envelope.time))
