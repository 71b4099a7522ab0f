"""The realisation JSON API under /api/v1: committees, recommendations, updates, follows, questions."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import abort

from sammen.audit import record_opened
from sammen.auth import signed_in_staff, staff_api
from sammen.errors import Refused
from sammen.formats.realisation import domain, service
from sammen.formats.realisation.metrics import questions_asked, updates_published
from sammen.formats.realisation.models import Base, Committee, Question, Recommendation
from sammen.formats.realisation.schemas import (
    AnswerInSchema,
    CommitteeInSchema,
    CommitteeSchema,
    FollowInSchema,
    MemberInSchema,
    MemberSchema,
    QuestionCreatedSchema,
    QuestionInSchema,
    RecommendationInSchema,
    RecommendationSchema,
    StaffQuestionSchema,
    UpdateInSchema,
    UpdateSchema,
)
from sammen.formats.realisation.views import (
    committee_view,
    recommendation_view,
    staff_question_view,
)
from sammen.pilot_formats.web import found_or_404
from sammen.requested_mail import page_language
from sammen.web import Blueprint, json_call, limit_from_setting, limiter
from sammen.web.clock import now

blp = Blueprint(
    "realisation_api",
    __name__,
    url_prefix="/api/v1",
    description="Recommendations and their owners",
)
# Owners are staff of any role; the service checks that they own what they change.
STAFF = ("agent", "coordinator", "council_secretary", "moderator", "admin")

_rate_limit = limit_from_setting("REALISATION_FORM_RATE_LIMIT")


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _settings() -> Any:
    return current_app.config["SAMMEN_SETTINGS"]


def _get_or_404(session: Any, model: type[Base], key: str) -> Any:
    return found_or_404(session, model, key, f"No {model.__tablename__[:-1]} has that id.")


def public_view(session: Any, recommendation: Recommendation) -> dict[str, Any]:
    answered = service.questions(session, recommendation.id, answered_only=True)
    return recommendation_view(_settings(), recommendation, answered)


# --- committees ---------------------------------------------------------------------------------


@blp.route("/committees", methods=["GET"])
@blp.response(200, CommitteeSchema(many=True))
def list_committees() -> list[dict[str, Any]]:
    """Every committee (no members: they are personal)."""
    with _database().transaction() as session:
        return [committee_view(_settings(), c) for c in service.committees(session)]


@blp.route("/committees", methods=["POST"])
@staff_api(*domain.COORDINATORS)
@json_call(blp, CommitteeInSchema, 201, CommitteeSchema)
def create_committee(payload: dict[str, Any]) -> dict[str, Any]:
    """Record a committee (opgaveudvalg, council, political committee, think tank) and its members."""
    with _database().transaction() as session:
        return committee_view(_settings(), service.create_committee(session, payload, now()))


@blp.route("/committees/<committee_id>/members", methods=["GET"])
@staff_api(*domain.COORDINATORS)
@blp.response(200, MemberSchema(many=True))
def list_members(committee_id: str) -> list[dict[str, Any]]:
    """The members with their addresses (coordinators); the audit log records who saw them."""
    with _database().transaction() as session:
        committee = _get_or_404(session, Committee, committee_id)
        if committee.members:
            record_opened(
                session, service.SERVICE, signed_in_staff(), "members_listed", committee.id, now()
            )
        return [
            {
                "id": m.id,
                "name": m.name,
                "email": m.email,
                "role": m.role,
                "language": m.language,
                "unsubscribed": m.unsubscribed_at is not None,
            }
            for m in committee.members
        ]


@blp.route("/committees/<committee_id>/members", methods=["POST"])
@staff_api(*domain.COORDINATORS)
@json_call(blp, MemberInSchema, 201, MemberSchema)
def add_member(payload: dict[str, Any], committee_id: str) -> dict[str, Any]:
    """Add a member: they are told of every update to the committee's recommendations."""
    with _database().transaction() as session:
        committee = _get_or_404(session, Committee, committee_id)
        member = service.add_member(session, committee, payload, now())
        return {
            "id": member.id,
            "name": member.name,
            "email": member.email,
            "role": member.role,
            "language": member.language,
            "unsubscribed": False,
        }


# --- recommendations ----------------------------------------------------------------------------


@blp.route("/recommendations", methods=["GET"])
@blp.response(200, RecommendationSchema(many=True))
def list_recommendations() -> list[dict[str, Any]]:
    """Every recommendation with its status, progress and owner, the latest changed first."""
    with _database().transaction() as session:
        return [public_view(session, r) for r in service.recommendations(session)]


