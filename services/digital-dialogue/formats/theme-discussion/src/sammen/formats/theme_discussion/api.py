"""The theme discussion JSON API under /api/v1: discussions (staff publish them), answers, the
export for the meeting papers, and the committee's conclusions."""

from __future__ import annotations

from typing import Any

from flask import Response as HttpResponse
from flask import current_app

from sammen.auth import signed_in_staff, staff_api
from sammen.formats.theme_discussion import domain, service
from sammen.formats.theme_discussion.metrics import contributions_submitted
from sammen.formats.theme_discussion.models import Contribution, Discussion
from sammen.formats.theme_discussion.schemas import (
    ConclusionsInSchema,
    ContributionCreatedSchema,
    ContributionInSchema,
    ContributionSchema,
    DiscussionInSchema,
    DiscussionSchema,
)
from sammen.pilot_formats.web import csv_download, found_or_404
from sammen.requested_mail import page_language
from sammen.web import Blueprint, json_call, limit_from_setting, limiter
from sammen.web.clock import now

blp = Blueprint(
    "theme_discussion_api", __name__, url_prefix="/api/v1", description="Theme discussions"
)
_rate_limit = limit_from_setting("THEME_DISCUSSION_FORM_RATE_LIMIT")


def discussion_view(discussion: Discussion) -> dict[str, Any]:
    settings = current_app.config["SAMMEN_SETTINGS"]
    return {
        "id": discussion.id,
        "title": discussion.title,
        "committee": discussion.committee,
        "intro": discussion.intro,
        "event_id": discussion.event_id,
        "sign_up_url": service.sign_up_url(settings, discussion),
        "closes_at": discussion.closes_at,
        "phase": domain.phase(discussion.closes_at, discussion.concluded_at, now()),
        "url": service.discussion_url(settings, discussion.id),
        "questions": list(discussion.questions),
        "summary": discussion.summary,
        "concluded_at": discussion.concluded_at,
    }


def discussion_or_404(session: Any, discussion_id: str) -> Discussion:
    return found_or_404(session, Discussion, discussion_id, "No theme discussion has that id.")


@blp.route("/discussions", methods=["GET"])
@blp.response(200, DiscussionSchema(many=True))
def list_discussions() -> list[dict[str, Any]]:
    """Every theme discussion, the latest closing time first."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        return [discussion_view(d) for d in service.discussions(session)]


@blp.route("/discussions", methods=["POST"])
@staff_api(*domain.STAFF)
@json_call(blp, DiscussionInSchema, 201, DiscussionSchema)
@blp.alt_response(422, description="Invalid fields, or a closing time already past")
def publish_discussion(payload: dict[str, Any]) -> dict[str, Any]:
    """Publish a theme with its questions before the committee's meeting (coordinators, council
    secretaries, admins); sends `dialogue.discussion_opened`."""
    settings = current_app.config["SAMMEN_SETTINGS"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        discussion = service.create_discussion(session, settings, payload, signed_in_staff(), now())
        return discussion_view(discussion)


@blp.route("/discussions/<discussion_id>", methods=["GET"])
@blp.response(200, DiscussionSchema)
@blp.alt_response(404, description="No such discussion")
def get_discussion(discussion_id: str) -> dict[str, Any]:
    """One theme discussion with its questions, and the conclusions once published."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        return discussion_view(discussion_or_404(session, discussion_id))


@blp.route("/discussions/<discussion_id>/contributions", methods=["POST"])
@limiter.limit(_rate_limit)
@json_call(blp, ContributionInSchema, 201, ContributionCreatedSchema)
@blp.alt_response(404, description="No such discussion")
@blp.alt_response(422, description="Invalid fields, an unknown question, or past the closing time")
def contribute(payload: dict[str, Any], discussion_id: str) -> Any:
    """Answer one question, until the closing time; a receipt goes to the e-mail address."""
    settings = current_app.config["SAMMEN_SETTINGS"]
    payload["language"] = payload.get("language") or page_language()
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        discussion = discussion_or_404(session, discussion_id)
        contribution = service.submit_contribution(session, settings, discussion, payload, now())
    contributions_submitted.inc()
    return contribution


@blp.route("/discussions/<discussion_id>/contributions", methods=["GET"])
@staff_api(*domain.STAFF)
@blp.response(200, ContributionSchema(many=True))
@blp.alt_response(404, description="No such discussion")
def staff_contributions(discussion_id: str) -> list[Contribution]:
    """Every answer with the contributor's name and e-mail (staff); the audit log records who
    saw them."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        discussion_or_404(session, discussion_id)
        # Read while the session is open; the schema shows each as staff see it.
        return service.CONTRIBUTIONS.read(session, discussion_id, signed_in_staff(), now())


@blp.route("/discussions/<discussion_id>/contributions.csv", methods=["GET"])
@staff_api(*domain.STAFF)
@blp.alt_response(200, description="text/csv; semicolon-separated, UTF-8 with BOM")
@blp.alt_response(404, description="No such discussion")
def export_contributions(discussion_id: str) -> HttpResponse:
    """Every answer with the contributors' contact as CSV, for the meeting papers (staff); the
    audit log records who exported them."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        discussion = discussion_or_404(session, discussion_id)
        text = service.exported(session, discussion, signed_in_staff(), now())
    return csv_response(text, discussion_id)


def csv_response(text: str, discussion_id: str) -> HttpResponse:
    return csv_download(text, f"temadroeftelse-{discussion_id}.csv")


@blp.route("/discussions/<discussion_id>/conclusions", methods=["POST"])
@staff_api(*domain.STAFF)
@json_call(blp, ConclusionsInSchema, 200, DiscussionSchema)
@blp.alt_response(404, description="No such discussion")
@blp.alt_response(409, description="Answers may still come in (before the closing time)")
@blp.alt_response(422, description="Invalid fields, or a question the discussion does not have")
def conclude(payload: dict[str, Any], discussion_id: str) -> dict[str, Any]:
    """Publish the committee's conclusions, overall and per question, after the meeting (staff).

    The first publication sends `dialogue.discussion_concluded` and tells every contributor once.
    """
    settings = current_app.config["SAMMEN_SETTINGS"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        discussion = discussion_or_404(session, discussion_id)
        service.publish_conclusions(
            session, settings, discussion, payload["summary"], payload["per_question"], now()
        )
        return discussion_view(discussion)
