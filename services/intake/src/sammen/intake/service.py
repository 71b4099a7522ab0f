"""Intake's use cases, each one unit of work: a change and the events it causes commit together."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import has_request_context
from flask_babel import get_locale
from sqlalchemy import Connection, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sammen import privacy, randomness
from sammen.bus import Event, emit_all
from sammen.config import Settings
from sammen.contracts import (
    CaseAssigned,
    CasePublished,
    CaseStatusChanged,
    Consent,
    IdeaSubmitted,
    Initiator,
    PersonRequest,
)
from sammen.db.driver_insert import DriverInsert
from sammen.errors import Conflict, Refused
from sammen.intake import replies
from sammen.intake.domain import (
    entry_for_case_event,
    history_message,
    new_reply_token,
    new_tracking_code,
    reply_token_hash,
)
from sammen.intake.group_commit import GroupCommit
from sammen.intake.models import Base, HistoryLine, Idea, IdempotencyKey
from sammen.web import LANGUAGES

SERVICE = "intake"


class IdempotencyConflict(Refused):
    """The same Idempotency-Key was used before with another body."""

    field, location = "Idempotency-Key", "headers"
    message = "this key was used before with a different body."


class IdempotencyInProgress(Conflict):
    """Another request with the same Idempotency-Key committed first; retrying gets its answer."""

    field, message = "Idempotency-Key", "a request with this key is in progress."


def request_fingerprint(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class SubmittedIdea:
    """What the sender of an idea is told: its id and its tracking code."""

    id: str
    tracking_code: str


class TrackingCodeTaken(Exception):
    """A new idea's tracking code is taken (one chance in billions): nothing of it was stored."""


@dataclass(frozen=True)
class NewIdea:
    """A new idea's row, its first history line and its `idea.submitted`, all built before the
    first statement: on SQLite that statement takes the write lock, and in a group commit only
    the INSERTs are made to wait for."""

    row: dict[str, Any]
    history_line: dict[str, Any]
    event: Event

    @property
    def submitted(self) -> SubmittedIdea:
        return SubmittedIdea(self.row["id"], self.row["tracking_code"])


_IDEAS = Base.metadata.tables["ideas"]
_HISTORY = Base.metadata.tables["idea_history"]
# A tracking code already taken inserts nothing, where a failed INSERT would end the transaction
# (PostgreSQL) or need a savepoint: the unique constraint is the only check, and the count of
# inserted rows tells.
_INSERT_IDEAS = DriverInsert(
    {
        "sqlite": sqlite.insert(_IDEAS).on_conflict_do_nothing(index_elements=["tracking_code"]),
        "postgresql": postgresql.insert(_IDEAS).on_conflict_do_nothing(
            index_elements=["tracking_code"]
        ),
    }
)
_INSERT_HISTORY_LINES = DriverInsert(insert(_HISTORY))


def new_idea(settings: Settings, payload: dict[str, Any], language: str, now: datetime) -> NewIdea:
    """A valid idea (as `IdeaInSchema` loads it) ready to store, with a fresh tracking code and
    reply link. `language` is the initiator's (`citizen_language`)."""
    row = _idea_row(payload, now)
    token = new_reply_token()
    row["reply_token_hash"] = reply_token_hash(token)
    event = submitted_event(
        settings, row, now, language, replies.reply_url(settings, token, language)
    )
    history_line = {"idea_id": row["id"], "at": now, "kind": "received", "status": "received"}
    return NewIdea(row, history_line, event)


def store_ideas(connection: Connection, ideas: list[NewIdea]) -> None:
    """Insert new ideas, their first history lines and their events in the caller's transaction:
    three statements however many ideas. Raises `TrackingCodeTaken` (the caller rolls back) when
    any code is taken.

    The driver's executemany (`DriverInsert`) rather than the ORM's unit of work, which costs
    several times the statements' own time in bookkeeping for objects nobody reads again here.
    """
    if _INSERT_IDEAS.run(connection, [idea.row for idea in ideas]) != len(ideas):
        raise TrackingCodeTaken
    _INSERT_HISTORY_LINES.run(connection, [idea.history_line for idea in ideas])
    emit_all(connection, [idea.event for idea in ideas])


