"""Staff pages of meetings that lead somewhere: the close-out form, the joint-meeting button of
the suggestions, and the coordinators' list of Gentofte Talks proposals to approve or decline."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.audit import record_opened
from sammen.auth import signed_in_staff, staff_page
from sammen.calendar import SERVICE, closeout, joint_meetings, talk_proposals
from sammen.calendar.access import WRITERS, writable_event
from sammen.calendar.closing_rules import FOLLOW_UP_KINDS
from sammen.calendar.errors import Forbidden, InvalidValue, NotFound
from sammen.calendar.meeting_schemas import (
    ApproveInSchema,
    CloseInSchema,
    DeclineInSchema,
    JointMeetingInSchema,
)
from sammen.calendar.proposal_rules import PROPOSAL_STATES, PROPOSER_TYPES
from sammen.calendar.refusals import Refused
from sammen.calendar.schemas import first_errors
from sammen.web.clock import now

meeting_staff = Blueprint(
    "meeting_staff", __name__, url_prefix="/personale", template_folder="templates"
)

FOLLOW_UP_ROWS = 3  # the close-out form's rows of what is taken further


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _settings() -> Any:
    return current_app.config["SAMMEN_SETTINGS"]


def _translated_errors(error: ValidationError) -> dict[str, str]:
    return {name: _(message) for name, message in first_errors(error).items()}


# --- close a meeting --------------------------------------------------------------------------


def close_payload(form: Any) -> dict[str, Any]:
    """The form's fields → the API's payload (validated by the same schema)."""
    attendees = form.get("attendees", "").strip()
    follow_up = []
    for row in range(FOLLOW_UP_ROWS):
        text = form.get(f"follow_up_{row}_text", "").strip()
        if text:
            item = {"kind": form.get(f"follow_up_{row}_kind", ""), "text": text}
            if url := form.get(f"follow_up_{row}_url", "").strip():
                item["url"] = url
            follow_up.append(item)
    organisations = form.get("organisations", "").splitlines()
    return {
        "summary": form.get("summary", ""),
        "attendees": int(attendees) if attendees.isdigit() else (attendees or None),
        "organisations": [line.strip() for line in organisations if line.strip()],
        "follow_up": follow_up,
    }


def _close_field(name: str) -> str:
    """`follow_up.1.url` → `follow_up_1_url`, `organisations.0` → `organisations`."""
    parts = name.split(".")
    if parts[0] == "follow_up" and len(parts) == 3:
        return f"follow_up_{parts[1]}_{parts[2]}"
    return parts[0]


def _close_values(closing: dict[str, Any] | None) -> dict[str, str]:
    if closing is None:
        return {}
    values = {
        "summary": closing["summary"],
        "attendees": "" if closing["attendees"] is None else str(closing["attendees"]),
        "organisations": "\n".join(closing["organisations"]),
    }
    for row, item in enumerate(closing["follow_up"][:FOLLOW_UP_ROWS]):
        values |= {
            f"follow_up_{row}_kind": item["kind"],
            f"follow_up_{row}_text": item["text"],
            f"follow_up_{row}_url": item.get("url") or "",
        }
    return values


def _render_close(
    event_id: str, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    with _database().transaction() as session:
        try:
            event = writable_event(session, signed_in_staff(), event_id)
        except NotFound:
            abort(404)
        except Forbidden:
            abort(403)
        closing = closeout.closing_of(session, event.id)
        return (
            render_template(
                "calendar/staff_close.html",
                event=event,
                closed=closing is not None,
                values=values or _close_values(closing),
                errors=errors,
                rows=range(FOLLOW_UP_ROWS),
                follow_up_kinds={key: _(name) for key, name in FOLLOW_UP_KINDS.items()},
            ),
            status,
        )


@meeting_staff.get("/arrangementer/<event_id>/afslut")
@staff_page(*WRITERS)
def close_form(event_id: str) -> tuple[str, int]:
    return _render_close(event_id, {}, {})


@meeting_staff.post("/arrangementer/<event_id>/afslut")
@staff_page(*WRITERS)
def close_event(event_id: str) -> Any:
    values = request.form.to_dict()
    try:
        payload = CloseInSchema().load(close_payload(request.form))
    except ValidationError as error:
        errors = {_close_field(k): v for k, v in _translated_errors(error).items()}
        return _render_close(event_id, values, errors, 422)
    try:
        with _database().transaction() as session:
            closeout.close_event(session, _settings(), event_id, payload, signed_in_staff(), now())
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)
    except Refused as refused:
        return _render_close(event_id, values, {"form": _(refused.reason, **refused.values)}, 409)
    return redirect(url_for("pages.event_page", event_id=event_id, afsluttet="1"), 303)


# --- joint meetings -----------------------------------------------------------------------------


@meeting_staff.post("/faellesmoeder")
@staff_page(*WRITERS)
def make_joint_meeting() -> Any:
    """The suggestion's button: the two meetings as one, at the earlier one's time and place."""
    try:
        payload = JointMeetingInSchema().load({"event_ids": request.form.getlist("event_ids")})
        with _database().transaction() as session:
            made = joint_meetings.make_joint_meeting(
                session, _settings(), payload, signed_in_staff(), now()
            )
    except ValidationError as error:
        return _joint_refused(next(iter(_translated_errors(error).values())))
    except InvalidValue as error:
        return _joint_refused(_(error.template, **error.values))
    except Forbidden:
        abort(403)
    return redirect(url_for("staff.edit_event", event_id=made["id"], faellesmoede="1"), 303)


def _joint_refused(message: str) -> tuple[str, int]:
    return render_template("calendar/staff_joint_refused.html", message=message), 422


# --- Gentofte Talks proposals -------------------------------------------------------------------


def _render_proposals(errors: dict[str, dict[str, str]], status: int = 200) -> tuple[str, int]:
    me = signed_in_staff()
    with _database().transaction() as session:
        found = talk_proposals.proposals(session)
        if found:  # proposers' names and e-mail addresses: the audit log records who saw them
            record_opened(session, SERVICE, me, "talk_proposals_listed", None)
        return (
            render_template(
                "calendar/staff_proposals.html",
                proposals=found,
                errors=errors,
                values=request.form,
                proposer_types={key: _(name) for key, name in PROPOSER_TYPES.items()},
                states={key: _(name) for key, name in PROPOSAL_STATES.items()},
                me=me,
            ),
            status,
        )


@meeting_staff.get("/gentofte-talks")
@staff_page(*talk_proposals.DECIDERS)
def proposals() -> tuple[str, int]:
    return _render_proposals({})


def _decide(proposal_id: str, decide: Any) -> Any:
    try:
        with _database().transaction() as session:
            decide(session)
    except ValidationError as error:
        return _render_proposals({proposal_id: _translated_errors(error)}, 422)
    except InvalidValue as error:
        message = _(error.template, **error.values)
        return _render_proposals({proposal_id: {error.field: message}}, 422)
    except Refused as refused:
        message = _(refused.reason, **refused.values)
        return _render_proposals({proposal_id: {"form": message}}, 409)
    except talk_proposals.ProposalNotFound:
        abort(404)
    return redirect(url_for("meeting_staff.proposals", besluttet=proposal_id), 303)


@meeting_staff.post("/gentofte-talks/<proposal_id>/godkend")
@staff_page(*talk_proposals.DECIDERS)
def approve(proposal_id: str) -> Any:
    form = request.form

    def decide(session: Any) -> None:
        payload = ApproveInSchema().load(
            {
                "starts_at": form.get("starts_at", ""),
                "ends_at": form.get("ends_at", ""),
                "location": form.get("location", ""),
            }
        )
        talk_proposals.approve(session, _settings(), proposal_id, payload, signed_in_staff(), now())

    return _decide(proposal_id, decide)


@meeting_staff.post("/gentofte-talks/<proposal_id>/afvis")
@staff_page(*talk_proposals.DECIDERS)
def decline(proposal_id: str) -> Any:
    def decide(session: Any) -> None:
        payload = DeclineInSchema().load({"reason": request.form.get("reason", "")})
        talk_proposals.decline(
            session, _settings(), proposal_id, payload["reason"], signed_in_staff(), now()
        )

    return _decide(proposal_id, decide)
