"""Entries in a case's history that are not status changes: staff notes, offers of help and the
initiator's replies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import Event, emit, new_event
from sammen.routing.errors import NotFound, Refused
from sammen.routing.event_data import SERVICE, agent_contact, at_or_now, parse_time, rfc3339
from sammen.routing.models import Case, CaseEntry


def add_note(
    session: Session, case: Case, text: str, by: StaffIdentity, now: datetime | None = None
) -> None:
    text = text.strip()
    if not text:
        raise Refused("note", "Write the note.")
    case.entries.append(
        CaseEntry(at=at_or_now(now), kind="note", text=text, author_id=by.id, author_name=by.name)
    )


def record_dialogue(session: Session, event: Event) -> None:
    """`dialogue.idea_joined`: someone offered help on the idea board; the agent sees it."""
    case = session.get(Case, event.data.get("case_id") or "")
    if case is None:
        return
    offer = event.data.get("offer", "")
    message = event.data.get("message") or ""
    case.entries.append(
        CaseEntry(at=event.time, kind="dialogue", text=f"{offer}: {message}".strip(": "))
    )


def record_initiator_reply(session: Session, event: Event) -> None:
    """`idea.initiator_replied`: the initiator wrote back through their private link; the words
    join the case's history and the agent is told (`case.initiator_replied`)."""
    data = event.data
    case = session.scalar(select(Case).where(Case.idea_id == data["idea_id"]))
    if case is None:
        # The reply came through a link from a mail about this case, so the case exists: not yet
        # here means its idea is still on its way. Refusing retries it later.
        raise NotFound(data["idea_id"])
    replied_at = parse_time(data.get("replied_at"), event.time)
    case.entries.append(CaseEntry(at=replied_at, kind="initiator_replied", text=data["text"]))
    emit(
        session,
        new_event(
            SERVICE,
            "case.initiator_replied",
            case.id,
            {
                "case_id": case.id,
                "tracking_code": case.tracking_code,
                "title": case.title,
                "text": data["text"],
                "agent": agent_contact(case.assignee),
                "replied_at": rfc3339(replied_at),
            },
            event.time,
        ),
    )
