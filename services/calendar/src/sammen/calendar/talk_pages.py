"""The public page to propose a Gentofte Talk ("Foreslå en Gentofte Talk"): rate-limited and
guarded against bots like the idea form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.calendar import talk_proposals
from sammen.calendar.catalogue import TOPICS
from sammen.calendar.meeting_schemas import TalkProposalInSchema
from sammen.calendar.meetings_api import request_language
from sammen.calendar.proposal_rules import PROPOSER_TYPES
from sammen.calendar.schemas import first_errors
from sammen.web import limit_from_setting, limiter
from sammen.web.clock import now
from sammen.web.form_guard import HONEYPOT, STARTED, FormGuard

talk_pages = Blueprint("talk_pages", __name__, template_folder="templates")

_proposal_rate_limit = limit_from_setting("CALENDAR_PROPOSAL_RATE_LIMIT")
_guard = FormGuard("calendar-talk-proposal-started", "CALENDAR_MIN_FILL_SECONDS")
PROPOSER_FIELDS = ("name", "email", "organisation", "type")


def _render(values: dict[str, str], errors: dict[str, str], status: int = 200) -> Any:
    return (
        render_template(
            "calendar/talk_proposal.html",
            values=values,
            errors=errors,
            proposer_types={key: _(name) for key, name in PROPOSER_TYPES.items()},
            topics={key: _(name) for key, name in TOPICS.items()},
            started=_guard.started(),
            honeypot=HONEYPOT,
        ),
        status,
    )


def payload_from_form(form: dict[str, str]) -> dict[str, Any]:
    return {
        "title": form.get("title", ""),
        "description": form.get("description", ""),
        "proposer": {name: form.get(name, "") for name in PROPOSER_FIELDS},
        "host_event": form.get("host_event", ""),
        "wished_start": form.get("wished_start", ""),
        "location": form.get("location", ""),
        "topics": [form["topic"]] if form.get("topic") else [],
    }


def _form_field(name: str) -> str:
    """`proposer.email` → `email`, `topics.0` → `topic`: the form's names."""
    if name.startswith("proposer."):
        return name.removeprefix("proposer.")
    return "topic" if name.startswith("topics") else name


@talk_pages.get("/gentofte-talks/foreslaa")
def proposal_form() -> Any:
    return _render({}, {})


@talk_pages.post("/gentofte-talks/foreslaa")
@limiter.limit(_proposal_rate_limit, methods=["POST"])
def propose() -> Any:
    form = request.form.to_dict()
    values = {k: v for k, v in form.items() if k not in (HONEYPOT, STARTED, "csrf_token")}
    if refusal := _guard.refusal(form):
        return _render(values, {"form": refusal}, 400)
    try:
        payload = TalkProposalInSchema().load(payload_from_form(form))
    except ValidationError as error:
        errors = {_form_field(k): _(v) for k, v in first_errors(error).items()}
        return _render(values, errors, 422)
    settings = current_app.config["SAMMEN_SETTINGS"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        talk_proposals.propose(session, settings, payload, request_language(), now())
    return redirect(url_for("talk_pages.proposal_sent"), 303)


@talk_pages.get("/gentofte-talks/foreslaa/tak")
def proposal_sent() -> str:
    return render_template("calendar/talk_proposal_sent.html")
