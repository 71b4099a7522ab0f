"""The hearing JSON API under /api/v1: hearings (staff open them), answers, the export, the notat."""

from __future__ import annotations

from typing import Any

from flask import Response as HttpResponse
from flask import current_app

from sammen.auth import StaffIdentity, signed_in_staff, staff_api
from sammen.formats.hearing import domain, service
from sammen.formats.hearing.metrics import responses_submitted
from sammen.formats.hearing.models import Hearing, Response
from sammen.formats.hearing.schemas import (
    HearingInSchema,
    HearingSchema,
    ResponseCreatedSchema,
    ResponseInSchema,
    ResponseSchema,
    SummaryInSchema,
)
from sammen.pilot_formats.web import csv_download, found_or_404
from sammen.requested_mail import page_language
from sammen.web import Blueprint, json_call, limit_from_setting, limiter
from sammen.web.clock import now

blp = Blueprint("hearing_api", __name__, url_prefix="/api/v1", description="Hearings and answers")
STAFF = ("coordinator", "moderator", "admin")


_rate_limit = limit_from_setting("HEARING_FORM_RATE_LIMIT")


def hearing_view(hearing: Hearing) -> dict[str, Any]:
    settings = current_app.config["SAMMEN_SETTINGS"]
    return {
        "id": hearing.id,
        "title": hearing.title,
        "introduction": hearing.introduction,
        "opens_at": hearing.opens_at,
        "deadline": hearing.deadline,
        "answer_mode": hearing.answer_mode,
        "phase": domain.phase(hearing.opens_at, hearing.deadline, now()),
        "url": service.hearing_url(settings, hearing.id),
        "sections": list(hearing.sections),
        "summary": hearing.summary,
        "summary_published_at": hearing.summary_published_at,
    }


def _hearing_or_404(session: Any, hearing_id: str) -> Hearing:
    return found_or_404(session, Hearing, hearing_id, "No hearing has that id.")


@blp.route("/hearings", methods=["GET"])
@blp.response(200, HearingSchema(many=True))
def list_hearings() -> list[dict[str, Any]]:
    """Every hearing, the newest deadline first."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        return [hearing_view(h) for h in service.hearings(session)]


@blp.route("/hearings", methods=["POST"])
@staff_api(*STAFF)
@json_call(blp, HearingInSchema, 201, HearingSchema)
def open_hearing(payload: dict[str, Any]) -> dict[str, Any]:
    """Open a hearing (coordinators, moderators, admins); sends `dialogue.hearing_opened`."""
    settings = current_app.config["SAMMEN_SETTINGS"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        hearing = service.create_hearing(session, settings, payload, signed_in_staff(), now())
        return hearing_view(hearing)


@blp.route("/hearings/<hearing_id>", methods=["GET"])
@blp.response(200, HearingSchema)
@blp.alt_response(404, description="No such hearing")
def get_hearing(hearing_id: str) -> dict[str, Any]:
    """One hearing with its document, and the høringsnotat once published."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        return hearing_view(_hearing_or_404(session, hearing_id))


@blp.route("/hearings/<hearing_id>/responses", methods=["POST"])
@limiter.limit(_rate_limit)
@json_call(blp, ResponseInSchema, 201, ResponseCreatedSchema)
@blp.alt_response(404, description="No such hearing")
@blp.alt_response(422, description="Invalid fields, an unknown section, or past the deadline")
def answer(payload: dict[str, Any], hearing_id: str) -> Any:
    """Answer a hearing, overall (`section` null) or to one section, until the deadline."""
    settings = current_app.config["SAMMEN_SETTINGS"]
    payload["language"] = payload.get("language") or page_language()
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        hearing = _hearing_or_404(session, hearing_id)
        response = service.submit_response(session, settings, hearing, payload, now())
    responses_submitted.labels("section" if response.section_id else "overall").inc()
    return response


@blp.route("/hearings/<hearing_id>/responses", methods=["GET"])
@staff_api(*STAFF)
@blp.response(200, ResponseSchema(many=True))
def staff_responses(hearing_id: str) -> list[Any]:
    """Every answer: with the respondent's name and e-mail for coordinators and admins, as it is
    published (text and signature) for moderators; the audit log records who saw them."""
    staff = signed_in_staff()
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        _hearing_or_404(session, hearing_id)
        responses = service.RESPONSES.read(session, hearing_id, staff, now())
        return [staff_view(r, staff) for r in responses]


def staff_view(response: Response, staff: StaffIdentity) -> dict[str, Any]:
    """An answer as `staff` may see it: the respondent's contact for its readers only."""
    view = {
        "id": response.id,
        "hearing_id": response.hearing_id,
        "section_id": response.section_id,
        "moderation": response.moderation,
        "organisation": response.organisation,
        "signature": response.signature,
        "body": response.body,
        "submitted_at": response.submitted_at,
    }
    if staff.has_any(domain.CONTACT_READERS):
        view |= {
            "respondent_name": response.respondent_name,
            "respondent_email": response.respondent_email,
        }
    return view


@blp.route("/hearings/<hearing_id>/responses.csv", methods=["GET"])
@staff_api(*domain.CONTACT_READERS)
@blp.alt_response(200, description="text/csv; semicolon-separated, UTF-8 with BOM")
@blp.alt_response(409, description="The deadline has not passed")
def export_responses(hearing_id: str) -> HttpResponse:
    """All answers with the respondents' contact as CSV, after the deadline (coordinators and
    admins); the audit log records who exported them."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        hearing = _hearing_or_404(session, hearing_id)
        text = service.exported(session, hearing, signed_in_staff(), now())
    return csv_response(text, hearing_id)


def csv_response(text: str, hearing_id: str) -> HttpResponse:
    return csv_download(text, f"hoeringssvar-{hearing_id}.csv")


@blp.route("/hearings/<hearing_id>/summary", methods=["PUT"])
@staff_api(*STAFF)
@json_call(blp, SummaryInSchema, 200, HearingSchema)
@blp.alt_response(409, description="The deadline has not passed")
@blp.alt_response(422, description="Invalid fields, or a section the hearing does not have")
def put_summary(payload: dict[str, Any], hearing_id: str) -> dict[str, Any]:
    """Publish the høringsnotat on the hearing page, after the deadline (staff).

    The first publication sends `dialogue.hearing_concluded` and tells every respondent by mail.
    """
    settings = current_app.config["SAMMEN_SETTINGS"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        hearing = _hearing_or_404(session, hearing_id)
        service.publish_summary(
            session, settings, hearing, payload["summary"], payload["sections"], now()
        )
        return hearing_view(hearing)
