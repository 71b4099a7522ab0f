"""Gentofte Talks proposed by the public (each use case one unit of work): the proposal and its
notices, a coordinator's approval (a Talk in Gentofte Talks' feed naming the initiative) or
decline with a reason the proposer gets."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.calendar import SERVICE, links, mails
from sammen.calendar.events import create_event
from sammen.calendar.models import Event, TalkProposal
from sammen.calendar.proposal_rules import PROPOSER_TYPES, check_decidable, talk_description
from sammen.calendar.times import utc_text
from sammen.config import Settings
from sammen.contracts import Proposer, TalkApproved, TalkDeclined, TalkProposed

CATEGORY = "calendar.talk_proposal"
TALKS_ORGANIZER = "gentofte-talks"
DECIDERS = ("coordinator",)  # and admin
# The coordinators' mailbox that hears of every proposal; production sets it (else the staff
# page's list is where proposals are found).
COORDINATORS_SETTING = "CALENDAR_COORDINATORS_EMAIL"
DEVELOPMENT_COORDINATORS = "koordinator@demo.gentofte.dk"


class ProposalNotFound(Exception):
    """No such proposal."""


def staff_url(settings: Settings) -> str:
    return f"{settings.base_url(SERVICE)}/personale/gentofte-talks"


def coordinators_address(settings: Settings) -> str:
    default = "" if settings.is_production else DEVELOPMENT_COORDINATORS
    return settings.get(COORDINATORS_SETTING, default)


def _proposer(proposal: TalkProposal) -> dict[str, Any]:
    return {
        "name": proposal.proposer_name,
        "email": proposal.proposer_email,
        "organisation": proposal.proposer_organisation,
        "type": proposal.proposer_type,
    }


def _mail(
    session: Session,
    reference: str,
    to: dict[str, Any],
    language: str,
    writer: mails.Writer,
    now: datetime,
) -> None:
    subject, text = mails.written(writer, language)
    mail = mails.request(reference, to, language, CATEGORY, subject, text)
    emit(session, mail.to_event(SERVICE, now, subject=reference))


def propose(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    language: str,
    now: datetime,
) -> TalkProposal:
    """A proposal from the public: stored, on the bus, a receipt to the proposer, word to the
    coordinators."""
    proposer = payload["proposer"]
    proposal = TalkProposal(
        id=str(uuid.uuid4()),
        title=payload["title"],
        description=payload["description"],
        proposer_name=proposer["name"],
        proposer_email=proposer["email"].strip().lower(),
        proposer_organisation=proposer["organisation"],
        proposer_type=proposer["type"],
        language=language,
        host_event=payload["host_event"],
        wished_start=payload["wished_start"],
        location=payload["location"],
        topics="\n".join(sorted(set(payload["topics"]))),
        status="proposed",
        created_at=now,
    )
    session.add(proposal)
    session.flush()
    proposed = TalkProposed(
        proposal_id=proposal.id,
        title=proposal.title,
        description=proposal.description,
        proposer=Proposer(**_proposer(proposal)),
        host_event=proposal.host_event,
        wished_start=utc_text(proposal.wished_start),
        location=proposal.location,
        topics=proposal.topic_list,
        staff_url=staff_url(settings),
    )
    emit(session, proposed.to_event(SERVICE, now))
    person = _proposer(proposal)
    _mail(
        session,
        f"{CATEGORY}:{proposal.id}:received",
        person,
        language,
        mails.proposal_received(proposal.title, person),
        now,
    )
    if address := coordinators_address(settings):
        writer = mails.proposal_for_coordinators(
            proposal.title,
            proposal.proposer_organisation,
            PROPOSER_TYPES[proposal.proposer_type],
            staff_url(settings),
        )
        reference = f"{CATEGORY}:{proposal.id}:coordinators"
        _mail(session, reference, {"email": address}, "da", writer, now)
    return proposal


def get_proposal(session: Session, proposal_id: str, *, lock: bool = False) -> TalkProposal:
    query = select(TalkProposal).where(TalkProposal.id == proposal_id)
    proposal = session.scalar(query.with_for_update() if lock else query)
    if proposal is None:
        raise ProposalNotFound
    return proposal


def proposals(session: Session) -> list[TalkProposal]:
    """Waiting ones first, then the decided, newest first within each."""
    found = session.scalars(select(TalkProposal).order_by(TalkProposal.created_at.desc()))
    return sorted(found, key=lambda p: p.status != "proposed")


def approve(
    session: Session,
    settings: Settings,
    proposal_id: str,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
) -> Event:
    """The proposal becomes a Talk in Gentofte Talks' calendar, naming who took the initiative."""
    proposal = _decide(session, proposal_id, "approved", staff, now)
    event = create_event(
        session,
        settings,
        {
            "title": proposal.title,
            "description": talk_description(
                proposal.description, proposal.proposer_organisation, proposal.host_event
            ),
            "starts_at": payload["starts_at"],
            "ends_at": payload["ends_at"],
            "location": payload["location"],
            "kind": "gentofte_talks",
            "organizers": [TALKS_ORGANIZER],
            "topics": proposal.topic_list,
            "public": True,
        },
        staff,
        now,
    )
    proposal.event_id = event.id
    url = links.event_url(settings, event.id)
    person = _proposer(proposal)
    approved = TalkApproved(
        proposal_id=proposal.id,
        event_id=event.id,
        title=event.title,
        starts_at=utc_text(event.starts_at),
        url=url,
        initiative=proposal.proposer_organisation,
        proposer=Proposer(**person),
    )
    emit(session, approved.to_event(SERVICE, now))
    writer = mails.proposal_approved(event.title, event.starts_at, event.location, url, person)
    _tell_proposer(session, proposal, writer, now)
    return event


