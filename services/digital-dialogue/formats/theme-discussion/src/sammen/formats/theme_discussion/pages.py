"""The pages: theme discussions for everyone, and the staff pages to publish them, read and
export the answers, and publish the committee's conclusions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.auth import current_staff, signed_in_staff, staff_page
from sammen.formats.theme_discussion import domain, service
from sammen.formats.theme_discussion.api import csv_response
from sammen.formats.theme_discussion.metrics import contributions_submitted
from sammen.formats.theme_discussion.models import Discussion
from sammen.formats.theme_discussion.schemas import (
    ConclusionsInSchema,
    ContributionInSchema,
    DiscussionInSchema,
)
from sammen.pilot_formats.forms import posted_values, public_submission
from sammen.pilot_formats.web import found_or_404
from sammen.requested_mail import page_language
from sammen.web import limit_from_setting, limiter
from sammen.web.clock import now
from sammen.web.form_errors import HONEYPOT, field_errors

pages = Blueprint("pages", __name__, template_folder="templates")
_rate_limit = limit_from_setting("THEME_DISCUSSION_FORM_RATE_LIMIT")
CONCLUSION_FIELD = "question-{}"  # the staff form's text area for one question's conclusion


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _settings() -> Any:
    return current_app.config["SAMMEN_SETTINGS"]


def _discussion(session: Any, discussion_id: str) -> Discussion:
    return found_or_404(session, Discussion, discussion_id)


def _phase(discussion: Discussion) -> str:
    return domain.phase(discussion.closes_at, discussion.concluded_at, now())


def _closed_message(closes_at: datetime) -> str:
    closes = format_datetime(closes_at, _("d. MMMM y 'kl.' HH:mm"))
    return _(
        "Der er lukket for svar. Fristen var %(closes)s. Du er velkommen til mødet.",
        closes=closes,
    )


# --- public -------------------------------------------------------------------------------------


@pages.get("/")
def index() -> str:
    with _database().transaction() as session:
        listed = [(d, _phase(d)) for d in service.discussions(session)]
        return render_template(
            "theme_discussion/index.html", discussions=listed, phases=domain.PHASE_NAMES
        )


def _render_discussion(
    discussion_id: str, values: dict[str, Any], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        discussion = _discussion(session, discussion_id)
        published: dict[int, list[Any]] = {q.id: [] for q in discussion.questions}
        for contribution in service.contributions(session, discussion.id, published_only=True):
            published[contribution.question_id].append(contribution)
        page = render_template(
            "theme_discussion/discussion.html",
            discussion=discussion,
            phase=_phase(discussion),
            phases=domain.PHASE_NAMES,
            sign_up_url=service.sign_up_url(_settings(), discussion),
            published=published,
            values=values,
            errors=errors,
            honeypot=HONEYPOT,
        )
    return page, code


@pages.get("/droeftelser/<discussion_id>")
def discussion_page(discussion_id: str) -> Any:
    return _render_discussion(
        discussion_id, {"question_id": request.args.get("spoergsmaal", "")}, {}
    )


@pages.post("/droeftelser/<discussion_id>/bidrag")
@limiter.limit(_rate_limit, methods=["POST"])
def contribute(discussion_id: str) -> Any:
    sent = public_submission(ContributionInSchema(), _contribution_fields)
    values, payload = sent.values, sent.payload
    if payload is None:
        return _render_discussion(discussion_id, values, sent.errors, sent.status)
    with _database().transaction() as session:
        discussion = _discussion(session, discussion_id)
        closes_at = discussion.closes_at  # read now: after a rollback it would be read again
        try:
            service.submit_contribution(session, _settings(), discussion, payload, now())
        except service.DiscussionClosed:
            session.rollback()
            message = _closed_message(closes_at)
            return _render_discussion(discussion_id, values, {"form": message}, 422)
        except service.UnknownQuestion:
            session.rollback()
            message = _("Vælg et spørgsmål fra listen")
            return _render_discussion(discussion_id, values, {"question_id": message}, 422)
    contributions_submitted.inc()
    return redirect(url_for("pages.thanks", discussion_id=discussion_id), 303)


def _contribution_fields(values: dict[str, str]) -> dict[str, Any]:
    """The answer form's values as the schema reads them: the question's id is a number."""
    question = values.get("question_id", "")
    return {
        **values,
        "question_id": int(question) if question.isdigit() else question,
        "language": page_language(),
    }


@pages.get("/droeftelser/<discussion_id>/tak")
def thanks(discussion_id: str) -> str:
    with _database().transaction() as session:
        discussion = _discussion(session, discussion_id)
        return render_template(
            "theme_discussion/thanks.html",
            discussion=discussion,
            sign_up_url=service.sign_up_url(_settings(), discussion),
        )


# --- staff --------------------------------------------------------------------------------------


@pages.get("/personale")
@staff_page(*domain.STAFF)
def staff_index() -> str:
    with _database().transaction() as session:
        listed = [(d, _phase(d)) for d in service.discussions(session)]
        return render_template(
            "theme_discussion/staff_index.html",
            discussions=listed,
            phases=domain.PHASE_NAMES,
            staff=current_staff(),
        )


def _render_new(values: dict[str, str], errors: dict[str, str], code: int = 200) -> Any:
    page = render_template(
        "theme_discussion/staff_new.html", values=values, errors=errors, staff=current_staff()
    )
    return page, code


@pages.get("/personale/ny")
@staff_page(*domain.STAFF)
def staff_new() -> Any:
    return _render_new({}, {})


@pages.post("/personale/ny")
@staff_page(*domain.STAFF)
def staff_create() -> Any:
    values = posted_values()
    questions = domain.parse_questions(values.get("questions", ""))
    try:
        payload = DiscussionInSchema().load(
            {**values, "questions": questions, "event_id": values.get("event_id") or None}
        )
    except ValidationError as error:
        return _render_new(values, field_errors(error), 422)
    with _database().transaction() as session:
        try:
            discussion = service.create_discussion(
                session, _settings(), payload, signed_in_staff(), now()
            )
        except service.ClosesInThePast:
            session.rollback()
            message = _("Vælg en frist, der ikke er overskredet")
            return _render_new(values, {"closes_at": message}, 422)
        discussion_id = discussion.id
    return redirect(url_for("pages.staff_discussion", discussion_id=discussion_id), 303)


def _render_staff_discussion(
    discussion_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        discussion = _discussion(session, discussion_id)
        found = service.CONTRIBUTIONS.read(session, discussion.id, signed_in_staff(), now())
        by_question: dict[int, list[Any]] = {q.id: [] for q in discussion.questions}
        for contribution in found:
            by_question[contribution.question_id].append(contribution)
        if not values:
            values = {"summary": discussion.summary or ""} | {
                CONCLUSION_FIELD.format(q.id): q.conclusion or "" for q in discussion.questions
            }
        page = render_template(
            "theme_discussion/staff_discussion.html",
            discussion=discussion,
            phase=_phase(discussion),
            phases=domain.PHASE_NAMES,
            may_conclude=domain.may_conclude(discussion.closes_at, now()),
            contributions=by_question,
            count=len(found),
            moderation_names=domain.MODERATION_NAMES,
            conclusion_field=CONCLUSION_FIELD,
            values=values,
            errors=errors,
            staff=current_staff(),
        )
    return page, code


@pages.get("/personale/droeftelser/<discussion_id>")
@staff_page(*domain.STAFF)
def staff_discussion(discussion_id: str) -> Any:
    return _render_staff_discussion(discussion_id, {}, {})


@pages.get("/personale/droeftelser/<discussion_id>/bidrag.csv")
@staff_page(*domain.STAFF)
def staff_export(discussion_id: str) -> Any:
    with _database().transaction() as session:
        discussion = _discussion(session, discussion_id)
        text = service.exported(session, discussion, signed_in_staff(), now())
    return csv_response(text, discussion_id)


@pages.post("/personale/droeftelser/<discussion_id>/konklusioner")
@staff_page(*domain.STAFF)
def staff_conclusions(discussion_id: str) -> Any:
    values = posted_values()
    with _database().transaction() as session:
        question_ids = [q.id for q in _discussion(session, discussion_id).questions]
    per_question = [
        {"question_id": qid, "text": values[CONCLUSION_FIELD.format(qid)]}
        for qid in question_ids
        if values.get(CONCLUSION_FIELD.format(qid), "").strip()
    ]
    try:
        payload = ConclusionsInSchema().load(
            {"summary": values.get("summary", ""), "per_question": per_question}
        )
    except ValidationError as error:
        return _render_staff_discussion(discussion_id, values, field_errors(error), 422)
    with _database().transaction() as session:
        discussion = _discussion(session, discussion_id)
        try:
            service.publish_conclusions(
                session, _settings(), discussion, payload["summary"], payload["per_question"], now()
            )
        except service.NotYetClosed:
            session.rollback()
            message = _("Konklusionerne kan først offentliggøres, når der er lukket for svar.")
            return _render_staff_discussion(discussion_id, values, {"summary": message}, 409)
    return redirect(
        url_for("pages.discussion_page", discussion_id=discussion_id) + "#konklusioner", 303
    )
