"""The pages: recommendations and committees for everyone, following and asking, and the staff
pages where owners and coordinators answer questions and publish updates."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.auth import current_staff, signed_in_staff, staff_page
from sammen.formats.realisation import domain, meetings, service
from sammen.formats.realisation.api import STAFF
from sammen.formats.realisation.metrics import questions_asked, updates_published
from sammen.formats.realisation.models import Committee, Question, Recommendation
from sammen.formats.realisation.schemas import (
    AnswerInSchema,
    FollowInSchema,
    QuestionInSchema,
    UpdateInSchema,
)
from sammen.formats.realisation.views import staff_question_view
from sammen.pilot_formats.forms import Submission, posted_values, public_submission
from sammen.pilot_formats.web import found_or_404
from sammen.requested_mail import page_language
from sammen.web import csrf, limit_from_setting, limiter
from sammen.web.clock import now
from sammen.web.form_errors import field_errors
from sammen.web.form_guard import HONEYPOT

pages = Blueprint("pages", __name__, template_folder="templates")

_rate_limit = limit_from_setting("REALISATION_FORM_RATE_LIMIT")


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _settings() -> Any:
    return current_app.config["SAMMEN_SETTINGS"]


def _get(session: Any, model: type, key: str) -> Any:
    return found_or_404(session, model, key)


def _names() -> dict[str, Any]:
    return {
        "statuses": domain.STATUS_NAMES,
        "kinds": domain.COMMITTEE_KINDS,
        "deadline_names": domain.DEADLINE_NAMES,
        "media_kinds": domain.MEDIA_KINDS,
    }


# --- public -------------------------------------------------------------------------------------


@pages.get("/")
def index() -> str:
    with _database().transaction() as session:
        return render_template(
            "realisation/index.html", recommendations=service.recommendations(session), **_names()
        )


@pages.get("/udvalg/<committee_id>")
def committee_page(committee_id: str) -> str:
    with _database().transaction() as session:
        committee = _get(session, Committee, committee_id)
        return render_template(
            "realisation/committee.html",
            committee=committee,
            recommendations=service.recommendations(session, committee.id),
            meetings=meetings.upcoming(session, committee.organizer, now()),
            **_names(),
        )


def _render_recommendation(
    recommendation_id: str,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    code: int = 200,
) -> Any:
    with _database().transaction() as session:
        recommendation = _get(session, Recommendation, recommendation_id)
        page = render_template(
            "realisation/recommendation.html",
            recommendation=recommendation,
            answered=service.questions(session, recommendation.id, answered_only=True),
            meetings=meetings.upcoming(session, recommendation.committee.organizer, now()),
            values=values or {},
            errors=errors or {},
            honeypot=HONEYPOT,
            **_names(),
        )
    return page, code


def _form_again(recommendation_id: str, sent: Submission, form_name: str) -> Any:
    """The recommendation page again, with its form `form_name` as sent and what to correct."""
    values = sent.values | {"form_name": form_name}
    return _render_recommendation(recommendation_id, values, sent.errors, sent.status)


@pages.get("/anbefalinger/<recommendation_id>")
def recommendation_page(recommendation_id: str) -> Any:
    return _render_recommendation(recommendation_id)


@pages.post("/anbefalinger/<recommendation_id>/foelg")
@limiter.limit(_rate_limit, methods=["POST"])
def follow(recommendation_id: str) -> Any:
    sent = public_submission(FollowInSchema(), lambda values: {"email": values.get("email", "")})
    if sent.payload is None:
        return _form_again(recommendation_id, sent, "follow")
    with _database().transaction() as session:
        recommendation = _get(session, Recommendation, recommendation_id)
        service.follow(
            session, _settings(), recommendation, sent.payload["email"], page_language(), now()
        )
    return redirect(url_for("pages.follow_thanks", recommendation_id=recommendation_id), 303)


@pages.get("/anbefalinger/<recommendation_id>/foelg/tak")
def follow_thanks(recommendation_id: str) -> str:
    return _receipt("realisation/follow_thanks.html", recommendation_id)


@pages.post("/anbefalinger/<recommendation_id>/spoergsmaal")
@limiter.limit(_rate_limit, methods=["POST"])
def ask(recommendation_id: str) -> Any:
    sent = public_submission(QuestionInSchema(), _question_fields)
    if sent.payload is None:
        return _form_again(recommendation_id, sent, "question")
    with _database().transaction() as session:
        recommendation = _get(session, Recommendation, recommendation_id)
        service.ask_question(session, _settings(), recommendation, sent.payload, now())
    questions_asked.inc()
    return redirect(url_for("pages.question_thanks", recommendation_id=recommendation_id), 303)


def _question_fields(values: dict[str, str]) -> dict[str, str]:
    """The question form's fields, in the language of the page."""
    fields = {name: values.get(name, "") for name in ("name", "email", "text")}
    return fields | {"language": page_language()}


