"""A format's answers to what it puts out (a hearing's responses, a theme discussion's
contributions): listed in the order they came, counted, and read by staff on the audit log; and
what it puts out, closed once its time for answers has passed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sammen.audit import record_opened
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import Contract
from sammen.pilot_formats.contributors import PUBLISHED


def answers_to(
    session: Session,
    parent: InstrumentedAttribute[str],
    parent_id: str,
    published_only: bool = False,
) -> list[Any]:
    """The answers whose `parent` column names `parent_id`, oldest first; with `published_only`,
    those a moderator let through."""
    model: Any = parent.class_
    query = select(model).where(parent == parent_id).order_by(model.submitted_at)
    if published_only:
        query = query.where(model.moderation == PUBLISHED)
    return list(session.scalars(query))


def count_answers(session: Session, parent: InstrumentedAttribute[str], parent_id: str) -> int:
    """How many answers name `parent_id` in their `parent` column."""
    query = select(func.count()).select_from(parent.class_).where(parent == parent_id)
    return int(session.scalar(query) or 0)


def read_by_staff(
    session: Session,
    service: str,
    staff: StaffIdentity,
    action: str,
    subject: str,
    answers: list[Any],
    now: datetime,
) -> list[Any]:
    """`answers` as `staff` open them: the audit log records who saw the names and addresses in
    them (nothing, when there are none)."""
    if answers:
        record_opened(session, service, staff, action, subject, now)
    return answers


def closing(session: Session, closes: InstrumentedAttribute[datetime], now: datetime) -> list[Any]:
    """The records whose `closes` time has passed and that were not closed yet, now closed at
    `now`: each is announced closed once."""
    model: Any = closes.class_
    due = list(session.scalars(select(model).where(closes <= now, model.closed_at.is_(None))))
    for record in due:
        record.closed_at = now
    return due


def announce_closing(
    session: Session,
    service: str,
    closes: InstrumentedAttribute[datetime],
    now: datetime,
    closed: Callable[[Any], Contract],
) -> int:
    """Close what `closing` finds and send the event `closed` makes of each; how many closed."""
    due = closing(session, closes, now)
    for record in due:
        emit(session, closed(record).to_event(service, now))
    return len(due)
