"""The hearing's use cases, each one unit of work: a change and the events it causes commit together."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen import contracts
from sammen.audit import record_opened
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.config import Settings
from sammen.errors import Conflict, Refused
from sammen.formats.hearing import domain, mails
from sammen.formats.hearing.models import Hearing, Response, Section
from sammen.pilot_formats.answers import (
    announce_closing,
    answers_to,
    count_answers,
    read_by_staff,
)
from sammen.pilot_formats.mails import mail_each, queue_mail
from sammen.pilot_formats.moderation import contribution_reported, take_decision
from sammen.pilot_formats.personal_data import Holding

SERVICE = "hearing"


class HearingClosed(Refused):
    """An answer after the deadline (or before the hearing opens)."""

    field, message = "deadline", "The hearing is not open for answers."


class NotYetClosed(Conflict):
    """The export and the høringsnotat wait for the deadline."""

    field = "deadline"


class UnknownSection(Refused):
    """The section named is not part of this hearing (one answer's `section`, or one of the
    høringsnotat's `sections`)."""

    field, message = "section", "Not a section of this hearing."

    def __init__(self, section: int | None = None) -> None:
        if section is None:
            super().__init__()
        else:
            super().__init__(f"Not a section of this hearing: {section}", "sections")
        self.section = section


def hearing_url(settings: Settings, hearing_id: str) -> str:
    return f"{settings.base_url(SERVICE)}/hoeringer/{hearing_id}"


def create_hearing(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime | None = None,
) -> Hearing:
    now = now or datetime.now(UTC)
    hearing = Hearing(
        id=str(uuid.uuid4()),
        title=payload["title"],
        introduction=payload["introduction"],
        opens_at=payload["opens_at"],
        deadline=payload["deadline"],
        answer_mode=payload["answers"],
        created_at=now,
        created_by=staff.id,
    )
    hearing.sections = [
        Section(position=n, heading=s["heading"], body=s["body"])
        for n, s in enumerate(payload["sections"], start=1)
    ]
    session.add(hearing)
    session.flush()
    opened = contracts.HearingOpened(
        hearing_id=hearing.id,
        title=hearing.title,
        opens_at=hearing.opens_at.isoformat(),
        deadline=hearing.deadline.isoformat(),
        url=hearing_url(settings, hearing.id),
    )
    emit(session, opened.to_event(SERVICE, now))
    return hearing


def hearings(session: Session) -> list[Hearing]:
    return list(session.scalars(select(Hearing).order_by(Hearing.deadline.desc())))


def submit_response(
    session: Session,
    settings: Settings,
    hearing: Hearing,
    payload: dict[str, Any],
    now: datetime | None = None,
) -> Response:
    """Store an answer; a public hearing's answer waits for the hub's moderators."""
    now = now or datetime.now(UTC)
    if not domain.accepts_responses(hearing.opens_at, hearing.deadline, now):
        raise HearingClosed
    section_id = payload.get("section")
    section = None
    if section_id is not None:
        section = next((s for s in hearing.sections if s.id == section_id), None)
        if section is None:
            raise UnknownSection
    response = Response(
        id=str(uuid.uuid4()),
        hearing_id=hearing.id,
        section_id=section.id if section else None,
        respondent_name=payload["name"],
        respondent_email=payload["email"],
        organisation=payload.get("organisation"),
        body=payload["body"],
        submitted_at=now,
        moderation=domain.initial_moderation(hearing.answer_mode),
        language=payload.get("language") or "da",
    )
    session.add(response)
    session.flush()
    public = hearing.answer_mode == "public"
    receipt = mails.receipt(
        hearing, _respondent(response), hearing_url(settings, hearing.id), public
    )
    queue_mail(session, SERVICE, receipt, response.id, now)
    submitted = contracts.HearingResponseSubmitted(
        hearing_id=hearing.id,
        response_id=response.id,
        section=section.id if section else None,
        public=public,
    )
    emit(session, submitted.to_event(SERVICE, now))
    if public:
        # Pre-moderation through the hub's shared queue: "restore" publishes, "hide" keeps it off.
        emit(
            session,
            contribution_reported(
                settings,
                response.id,
                text=response.body,
                author_email=response.respondent_email,
                reason="Nyt høringssvar: godkend det (vis) eller skjul det",
                url=f"{settings.base_url(SERVICE)}/personale/hoeringer/{hearing.id}#svar-{response.id}",
                now=now,
            ),
        )
    return response


def responses(session: Session, hearing_id: str, public_only: bool = False) -> list[Response]:
    return answers_to(session, Response.hearing_id, hearing_id, public_only)


def responses_read(
    session: Session, hearing_id: str, staff: StaffIdentity, now: datetime
) -> list[Response]:
    """Every answer with the respondents' names (and addresses), as `staff` open them."""
    found = responses(session, hearing_id)
    return read_by_staff(session, SERVICE, staff, "responses_listed", hearing_id, found, now)


def exported(session: Session, hearing: Hearing, staff: StaffIdentity, now: datetime) -> str:
    """The export, as `staff` take it: the file takes every respondent's name and e-mail address
    out of the service, so the audit log records who exported them."""
    text = export(session, hearing, now)
    record_opened(session, SERVICE, staff, "responses_exported", hearing.id, now)
    return text


def export(session: Session, hearing: Hearing, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
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
    return domain.export_csv(rows)


def publish_summary(
    session: Session,
    settings: Settings,
    hearing: Hearing,
    summary: str,
    section_answers: list[dict[str, Any]] | None = None,
    now: datetime | None = None,
) -> None:
    """Publish (or correct) the høringsnotat; the first publication tells every respondent.

    `section_answers` [{section, answer, changed}] replace the sections named; without them the
    sections keep what they had.
    """
    now = now or datetime.now(UTC)
    if domain.phase(hearing.opens_at, hearing.deadline, now) != domain.CLOSED:
        raise NotYetClosed("the høringsnotat follows the deadline.")
    answers = section_answers or []
    unknown = domain.unknown_section((s.id for s in hearing.sections), answers)
    if unknown is not None:
        raise UnknownSection(unknown)
    by_id = {s.id: s for s in hearing.sections}
    for answer in answers:
        by_id[answer["section"]].answer = answer["answer"]
        by_id[answer["section"]].changed = answer["changed"]
    first_publication = hearing.summary_published_at is None
    hearing.summary = summary
    hearing.summary_published_at = now
    if first_publication:
        _conclude(session, settings, hearing, now)


def _respondent(response: Response) -> domain.Respondent:
    return domain.Respondent(
        response.id, response.respondent_name, response.respondent_email, response.language
    )


def _conclude(session: Session, settings: Settings, hearing: Hearing, now: datetime) -> None:
    """`dialogue.hearing_concluded`, and one mail to each respondent with a link to the notat."""
    url = hearing_url(settings, hearing.id)
    told = domain.respondents(_respondent(r) for r in responses(session, hearing.id))
    concluded = contracts.HearingConcluded(
        hearing_id=hearing.id,
        title=hearing.title,
        url=url,
        respondents=[contracts.Person(name=r.name, email=r.email) for r in told],
    )
    emit(session, concluded.to_event(SERVICE, now))
    mail_each(session, SERVICE, told, lambda r: mails.concluded(hearing, r, url), now)


def close_due(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Send `dialogue.hearing_closed` once for every hearing whose deadline has passed."""
    now = now or datetime.now(UTC)

    def closed(hearing: Hearing) -> contracts.HearingClosed:
        return contracts.HearingClosed(
            hearing_id=hearing.id,
            title=hearing.title,
            responses=count_answers(session, Response.hearing_id, hearing.id),
            url=hearing_url(settings, hearing.id),
        )

    return announce_closing(session, SERVICE, Hearing.deadline, now, closed)


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
