"""The Danish pages: the portal of running pilots, and the moderators' queue."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.auth import current_staff, signed_in_staff, staff_page
from sammen.db import LARGEST_ID
from sammen.dialogue import domain, service
from sammen.dialogue.models import Contribution
from sammen.dialogue.schemas import DecisionInSchema
from sammen.web.clock import now

pages = Blueprint("pages", __name__, template_folder="templates")


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


@pages.get("/")
def portal() -> str:
    with _database().transaction() as session:
        live = service.live_formats(session, now())
        return render_template("dialogue/portal.html", formats=live)


@pages.get("/moderation")
@staff_page("moderator")
def moderation_queue() -> str:
    status = request.args.get("status", domain.OPEN)
    if status not in (*domain.STATUS_NAMES, "all"):
        status = domain.OPEN
    with _database().transaction() as session:
        return render_template(
            "dialogue/moderation_queue.html",
            contributions=service.contributions(session, None if status == "all" else status),
            format_names=service.format_names(session),
            status=status,
            status_names=domain.STATUS_NAMES,
            staff=current_staff(),
        )


def _render_contribution(
    contribution_pk: int, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        contribution = session.get(Contribution, contribution_pk)
        if contribution is None:
            abort(404)
        page = render_template(
            "dialogue/moderation_contribution.html",
            contribution=contribution,
            format_name=service.format_names(session).get(contribution.format),
            status_names=domain.STATUS_NAMES,
            actions=domain.ACTION_NAMES,
            values=values,
            errors=errors,
            staff=current_staff(),
        )
    return page, code


@pages.get(f"/moderation/<int(max={LARGEST_ID}):contribution_pk>")
@staff_page("moderator")
def moderation_contribution(contribution_pk: int) -> Any:
    return _render_contribution(contribution_pk, {}, {})


@pages.post(f"/moderation/<int(max={LARGEST_ID}):contribution_pk>")
@staff_page("moderator")
def moderation_decide(contribution_pk: int) -> Any:
    values = {"action": request.form.get("action", ""), "reason": request.form.get("reason", "")}
    try:
        payload = DecisionInSchema().load(values)
    except ValidationError as error:
        errors = {
            field: _(str(messages[0])) for field, messages in error.normalized_messages().items()
        }
        return _render_contribution(contribution_pk, values, errors, 422)
    with _database().transaction() as session:
        contribution = session.get(Contribution, contribution_pk)
        if contribution is None:
            abort(404)
        try:
            service.decide(
                session, contribution, payload["action"], payload["reason"], signed_in_staff()
            )
        except domain.ModerationRefused as refused:
            session.rollback()
            return _render_contribution(
                contribution_pk, values, {"action": _(refused.message)}, 409
            )
    return redirect(url_for("pages.moderation_queue", afgjort=contribution_pk), 303)
