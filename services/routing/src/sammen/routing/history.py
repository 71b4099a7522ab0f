"""Entries in a case's history that are not status changes: staff notes and offers of help."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import Event
from sammen.routing.errors import Refused
from sammen.routing.event_data import at_or_now
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