def decline(
    session: Session,
    settings: Settings,
    proposal_id: str,
    reason: str,
    staff: StaffIdentity,
    now: datetime,
) -> TalkProposal:
    """No Talk of it: the proposer gets the reason."""
    proposal = _decide(session, proposal_id, "declined", staff, now)
    proposal.decline_reason = reason
    person = _proposer(proposal)
    declined = TalkDeclined(
        proposal_id=proposal.id, title=proposal.title, reason=reason, proposer=Proposer(**person)
    )
    emit(session, declined.to_event(SERVICE, now))
    _tell_proposer(session, proposal, mails.proposal_declined(proposal.title, reason, person), now)
    return proposal


def _decide(
    session: Session, proposal_id: str, status: str, staff: StaffIdentity, now: datetime
) -> TalkProposal:
    """The proposal, held for the decision, marked `approved` or `declined` by `staff` now (the
    unit of work rolls the mark back if the decision fails further on)."""
    proposal = get_proposal(session, proposal_id, lock=True)
    check_decidable(proposal.status)
    proposal.status = status
    proposal.decided_at = now
    proposal.decided_by = staff.email
    return proposal


def _tell_proposer(
    session: Session, proposal: TalkProposal, writer: mails.Writer, now: datetime
) -> None:
    """The decision in a mail to the proposer, when they gave an address (once per decision)."""
    if proposal.proposer_email:
        reference = f"{CATEGORY}:{proposal.id}:{proposal.status}"
        _mail(session, reference, _proposer(proposal), proposal.language, writer, now)


def initiatives(session: Session) -> list[str]:
    """Who took the initiative to a published Talk: the agenda's filter lists them."""
    query = (
        select(TalkProposal.proposer_organisation)
        .join(Event, Event.id == TalkProposal.event_id)
        .where(Event.public.is_(True))
        .distinct()
        .order_by(TalkProposal.proposer_organisation)
    )
    return list(session.scalars(query))


def initiative_of(session: Session, event_id: str) -> str | None:
    return session.scalar(
        select(TalkProposal.proposer_organisation).where(TalkProposal.event_id == event_id)
    )
