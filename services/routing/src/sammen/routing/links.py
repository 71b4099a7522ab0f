"""Links from a case to other cases, associations, councils and colleagues, and the word that tells
the people linked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import CaseLinked, Link, StaffContact
from sammen.routing.domain import COUNCILS
from sammen.routing.errors import Refused
from sammen.routing.event_data import SERVICE, at_or_now, rfc3339
from sammen.routing.history import staff_entry
from sammen.routing.models import Association, Case, CaseLink, StaffAccount

LINK_KINDS = ("case", "association", "council", "colleague")


def _link_label(session: Session, case: Case, kind: str, target: str) -> str:
    if kind == "case":
        other = session.get(Case, target) or session.scalar(
            select(Case).where(Case.tracking_code == target.upper())
        )
        if other is None or other.id == case.id:
            raise Refused("target", "Choose another existing case.")
        return f"{other.tracking_code}: {other.title}"
    if kind == "council":
        if target not in COUNCILS:
            raise Refused("target", "Choose one of the councils.")
        return COUNCILS[target]
    found: Association | StaffAccount | None = None
    if target.isdigit() and kind == "association":
        found = session.get(Association, int(target))
    elif target.isdigit():
        found = session.get(StaffAccount, int(target))
    if found is None:
        raise Refused("target", f"No {kind} with that id.")
    return found.name


def add_link(
    session: Session,
    case: Case,
    kind: str,
    target: str,
    by: StaffIdentity,
    now: datetime | None = None,
    *,
    base_url: str,
) -> CaseLink:
    """Link once: linking the same target again changes nothing and publishes nothing.

    `case.linked` tells the people linked (notify mails a colleague, the calendar puts the case
    before a council's secretaries), so it names the case, who links it and the link's address;
    `base_url` is routing's public address, for the link to the case's staff page.
    """
    if kind not in LINK_KINDS:
        raise Refused("kind", f"Kind must be one of {', '.join(LINK_KINDS)}.")
    target = target.strip()
    label = _link_label(session, case, kind, target)
    if kind == "case":
        target = (session.get(Case, target) or _case_by_code(session, target)).id
    for link in case.links:
        if (link.kind, link.target) == (kind, target):
            return link
    now = at_or_now(now)
    link = CaseLink(kind=kind, target=target, label=label, created_at=now, created_by=by.id)
    case.links.append(link)
    case.entries.append(staff_entry(now, "linked", by, text=label))
    linked = CaseLinked(
        case_id=case.id,
        tracking_code=case.tracking_code,
        title=case.title,
        theme=case.theme,
        linked_at=rfc3339(now),
        case_url=f"{base_url}/sager/{case.id}",
        linked_by=StaffContact(id=by.id, name=by.name, email=by.email),
        link=Link(
            kind=kind,
            target=target,
            label=label,
            email=_colleague_email(session, target) if kind == "colleague" else None,
        ),
    )
    emit(session, linked.to_event(SERVICE, now))
    return link


def _colleague_email(session: Session, target: str) -> str:
    """The linked colleague's work address (the target is their staff account's id)."""
    return session.get_one(StaffAccount, int(target)).email


def _case_by_code(session: Session, code: str) -> Case:
    return session.scalars(select(Case).where(Case.tracking_code == code.upper())).one()
