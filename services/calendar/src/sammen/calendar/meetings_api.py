"""The API of meetings that lead somewhere, under /api/v1: closing a meeting, making a joint
meeting, and Gentofte Talks proposals (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_smorest import abort
from sqlalchemy.orm import Session

from sammen.auth import signed_in_staff, staff_api
from sammen.calendar import api, closeout, joint_meetings, links, talk_proposals
from sammen.calendar.access import WRITERS
from sammen.calendar.meeting_schemas import (
    ApprovedSchema,
    ApproveInSchema,
    CloseInSchema,
    ClosingSchema,
    DeclinedSchema,
    DeclineInSchema,
    JointMeetingInSchema,
    JointMeetingOutSchema,
    ProposalAcceptedSchema,
    TalkProposalInSchema,
)
from sammen.calendar.refusals import Refused
from sammen.config import Settings
from sammen.web import LANGUAGES, Blueprint, json_call, limit_from_setting, limiter
from sammen.web.clock import now

blp = Blueprint(
    "calendar_meetings_api",
    __name__,
    url_prefix="/api/v1",
    description="Meetings that lead somewhere: close-out, joint meetings, Gentofte Talks proposals",
)

_proposal_rate_limit = limit_from_setting("CALENDAR_PROPOSAL_RATE_LIMIT")


def _settings() -> Settings:
    return current_app.config["SAMMEN_SETTINGS"]


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """The calendar API's unit of work; a refused action is a 409 saying why."""
    try:
        with api.unit_of_work() as session:
            yield session
    except Refused as refused:
        abort(409, message=refused.message)
    except talk_proposals.ProposalNotFound:
        abort(404, message="No such proposal.")


def request_language() -> str:
    """The language of the page or call a proposal comes through: its mails are in it."""
    locale = get_locale()
    language = locale.language if locale else None
    return language if language in LANGUAGES else "da"


@blp.route("/events/<event_id>/close", methods=["POST"])
@staff_api(*WRITERS)
@json_call(blp, CloseInSchema, 200, ClosingSchema)
@blp.alt_response(404, description="No such event")
@blp.alt_response(409, description="Not yet ended, cancelled, or a series")
def close_event(payload: dict[str, Any], event_id: str) -> dict[str, Any]:
    """Close a meeting that was held: what was heard, who came, what is taken further.

    The event page shows it and the registrants who had a place get it by mail."""
    with unit_of_work() as session:
        return closeout.close_event(
            session, _settings(), event_id, payload, signed_in_staff(), now()
        )


@blp.route("/joint-meetings", methods=["POST"])
@staff_api(*WRITERS)
@json_call(blp, JointMeetingInSchema, 201, JointMeetingOutSchema)
@blp.alt_response(403, description="Not a writer for every organizer involved")
def make_joint_meeting(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Hold two or more meetings as one: the others are cancelled, pointing to it, and their
    registrations move over (within its capacity; the rest on the waiting list)."""
    with unit_of_work() as session:
        made = joint_meetings.make_joint_meeting(
            session, _settings(), payload, signed_in_staff(), now()
        )
    return made, 201


@blp.route("/talk-proposals", methods=["POST"])
@limiter.limit(_proposal_rate_limit)
@json_call(blp, TalkProposalInSchema, 202, ProposalAcceptedSchema)
def propose_talk(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Propose a Gentofte Talk (anyone): a coordinator approves it or declines with a reason."""
    with unit_of_work() as session:
        proposal = talk_proposals.propose(session, _settings(), payload, request_language(), now())
        answer = {"id": proposal.id, "status": proposal.status}
    return answer, 202


@blp.route("/talk-proposals/<proposal_id>/approve", methods=["POST"])
@staff_api(*talk_proposals.DECIDERS)
@json_call(blp, ApproveInSchema, 201, ApprovedSchema)
@blp.alt_response(409, description="Already decided")
def approve_talk(payload: dict[str, Any], proposal_id: str) -> tuple[dict[str, Any], int]:
    """Publish the Talk under Gentofte Talks, naming who took the initiative."""
    settings = _settings()
    with unit_of_work() as session:
        event = talk_proposals.approve(
            session, settings, proposal_id, payload, signed_in_staff(), now()
        )
        answer = {
            "id": event.id,
            "proposal_id": proposal_id,
            "url": links.event_url(settings, event.id),
        }
    return answer, 201


@blp.route("/talk-proposals/<proposal_id>/decline", methods=["POST"])
@staff_api(*talk_proposals.DECIDERS)
@json_call(blp, DeclineInSchema, 200, DeclinedSchema)
@blp.alt_response(409, description="Already decided")
def decline_talk(payload: dict[str, Any], proposal_id: str) -> dict[str, Any]:
    """Decline with a reason; the proposer gets it by mail."""
    with unit_of_work() as session:
        proposal = talk_proposals.decline(
            session, _settings(), proposal_id, payload["reason"], signed_in_staff(), now()
        )
        return {"id": proposal.id, "status": proposal.status}
