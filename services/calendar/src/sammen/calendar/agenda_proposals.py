"""Cases linked to a council become proposed agenda items, and the council's secretaries are told."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.bus import Event as BusEvent
from sammen.bus import emit, new_event
from sammen.calendar import SERVICE
from sammen.calendar.agenda_mail import agenda_item_request
from sammen.calendar.models import Organizer, ProposedAgendaItem, SecretaryOrganizer
from sammen.config import Settings

log = logging.getLogger(__name__)
_WEB_ADDRESS = re.compile(r"^https?://\S+$")


def organizer_page_url(settings: Settings, slug: str) -> str:
    """The organizer's staff page, where its proposed agenda items are listed."""
    return f"{settings.base_url(SERVICE)}/personale/arrangoerer/{slug}"


def on_case_linked(settings: Settings, session: Session, event: BusEvent) -> None:
    """`case.linked` of kind `council`: one proposed item per case and council, and one mail to
    each of the council's secretaries; links of other kinds are not the calendar's."""
    data = event.data
    link = data["link"]
    if link.get("kind") != "council":
        return
    organizer = session.get(Organizer, str(link["target"]))
    if organizer is None:
        log.warning("case linked to an organizer the calendar does not know: %s", link["target"])
        return
    already = session.scalar(
        select(ProposedAgendaItem.id).where(
            ProposedAgendaItem.case_id == str(data["case_id"]),
            ProposedAgendaItem.organizer_slug == organizer.slug,
        )
    )
    if already is not None:
        return  # linked again: the item stands, and the secretaries were told the first time
    linked_by = data.get("linked_by") or {}
    case_url = str(data.get("case_url") or "")
    item = ProposedAgendaItem(
        id=str(uuid.uuid4()),
        organizer_slug=organizer.slug,
        case_id=str(data["case_id"]),
        tracking_code=str(data["tracking_code"]),
        title=str(data.get("title") or "")[:300],
        case_url=case_url if _WEB_ADDRESS.match(case_url) else "",
        proposed_by_name=str(linked_by.get("name") or "")[:160],
        proposed_by_email=linked_by.get("email"),
        linked_at=datetime.fromisoformat(str(data["linked_at"])),
    )
    session.add(item)
    session.flush()
    _tell_secretaries(settings, session, organizer, item, event.time)


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
        emit(session, new_event(SERVICE, "notification.requested", item.id, request, now))


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