@pages.get("/anbefalinger/<recommendation_id>/spoergsmaal/tak")
def question_thanks(recommendation_id: str) -> str:
    return _receipt("realisation/question_thanks.html", recommendation_id)


def _receipt(template: str, recommendation_id: str) -> str:
    """The page after a form on the recommendation's page went in."""
    with _database().transaction() as session:
        recommendation = _get(session, Recommendation, recommendation_id)
        return render_template(template, recommendation=recommendation)


@pages.get("/bekraeft/<token>")
def confirm_page(token: str) -> Any:
    """Only shows the button: a mail scanner that opens the link starts nothing."""
    with _database().transaction() as session:
        follower = service.pending_follower(session, token)
        recommendation = (
            session.get(Recommendation, follower.recommendation_id) if follower else None
        )
        page = render_template(
            "realisation/confirm.html", token=token, recommendation=recommendation, done=False
        )
    return page, 200 if follower else 404


@pages.post("/bekraeft/<token>")
def confirm(token: str) -> Any:
    with _database().transaction() as session:
        follower = service.pending_follower(session, token)
        if follower is None:
            page = render_template(
                "realisation/confirm.html", token=token, recommendation=None, done=False
            )
            return page, 404
        service.confirm_following(session, follower, now())
        recommendation = session.get(Recommendation, follower.recommendation_id)
        return render_template(
            "realisation/confirm.html", token=token, recommendation=recommendation, done=True
        )


@pages.get("/afmeld/<token>")
def unsubscribe_page(token: str) -> Any:
    with _database().transaction() as session:
        subscriber = service.unsubscribed_by(session, token)
        page = render_template(
            "realisation/unsubscribe.html",
            token=token,
            known=subscriber is not None,
            done=bool(subscriber and subscriber.unsubscribed_at),
        )
    return page, 200 if subscriber else 404


@pages.post("/afmeld/<token>")
@csrf.exempt  # RFC 8058: the mail client posts `List-Unsubscribe=One-Click` without a form
def unsubscribe(token: str) -> Any:
    with _database().transaction() as session:
        subscriber = service.unsubscribed_by(session, token)
        if subscriber is not None:
            service.unsubscribe(subscriber, now())
        page = render_template(
            "realisation/unsubscribe.html",
            token=token,
            known=subscriber is not None,
            done=subscriber is not None,
        )
    return page, 200 if subscriber else 404


# --- staff --------------------------------------------------------------------------------------


def _mine(question: Question) -> bool:
    staff = signed_in_staff()
    return domain.may_act_for(staff.roles, staff.email, question.recommendation.responsible_email)


@pages.get("/personale")
@staff_page(*STAFF)
def staff_index() -> str:
    staff = signed_in_staff()
    with _database().transaction() as session:
        moment = now()
        listed = [staff_question_view(q, moment) for q in service.questions(session) if _mine(q)]
        owned = [
            r
            for r in service.recommendations(session)
            if domain.may_act_for(staff.roles, staff.email, r.responsible_email)
        ]
        return render_template(
            "realisation/staff_index.html",
            questions=sorted(listed, key=lambda q: (q["deadline"] == "answered", q["due_at"])),
            recommendations=owned,
            staff=current_staff(),
            **_names(),
        )