@blp.route("/recommendations", methods=["POST"])
@staff_api(*domain.COORDINATORS)
@json_call(blp, RecommendationInSchema, 201, RecommendationSchema)
@blp.alt_response(422, description="Invalid fields: `responsible` is required")
def create_recommendation(payload: dict[str, Any]) -> dict[str, Any]:
    """Record a recommendation with its named owner (`responsible` {unit, name, email})."""
    with _database().transaction() as session:
        try:
            recommendation = service.create_recommendation(session, payload, now())
        except domain.RuleBroken as broken:
            if broken.field != "reason":
                raise
            # The API's field for the reason is the recommendation's own `dropped_reason`.
            raise Refused(broken.message, "dropped_reason") from broken
        return public_view(session, recommendation)


@blp.route("/recommendations/<recommendation_id>", methods=["GET"])
@blp.response(200, RecommendationSchema)
@blp.alt_response(404, description="No such recommendation")
def get_recommendation(recommendation_id: str) -> dict[str, Any]:
    """One recommendation with its milestones, updates and answered questions."""
    with _database().transaction() as session:
        return public_view(session, _get_or_404(session, Recommendation, recommendation_id))


@blp.route("/recommendations/<recommendation_id>/updates", methods=["POST"])
@staff_api(*STAFF)
@json_call(blp, UpdateInSchema, 201, UpdateSchema)
@blp.alt_response(403, description="Neither the owner nor a coordinator")
@blp.alt_response(422, description="Invalid fields, a dropped status without a reason")
def publish_update(payload: dict[str, Any], recommendation_id: str) -> Any:
    """Publish an update (the owner or a coordinator): `realisation.update_published`, and one mail
    to every committee member and confirmed follower."""
    with _database().transaction() as session:
        recommendation = _get_or_404(session, Recommendation, recommendation_id)
        try:
            update = service.publish_update(
                session, _settings(), recommendation, payload, signed_in_staff(), now()
            )
        except service.NotAllowed:
            abort(403, message="Only the recommendation's owner or a coordinator may update it.")
    updates_published.inc()
    return update


@blp.route("/recommendations/<recommendation_id>/followers", methods=["POST"])
@limiter.limit(_rate_limit)
@json_call(blp, FollowInSchema, 202)
@blp.alt_response(404, description="No such recommendation")
def follow(payload: dict[str, Any], recommendation_id: str) -> Any:
    """Ask to follow: a mail asks the address to confirm (double opt-in). The answer is the same
    whether or not the address already follows."""
    with _database().transaction() as session:
        recommendation = _get_or_404(session, Recommendation, recommendation_id)
        language = payload.get("language") or page_language()
        service.follow(session, _settings(), recommendation, payload["email"], language, now())
    return {"message": "A mail asks the address to confirm."}


@blp.route("/recommendations/<recommendation_id>/questions", methods=["POST"])
@limiter.limit(_rate_limit)
@json_call(blp, QuestionInSchema, 201, QuestionCreatedSchema)
@blp.alt_response(404, description="No such recommendation")
def ask(payload: dict[str, Any], recommendation_id: str) -> Any:
    """Ask the owner a question; it is due within 5 Danish working days."""
    payload["language"] = payload.get("language") or page_language()
    with _database().transaction() as session:
        recommendation = _get_or_404(session, Recommendation, recommendation_id)
        question = service.ask_question(session, _settings(), recommendation, payload, now())
    questions_asked.inc()
    return question


# --- questions (staff) --------------------------------------------------------------------------


@blp.route("/questions", methods=["GET"])
@staff_api(*STAFF)
@blp.response(200, StaffQuestionSchema(many=True))
def list_questions() -> list[dict[str, Any]]:
    """Questions with their deadline's state: coordinators see all, an owner their own."""
    staff = signed_in_staff()
    with _database().transaction() as session:
        moment = now()
        return [
            staff_question_view(q, moment)
            for q in service.questions(session)
            if domain.may_act_for(staff.roles, staff.email, q.recommendation.responsible_email)
        ]


@blp.route("/questions/<question_id>/answer", methods=["POST"])
@staff_api(*STAFF)
@json_call(blp, AnswerInSchema, 200, StaffQuestionSchema)
@blp.alt_response(403, description="Neither the owner nor a coordinator")
@blp.alt_response(409, description="Already answered")
def answer(payload: dict[str, Any], question_id: str) -> dict[str, Any]:
    """Answer a question: the asker is told by mail, the page shows it without the asker's name."""
    with _database().transaction() as session:
        question = _get_or_404(session, Question, question_id)
        try:
            service.answer_question(
                session, _settings(), question, payload["answer"], signed_in_staff(), now()
            )
        except service.NotAllowed:
            abort(403, message="Only the recommendation's owner or a coordinator may answer.")
        return staff_question_view(question, now())
