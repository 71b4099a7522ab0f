"""The hearing's use cases, each one unit of work: a change and the events it causes commit together."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sammen import contracts
from sammen.auth import StaffIdentity
from sammen.config import Settings
from sammen.errors import Conflict, Refused
from sammen.formats.hearing import domain, mails
from sammen.formats.hearing.models import Hearing, Response, Section
from sammen.pilot_formats.consultation import (
    Answers,
    Consultation,
    UnknownPart,
    part_named,
    parts_answered,
)
from sammen.pilot_formats.moderation import take_decision
from sammen.pilot_formats.personal_data import Holding

SERVICE = "hearing"


class HearingClosed(Refused):
    """An answer after the deadline (or before the hearing opens)."""

    field, message = "deadline", "The hearing is not open for answers."


class NotYetClosed(Conflict):
    """The export and the høringsnotat wait for the deadline."""

    field = "deadline"


class UnknownSection(UnknownPart):
    """The section named is not part of this hearing (one answer's `section`, or one of the
    høringsnotat's `sections`)."""

    field, message = "section", "Not a section of this hearing."
    conclusions_field = "sections"


def _respondent(response: Response) -> domain.Respondent:
    return domain.Respondent(
        response.id, response.respondent_name, response.respondent_email, response.language
    )


HEARINGS = Consultation(SERVICE, Hearing.deadline, "hoeringer")
RESPONSES = Answers(
    SERVICE,
    Response.hearing_id,
    "responses",
    _respondent,
    "Nyt høringssvar: godkend det (vis) eller skjul det",
)
hearing_url, hearings = HEARINGS.url, HEARINGS.listed


def create_hearing(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime,
) -> Hearing:
    hearing = Hearing(
        id=str(uuid.uuid4()),
        title=payload["title"],
        introduction=payload["introduction"],
        opens_at=payload["opens_at"],
        deadline=payload["deadline"],
        answer_mode=payload["answers"],
        created_at=now,
        created_by=staff.id,
        sections=[
            Section(position=n, heading=s["heading"], body=s["body"])
            for n, s in enumerate(payload["sections"], start=1)
        ],
    )

    def opened(hearing: Hearing) -> contracts.HearingOpened:
        return contracts.HearingOpened(
            hearing_id=hearing.id,
            title=hearing.title,
            opens_at=hearing.opens_at.isoformat(),
            deadline=hearing.deadline.isoformat(),
            url=hearing_url(settings, hearing.id),
        )

    HEARINGS.opened(session, hearing, opened, now)
    return hearing


def submit_response(
    session: Session, settings: Settings, hearing: Hearing, payload: dict[str, Any], now: datetime
) -> Response:
    """Store an answer; a public hearing's answer waits for the hub's moderators."""
    if not domain.accepts_responses(hearing.opens_at, hearing.deadline, now):
        raise HearingClosed
    section_id = payload.get("section")  # none: an answer to the whole hearing
    if section_id is not None:
        part_named(hearing.sections, section_id, UnknownSection)
    response = Response(
        id=str(uuid.uuid4()),
        hearing_id=hearing.id,
        section_id=section_id,
        respondent_name=payload["name"],
        respondent_email=payload["email"],
        organisation=payload.get("organisation"),
        body=payload["body"],
        submitted_at=now,
        moderation=domain.initial_moderation(hearing.answer_mode),
        language=payload.get("language") or "da",
    )
    url = hearing_url(settings, hearing.id)
    public = hearing.answer_mode == "public"
    # A public answer waits for the hub's moderators, who see it on the staff page; "restore"
    # publishes it, "hide" keeps it off.
    staff_page = f"{settings.base_url(SERVICE)}/personale/hoeringer/{hearing.id}#svar-{response.id}"
    RESPONSES.taken(
        session,
        settings,
        response,
        text=response.body,
        receipt=lambda respondent: mails.receipt(hearing, respondent, url, public),
        submitted=contracts.HearingResponseSubmitted(
            hearing_id=hearing.id,
            response_id=response.id,
            section=section_id,
            public=public,
        ),
        moderated_at=staff_page if public else None,
        now=now,
    )
    return response


def responses(session: Session, hearing_id: str, public_only: bool = False) -> list[Response]:
    return RESPONSES.to(session, hearing_id, public_only)


def exported(session: Session, hearing: Hearing, staff: StaffIdentity, now: datetime) -> str:
    """The export, as `staff` take it (on the audit log), once the deadline has passed."""
    if domain.phase(hearing.opens_at, hearing.deadline, now) != domain.CLOSED:
        raise NotYetClosed("the export opens when the deadline has passed.")
    rows = [
        domain.ExportRow(
            response_id=r.id,
            submitted_at=r.submitted_at,
            section=r.section.heading if r.section else "Samlet svar",
            name=r.respondent_name,
            email=r.respondent_email,
            organisation=r.organisation or "",
            body=r.body,
            moderation=r.moderation,
        )
        for r in responses(session, hearing.id)
    ]
    RESPONSES.record_export(session, hearing.id, staff, now)
    return domain.export_csv(rows)


def publish_summary(
    session: Session,
    settings: Settings,
    hearing: Hearing,
    summary: str,
    section_answers: list[dict[str, Any]] | None,
    now: datetime,
) -> None:
    """Publish (or correct) the høringsnotat; the first publication tells every respondent.

    `section_answers` [{section, answer, changed}] replace the sections named; without them the
    sections keep what they had.
    """
    if domain.phase(hearing.opens_at, hearing.deadline, now) != domain.CLOSED:
        raise NotYetClosed("the høringsnotat follows the deadline.")
    for section, answer in parts_answered(
        hearing.sections, section_answers or [], "section", UnknownSection
    ):
        section.answer, section.changed = answer["answer"], answer["changed"]
    first_publication = hearing.summary_published_at is None
    hearing.summary = summary
    hearing.summary_published_at = now
    if first_publication:
        _conclude(session, settings, hearing, now)


def _conclude(session: Session, settings: Settings, hearing: Hearing, now: datetime) -> None:
    """`dialogue.hearing_concluded`, and one mail to each respondent with a link to the notat."""
    url = hearing_url(settings, hearing.id)

    def concluded(told: list[domain.Respondent]) -> contracts.HearingConcluded:
        return contracts.HearingConcluded(
            hearing_id=hearing.id,
            title=hearing.title,
            url=url,
            respondents=[contracts.Person(name=r.name, email=r.email) for r in told],
        )

    RESPONSES.tell_concluded(
        session, hearing.id, concluded, lambda r: mails.concluded(hearing, r, url), now
    )


def close_due(session: Session, settings: Settings, now: datetime) -> int:
    """Send `dialogue.hearing_closed` once for every hearing whose deadline has passed."""

    def closed(hearing: Hearing) -> contracts.HearingClosed:
        return contracts.HearingClosed(
            hearing_id=hearing.id,
            title=hearing.title,
            responses=RESPONSES.count(session, hearing.id),
            url=hearing_url(settings, hearing.id),
        )

    return HEARINGS.close_due(session, now, closed)


def apply_moderation(session: Session, event: contracts.ContributionModerated) -> None:
    """`dialogue.contribution_moderated` from the hub, for one of our answers."""
    take_decision(session, event, SERVICE, Response, domain.moderation_after)


# What the hearing keeps about a person: their answers.
HOLDINGS = [
    Holding(
        "responses",
        Response.respondent_email,
        {
            "hearing_id": "hearing_id",
            "section": "section.heading",
            "name": "respondent_name",
            "email": "respondent_email",
            "organisation": "organisation",
            "language": "language",
            "body": "body",
            "submitted_at": "submitted_at",
        },
    )
]
