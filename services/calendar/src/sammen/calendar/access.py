"""Who writes for which organizers: council secretaries per organizer; coordinators and admins all."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.calendar.agenda import get_event
from sammen.calendar.errors import Forbidden
from sammen.calendar.models import Event, SecretaryOrganizer
from sammen.calendar.organizers import check_known, organizer_names
from sammen.contracts import SecretaryOrganizersAssigned

log = logging.getLogger(__name__)
WRITERS = ("council_secretary", "coordinator")  # and admin, who may do everything


def secretary_organizers(session: Session, email: str) -> set[str]:
    """The organizers the secretary with this work address writes for."""
    return set(
        session.scalars(
            select(SecretaryOrganizer.organizer_slug).where(
                SecretaryOrganizer.email == email.strip().lower()
            )
        )
    )


def all_secretaries(session: Session) -> dict[str, list[str]]:
    """Every secretary's address → the organizers they write for."""
    mapping: dict[str, list[str]] = {}
    rows = session.execute(
        select(SecretaryOrganizer.email, SecretaryOrganizer.organizer_slug).order_by(
            SecretaryOrganizer.email, SecretaryOrganizer.organizer_slug
        )
    )
    for email, slug in rows:
        mapping.setdefault(email, []).append(slug)
    return mapping


def set_secretary(session: Session, email: str, slugs: list[str]) -> list[str]:
    """Replace the organizers a council secretary writes for."""
    email = email.strip().lower()
    check_known(session, slugs)
    for link in session.scalars(
        select(SecretaryOrganizer).where(SecretaryOrganizer.email == email)
    ):
        session.delete(link)
    session.flush()
    for slug in sorted(set(slugs)):
        session.add(SecretaryOrganizer(email=email, organizer_slug=slug))
    return sorted(set(slugs))


def assign_secretary_organizers(session: Session, event: SecretaryOrganizersAssigned) -> None:
    """`staff.secretary_organizers_assigned`: the municipality's login names the organizers a
    council secretary writes for (their groups there), replacing what was set before. An organizer
    the calendar does not know is left out and named in the log, for the operator's mapping."""
    known = set(organizer_names(session))
    wanted = [str(slug) for slug in event.organizers]
    if unknown := sorted(set(wanted) - known):
        log.warning("secretary organizers not in the calendar: %s", ", ".join(unknown))
    set_secretary(session, str(event.email), [slug for slug in wanted if slug in known])


def writable_organizers(session: Session, staff: StaffIdentity) -> set[str] | None:
    """The organizers this staff member writes for; None means all (coordinators and admins)."""
    if staff.has_any(("coordinator",)):
        return None
    if "council_secretary" in staff.roles:
        return secretary_organizers(session, staff.email)
    return set()


def may_write(session: Session, staff: StaffIdentity, organizer_slugs: list[str]) -> bool:
    """A secretary writes for an event when it is one of their organizers' (a joint meeting is
    shared by every organizer's secretary)."""
    allowed = writable_organizers(session, staff)
    return allowed is None or bool(allowed & set(organizer_slugs))


def writable_event(
    session: Session, staff: StaffIdentity, event_id: str, *, lock: bool = False
) -> Event:
    """The event, if `staff` writes for it: NotFound when there is none, Forbidden when it is not
    theirs; `lock` as for `get_event`."""
    event = get_event(session, event_id, lock=lock)
    if not may_write(session, staff, event.organizers):
        raise Forbidden
    return event
