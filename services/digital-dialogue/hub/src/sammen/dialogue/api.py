"""The hub's JSON API under /api/v1: the live formats (public), the moderation queue (moderators)."""

from __future__ import annotations

from flask import current_app
from flask_smorest import abort

from sammen.auth import signed_in_staff, staff_api
from sammen.db import LARGEST_ID
from sammen.dialogue import service
from sammen.dialogue.models import Contribution, Format
from sammen.dialogue.schemas import (
    ContributionQuerySchema,
    ContributionSchema,
    DecisionInSchema,
    FormatSchema,
)
from sammen.web import Blueprint, json_call
from sammen.web.clock import now

blp = Blueprint(
    "dialogue_api", __name__, url_prefix="/api/v1", description="Formats and moderation"
)


@blp.route("/formats", methods=["GET"])
@blp.response(200, FormatSchema(many=True))
def formats() -> list[Format]:
    """The pilot formats running now: each announced itself within its TTL and has not withdrawn."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        return service.live_formats(session, now())


@blp.route("/moderation/contributions", methods=["GET"])
@staff_api("moderator")
@blp.arguments(ContributionQuerySchema, location="query")
@blp.response(200, ContributionSchema(many=True))
def moderation_queue(query: dict[str, str]) -> list[Contribution]:
    """Reported contributions from every format (default: those awaiting a decision)."""
    status = None if query["status"] == "all" else query["status"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        found = service.contributions(session, status)
        for contribution in found:
            _ = contribution.reports, contribution.decisions  # loaded before the session closes
        return found


@blp.route(
    f"/moderation/contributions/<int(max={LARGEST_ID}):contribution_pk>/decisions",
    methods=["POST"],
)
@staff_api("moderator")
@json_call(blp, DecisionInSchema, 201, ContributionSchema)
@blp.alt_response(404, description="No such reported contribution")
@blp.alt_response(409, description="The contribution is already hidden (or visible)")
def decide(payload: dict[str, str], contribution_pk: int) -> Contribution:
    """Hide or restore a contribution, with a reason; the format applies it."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        contribution = session.get(Contribution, contribution_pk)
        if contribution is None:
            abort(404, message="No reported contribution has that id.")
        service.decide(
            session, contribution, payload["action"], payload["reason"], signed_in_staff()
        )
        _ = contribution.reports, contribution.decisions
        return contribution