def _render_staff_question(
    question_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        question = _get(session, Question, question_id)
        if not _mine(question):
            abort(403)
        page = render_template(
            "realisation/staff_question.html",
            question=staff_question_view(question, now()),
            values=values,
            errors=errors,
            staff=current_staff(),
            **_names(),
        )
    return page, code


@pages.get("/personale/spoergsmaal/<question_id>")
@staff_page(*STAFF)
def staff_question(question_id: str) -> Any:
    return _render_staff_question(question_id, {}, {})


@pages.post("/personale/spoergsmaal/<question_id>")
@staff_page(*STAFF)
def staff_answer(question_id: str) -> Any:
    values = {"answer": request.form.get("answer", "")}
    try:
        payload = AnswerInSchema().load(values)
    except ValidationError as error:
        return _render_staff_question(question_id, values, field_errors(error), 422)
    with _database().transaction() as session:
        question = _get(session, Question, question_id)
        try:
            service.answer_question(
                session, _settings(), question, payload["answer"], signed_in_staff(), now()
            )
        except service.NotAllowed:
            abort(403)
        except service.AlreadyAnswered:
            session.rollback()
            message = _("Spørgsmålet er allerede besvaret.")
            return _render_staff_question(question_id, values, {"answer": message}, 409)
    return redirect(url_for("pages.staff_index"), 303)


def _render_staff_recommendation(
    recommendation_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    staff = signed_in_staff()
    with _database().transaction() as session:
        recommendation = _get(session, Recommendation, recommendation_id)
        if not domain.may_act_for(staff.roles, staff.email, recommendation.responsible_email):
            abort(403)
        page = render_template(
            "realisation/staff_recommendation.html",
            recommendation=recommendation,
            values=values or {"status": recommendation.status},
            errors=errors,
            staff=current_staff(),
            status_options={key: _(name) for key, name in domain.STATUS_NAMES.items()},
            media_options={key: _(name) for key, name in domain.MEDIA_KINDS.items()},
            milestone_options={
                str(m.id): m.title for m in recommendation.milestones if m.done_at is None
            },
            **_names(),
        )
    return page, code


@pages.get("/personale/anbefalinger/<recommendation_id>")
@staff_page(*STAFF)
def staff_recommendation(recommendation_id: str) -> Any:
    return _render_staff_recommendation(recommendation_id, {}, {})


def _update_payload(values: dict[str, str]) -> dict[str, Any]:
    """The update form's fields as the API takes them (an empty choice is no change)."""
    media = None
    if values.get("media_url") or values.get("media_kind"):
        media = {
            "kind": values.get("media_kind", ""),
            "url": values.get("media_url", ""),
            "title": values.get("media_title") or None,
            "transcript": values.get("transcript") or None,
        }
    return {
        "text": values.get("text", ""),
        "status": values.get("status") or None,
        "reason": values.get("reason") or None,
        "progress": values.get("progress") or None,
        "milestone_done": values.get("milestone_done") or None,
        "media": media,
    }


def _flat_media_errors(errors: dict[str, str], error: ValidationError) -> dict[str, str]:
    # The form's media fields are flat: a nested media error names its own form field.
    nested = error.normalized_messages().get("media")
    if isinstance(nested, dict):
        errors.pop("media", None)
        for name, messages in nested.items():
            field = "transcript" if name == "transcript" else f"media_{name}"
            errors[field] = _(messages[0] if isinstance(messages, list) else str(messages))
    return errors


@pages.post("/personale/anbefalinger/<recommendation_id>/opdatering")
@staff_page(*STAFF)
def staff_update(recommendation_id: str) -> Any:
    values = posted_values()
    try:
        payload = UpdateInSchema().load(_update_payload(values))
    except ValidationError as error:
        errors = _flat_media_errors(field_errors(error), error)
        return _render_staff_recommendation(recommendation_id, values, errors, 422)
    with _database().transaction() as session:
        recommendation = _get(session, Recommendation, recommendation_id)
        try:
            service.publish_update(
                session, _settings(), recommendation, payload, signed_in_staff(), now()
            )
        except service.NotAllowed:
            abort(403)
        except (service.UnknownMilestone, domain.RuleBroken) as refused:
            session.rollback()
            field, message = (
                ({"media": "media_kind"}.get(refused.field, refused.field), _(refused.message))
                if isinstance(refused, domain.RuleBroken)
                else ("milestone_done", _("Vælg en milepæl fra listen"))
            )
            return _render_staff_recommendation(recommendation_id, values, {field: message}, 422)
    updates_published.inc()
    return redirect(url_for("pages.recommendation_page", recommendation_id=recommendation_id), 303)
