"""The intake JSON API under /api/v1: ideas from gentofte.dk and other servers, the public status."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from typing import Any

from flask import current_app, g, request
from flask_babel import gettext
from flask_smorest import abort

from sammen.intake import service
from sammen.intake.domain import THEMES, normalise_tracking_code
from sammen.intake.metrics import ideas_submitted
from sammen.intake.schemas import IDEA_IN, IdeaCreatedSchema, PublicStatusSchema, ThemeSchema
from sammen.web import Blueprint, json_call

blp = Blueprint("ideas_api", __name__, url_prefix="/api/v1", description="Ideas and their status")


def client_for_key(clients: dict[str, str], presented: str) -> str | None:
    """The client whose key matches, compared in constant time against every key."""
    found = None
    for name, key in clients.items():
        if hmac.compare_digest(key.encode(), presented.encode()):
            found = name
    return found


def api_client_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
        client = None
        if scheme.lower() == "bearer" and presented:
            client = client_for_key(current_app.config["INTAKE_API_CLIENTS"], presented.strip())
        if client is None:
            abort(401, message="Send a valid API key as Authorization: Bearer <key>.")
        g.api_client = client
        return view(*args, **kwargs)

    return wrapper


def _status_view(idea: Any) -> dict[str, Any]:
    agent = (
        {"name": idea.agent_name, "email": idea.agent_email, "phone": idea.agent_phone}
        if idea.agent_name
        else None
    )
    return {
        "tracking_code": idea.tracking_code,
        "title": idea.title,
        "theme": idea.theme,
        "status": idea.status,
        "submitted_at": idea.submitted_at,
        "updated_at": idea.updated_at,
        "agent": agent,
        "responsible": (
            {"unit": idea.responsible_unit, "name": idea.responsible_name}
            if idea.responsible_unit
            else None
        ),
        "history": service.history_view(idea, gettext),
    }


@blp.route("/ideas", methods=["POST"])
@api_client_required
@json_call(blp, IDEA_IN, 201, IdeaCreatedSchema)
@blp.alt_response(401, description="Missing or wrong API key")
@blp.alt_response(409, description="The same Idempotency-Key is being used by another request")
@blp.alt_response(413, description="Body too large")
@blp.alt_response(415, description="Body is not JSON")
def create_idea(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Submit an idea. With `Idempotency-Key`, a repeat of the same request creates nothing new."""
    settings = current_app.config["SAMMEN_SETTINGS"]
    database = current_app.config["SAMMEN_DATABASE"]
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 200:
        abort(422, message="Idempotency-Key: at most 200 characters.")
    if key:
        with database.transaction() as session:
            idea, created = service.submit_idempotent(session, settings, g.api_client, key, payload)
    else:
        group = current_app.config["INTAKE_GROUP_COMMIT"]
        idea, created = service.submit_in_group(group, settings, payload), True
    answer = {
        "id": idea.id,
        "tracking_code": idea.tracking_code,
        "status": "received",
        "status_url": service.status_url(settings, idea.tracking_code),
    }
    if created:
        ideas_submitted.labels(payload["channel"], payload["theme"]).inc()
    # A repeated key gets the first answer, unchanged.
    return answer, 201


@blp.route("/ideas/<tracking_code>", methods=["GET"])
@blp.response(200, PublicStatusSchema)
@blp.alt_response(404, description="No idea with that tracking code")
def idea_status(tracking_code: str) -> dict[str, Any]:
    """The public status of an idea: title, status, messages to the initiator, the agent."""
    database = current_app.config["SAMMEN_DATABASE"]
    with database.transaction() as session:
        idea = service.find_by_tracking_code(session, normalise_tracking_code(tracking_code))
        if idea is None:
            abort(404, message="No idea has that tracking code.")
        return _status_view(idea)


@blp.route("/themes", methods=["GET"])
@blp.response(200, ThemeSchema(many=True))
def themes() -> list[dict[str, str]]:
    """The themes an idea can have: Gentofte's policy areas, and "Andet"."""
    return [{"slug": slug, "name": name} for slug, name in THEMES.items()]