def submit_idea(
    connection: Connection,
    settings: Settings,
    payload: dict[str, Any],
    language: str,
    now: datetime | None = None,
) -> SubmittedIdea:
    """Store a valid idea with its first history line and queue `idea.submitted`; the caller's
    transaction commits all three."""
    return _store_with_free_code(
        settings,
        payload,
        language,
        now or datetime.now(UTC),
        lambda idea: store_ideas(connection, [idea]),
    )


def submit_in_group(
    group: GroupCommit[NewIdea], settings: Settings, payload: dict[str, Any]
) -> SubmittedIdea:
    """A valid idea stored in the next group commit (`store_ideas`): committed (on the disk) when
    this returns."""
    return _store_with_free_code(
        settings, payload, citizen_language(), datetime.now(UTC), group.run
    )


def _store_with_free_code(
    settings: Settings,
    payload: dict[str, Any],
    language: str,
    now: datetime,
    store: Callable[[NewIdea], None],
) -> SubmittedIdea:
    """A new idea stored by `store`, drawn again while its tracking code is taken (nothing of it
    was stored then)."""
    while True:
        idea = new_idea(settings, payload, language, now)
        try:
            store(idea)
        except TrackingCodeTaken:
            continue
        return idea.submitted


def _idea_row(payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A new idea's row in `ideas`, from a payload `IdeaInSchema` has loaded."""
    initiator = payload["initiator"]
    return {
        "id": str(randomness.uuid4()),
        "tracking_code": new_tracking_code(),
        "title": payload["title"],
        "description": payload["description"],
        "theme": payload["theme"],
        "channel": payload["channel"],
        "location": payload.get("location"),
        "status": "received",
        "submitted_at": now,
        "updated_at": now,
        "initiator_name": initiator["name"],
        "initiator_email": initiator["email"],
        "initiator_phone": initiator.get("phone"),
        "initiator_organisation": initiator.get("organisation"),
        "initiator_age_group": initiator.get("age_group"),
        "consent_contact": payload["consent"]["contact"],
        "consent_publish": payload["consent"]["publish"],
    }


def citizen_language() -> str:
    """The language of the page the idea was sent from, so the mails that follow speak it.

    A request without a chosen language (the API's clients) and work outside a request are Danish.
    """
    locale = get_locale() if has_request_context() else None
    return locale.language if locale is not None and locale.language in LANGUAGES else "da"


def submitted_event(
    settings: Settings, idea: dict[str, Any], now: datetime, language: str, reply_url: str
) -> Event:
    """`idea.submitted` for a new idea's row; `reply_url` is the initiator's secret write-back
    link, for notify alone."""
    submitted = IdeaSubmitted(
        idea_id=idea["id"],
        tracking_code=idea["tracking_code"],
        title=idea["title"],
        description=idea["description"],
        theme=idea["theme"],
        channel=idea["channel"],
        location=idea["location"],
        submitted_at=now.isoformat(),
        status_url=status_url(settings, idea["tracking_code"]),
        consent=Consent(contact=idea["consent_contact"], publish=idea["consent_publish"]),
        language=language,
        reply_url=reply_url,
        # Routing and notify need the contact; nobody else consumes this event.
        initiator=Initiator(
            name=idea["initiator_name"],
            email=idea["initiator_email"],
            phone=idea["initiator_phone"],
            organisation=idea["initiator_organisation"],
            age_group=idea["initiator_age_group"],
        ),
    )
    return submitted.to_event(SERVICE, now)


def status_url(settings: Settings, tracking_code: str) -> str:
    return f"{settings.base_url('intake')}/status/{tracking_code}"


def submit_idempotent(
    session: Session,
    settings: Settings,
    client: str,
    key: str,
    payload: dict[str, Any],
) -> tuple[SubmittedIdea, bool]:
    """Submit once per (client, key): the same body again returns the first idea, not a new one."""
    fingerprint = request_fingerprint(payload)
    earlier = session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.client == client, IdempotencyKey.key == key)
    )
    if earlier is not None:
        if earlier.request_hash != fingerprint:
            raise IdempotencyConflict
        first = session.get_one(Idea, earlier.idea_id)
        return SubmittedIdea(first.id, first.tracking_code), False
    now = datetime.now(UTC)
    idea = submit_idea(session.connection(), settings, payload, citizen_language(), now)
    session.add(
        IdempotencyKey(
            client=client, key=key, request_hash=fingerprint, idea_id=idea.id, created_at=now
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise IdempotencyInProgress from None
    return idea, True


def find_by_tracking_code(session: Session, tracking_code: str) -> Idea | None:
    return session.scalar(select(Idea).where(Idea.tracking_code == tracking_code))


def apply_case_event(
    session: Session, event: CaseAssigned | CaseStatusChanged | CasePublished
) -> None:
    """Keep the public status page current from routing's `case.*` events."""
    idea = session.get(Idea, event.idea_id) if event.idea_id else None
    if idea is None and event.tracking_code:
        idea = find_by_tracking_code(session, event.tracking_code)
    if idea is None:
        return  # an idea erased or never ours: nothing to show
    entry = entry_for_case_event(event.TYPE, event.to_data())
    if entry is None:
        return
    if isinstance(event, CaseAssigned):
        idea.agent_name = event.agent.name
        idea.agent_email = event.agent.email
        idea.agent_phone = event.agent.phone
    if isinstance(event, CaseStatusChanged) and event.responsible:
        idea.responsible_unit = event.responsible.unit
        idea.responsible_name = event.responsible.name
    if isinstance(event, CaseStatusChanged):
        replies.follow_status(idea, event.from_, event.to, event.envelope.time)
    if entry.status:
        idea.status = entry.status
    at = event.envelope.time
    idea.updated_at = at
    idea.history.append(
        HistoryLine(
            at=at,
            kind=entry.kind,
            status=idea.status,
            message=entry.words,
            data=json.dumps(entry.facts, ensure_ascii=False) if entry.facts else None,
        )
    )


def history_view(idea: Idea, translate: Callable[[str], str]) -> list[dict[str, Any]]:
    """The idea's public history, oldest first, each line in the reader's language."""
    return [
        {
            "at": line.at,
            "kind": line.kind,
            "status": line.status,
            "message": history_message(line.kind, line.message, line.facts, translate),
        }
        for line in idea.history
    ]


def erase_person(session: Session, event: PersonRequest) -> None:
    """`person.erasure_requested`: remove the initiator's contact from every matching idea."""
    ideas = _ideas_of(session, event)
    for idea in ideas:
        idea.initiator_name = idea.initiator_email = idea.initiator_phone = None
        idea.initiator_organisation = None
        idea.erased_at = event.envelope.time
        idea.replies_closed_at = idea.replies_closed_at or event.envelope.time
    privacy.report(session, SERVICE, event.request_id, "erasure", {"ideas": len(ideas)})


def report_person(session: Session, event: PersonRequest) -> None:
    """`person.access_requested` (GDPR art. 15): the ideas sent in, with the contact given."""
    ideas = _ideas_of(session, event)
    data = {
        "ideas": [
            {
                "tracking_code": idea.tracking_code,
                "title": idea.title,
                "description": idea.description,
                "theme": idea.theme,
                "location": idea.location,
                "status": idea.status,
                "submitted_at": idea.submitted_at.isoformat(),
                "name": idea.initiator_name,
                "email": idea.initiator_email,
                "phone": idea.initiator_phone,
                "organisation": idea.initiator_organisation,
                "age_group": idea.initiator_age_group,
                "consent": {"contact": idea.consent_contact, "publish": idea.consent_publish},
            }
            for idea in ideas
        ]
    }
    privacy.report(session, SERVICE, event.request_id, "access", {"ideas": len(ideas)}, data=data)


def _ideas_of(session: Session, request: PersonRequest) -> list[Idea]:
    """The ideas a privacy request names: by the initiator's e-mail, tracking code or idea id."""
    email = privacy.requested_email(request)
    codes = privacy.requested_tracking_codes(request)
    idea_ids = list(request.idea_ids)
    conditions = []
    if email:
        conditions.append(Idea.initiator_email.ilike(email))
    if codes:
        conditions.append(Idea.tracking_code.in_(codes))
    if idea_ids:
        conditions.append(Idea.id.in_(idea_ids))
    if not conditions:
        return []
    return list(session.scalars(select(Idea).where(or_(*conditions)).order_by(Idea.submitted_at)))
