"""Cases linked to a council become proposed agenda items, and the council's secretaries are told."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.calendar import SERVICE
from sammen.calendar.agenda_mail import agenda_item_request
from sammen.calendar.models import Organizer, ProposedAgendaItem, SecretaryOrganizer
from sammen.config import Settings
from sammen.contracts import CaseLinked

log = logging.getLogger(__name__)
_WEB_ADDRESS = re.compile(r"^https?://\S+$")


def organizer_page_url(settings: Settings, slug: str) -> str:
    """The organizer's staff page, where its proposed agenda items are listed."""
    return f"{settings.base_url(SERVICE)}/personale/arrangoerer/{slug}"


def propose_agenda_item(session: Session, event: CaseLinked, settings: Settings) -> None:
    """`case.linked` of kind `council`: one proposed item per case and council, and one mail to
    each of the council's secretaries; links of other kinds are not the calendar's."""
    link = event.link
    if link.kind != "council":
        return
    organizer = session.get(Organizer, link.target)
    if organizer is None:
        log.warning("case linked to an organizer the calendar does not know: %s", link.target)
        return
    already = session.scalar(
        select(ProposedAgendaItem.id).where(
            ProposedAgendaItem.case_id == event.case_id,
            ProposedAgendaItem.organizer_slug == organizer.slug,
        )
    )
    if already is not None:
        return  # linked again: the item stands, and the secretaries were told the first time
    case_url = event.case_url or ""
    received = event.envelope.time
    item = ProposedAgendaItem(
        id=str(uuid.uuid4()),
        organizer_slug=organizer.slug,
        case_id=event.case_id,
        tracking_code=event.tracking_code,
        title=(event.title or "")[:300],
        case_url=case_url if _WEB_ADDRESS.match(case_url) else "",
        proposed_by_name=(event.linked_by.name if event.linked_by else "")[:160],
        proposed_by_email=event.linked_by.email if event.linked_by else None,
        # A publisher that does not say when the link was made: it was made when it was sent.
        linked_at=datetime.fromisoformat(event.linked_at) if event.linked_at else received,
    )
    session.add(item)
    session.flush()
    _tell_secretaries(settings, session, organizer, item, received)


def _tell_secretaries(
    settings: Settings,
    session: Session,
    organizer: Organizer,
    item: ProposedAgendaItem,
    now: datetime,
) -> None:
    secretaries = list(
        session.scalars(
            select(SecretaryOrganizer.email)
            .where(SecretaryOrganizer.organizer_slug == organizer.slug)
            .order_by(SecretaryOrganizer.email)
        )
    )
    if not secretaries:
        log.info("no secretary writes for %s: the proposed item waits on its page", organizer.slug)
    for email in secretaries:
        request = agenda_item_request(
            item_id=item.id,
            secretary_email=email,
            council=organizer.name,
            tracking_code=item.tracking_code,
            title=item.title,
            proposed_by=item.proposed_by_name,
            case_url=item.case_url,
            page_url=organizer_page_url(settings, organizer.slug),
        )
        emit(session, request.to_event(SERVICE, now, subject=item.id))


def proposed_items(session: Session, organizer_slug: str) -> list[ProposedAgendaItem]:
    """The organizer's proposed agenda items, the newest first."""
    return list(
        session.scalars(
            select(ProposedAgendaItem)
            .where(ProposedAgendaItem.organizer_slug == organizer_slug)
            .order_by(ProposedAgendaItem.linked_at.desc(), ProposedAgendaItem.tracking_code)
        )
    )


def proposed_counts(session: Session) -> dict[str, int]:
    """Organizer slug → how many proposed agenda items it has."""
    rows = session.execute(
        select(ProposedAgendaItem.organizer_slug, func.count()).group_by(
            ProposedAgendaItem.organizer_slug
        )
    )
    return {slug: count for slug, count in rows}
