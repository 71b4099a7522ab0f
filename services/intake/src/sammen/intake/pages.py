"""The public pages: the idea form, the receipt, the status page, the initiator's write-back page,
and the statements."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.intake import replies, service
from sammen.intake.domain import (
    AGE_GROUPS,
    CHANNELS,
    FORM_CHANNELS,
    STATUS_NAMES,
    THEMES,
    normalise_tracking_code,
)
from sammen.intake.metrics import ideas_submitted
from sammen.intake.schemas import IDEA_IN, ReplyInSchema
from sammen.web import clock, limit_from_setting, limiter
from sammen.web.form_errors import form_page
from sammen.web.form_guard import HONEYPOT, STARTED, FormGuard

pages = Blueprint("pages", __name__, template_folder="templates")

_form_rate_limit = limit_from_setting("INTAKE_FORM_RATE_LIMIT")
_guard = FormGuard("intake-form-started", "INTAKE_MIN_FILL_SECONDS")


def _translated(names: dict[str, str]) -> dict[str, str]:
    """Option texts in the visitor's language (the domain keeps the Danish msgids)."""
    return {key: _(name) for key, name in names.items()}


def _render_form(values: dict[str, Any], errors: dict[str, str], status: int = 200) -> Any:
    channel = values.get("channel") or request.args.get("kanal", "web")
    if channel not in FORM_CHANNELS:
        channel = "web"
    return (
        render_template(
            "intake/form.html",
            values=values,
            errors=errors,
            themes=_translated(THEMES),
            age_groups=_translated(AGE_GROUPS),
            channel=channel,
            channel_name=_(CHANNELS[channel]),
            started=_guard.started(),
            honeypot=HONEYPOT,
        ),
        status,
    )


@pages.get("/")
def idea_form() -> Any:
    return _render_form({}, {})


def payload_from_form(form: dict[str, str]) -> dict[str, Any]:
    channel = form.get("channel", "web")
    return {
        "title": form.get("title", ""),
        "description": form.get("description", ""),
        "theme": form.get("theme", ""),
        "location": form.get("location", ""),
        "channel": channel if channel in FORM_CHANNELS else "web",
        "initiator": {
            "name": form.get("name", ""),
            "email": form.get("email", ""),
            "phone": form.get("phone", ""),
            "organisation": form.get("organisation", ""),
            "age_group": form.get("age_group", ""),
        },
        "consent": {
            "contact": form.get("consent_contact") == "ja",
            "publish": form.get("consent_publish") == "ja",
        },
    }


def field_errors(error: ValidationError) -> dict[str, str]:
    """Marshmallow's nested messages → {form field name: first message}."""
    names = {"initiator": "", "consent": "consent_"}
    flat: dict[str, str] = {}
    for key, value in error.normalized_messages().items():
        if isinstance(value, dict):
            for inner, messages in value.items():
                flat[f"{names.get(key, key)}{inner}"] = _(str(messages[0]))
        else:
            flat[key] = _(str(value[0]))
    return flat


@pages.post("/")
@limiter.limit(_form_rate_limit, methods=["POST"])
def submit_form() -> Any:
    form = request.form.to_dict()
    values = {k: v for k, v in form.items() if k not in (HONEYPOT, STARTED, "csrf_token")}
    bot_message = _guard.refusal(form)
    if bot_message:
        return _render_form(values, {"form": bot_message}, 400)
    try:
        payload = IDEA_IN.load(payload_from_form(form))
    except ValidationError as error:
        return _render_form(values, field_errors(error), 422)
    settings = current_app.config["SAMMEN_SETTINGS"]
    group = current_app.config["INTAKE_GROUP_COMMIT"]
    code = service.submit_in_group(group, settings, payload).tracking_code
    ideas_submitted.labels(payload["channel"], payload["theme"]).inc()
    return redirect(url_for("pages.receipt", tracking_code=code), 303)


@pages.get("/kvittering/<tracking_code>")
def receipt(tracking_code: str) -> Any:
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        idea = service.find_by_tracking_code(session, tracking_code)
        if idea is None:
            abort(404)
        return render_template("intake/receipt.html", idea=idea)


@pages.get("/status")
def status_lookup() -> Any:
    code = request.args.get("kode", "")
    if code:
        return redirect(url_for("pages.status", tracking_code=normalise_tracking_code(code)))
    return render_template("intake/status_lookup.html")


@pages.get("/status/<tracking_code>")
def status(tracking_code: str) -> Any:
    code = normalise_tracking_code(tracking_code)
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        idea = service.find_by_tracking_code(session, code)
        if idea is None:
            return render_template("intake/status_lookup.html", not_found=code), 404
        history = list(reversed(service.history_view(idea, _)))
        return render_template(
            "intake/status.html",
            idea=idea,
            history=history,
            status_names=STATUS_NAMES,
            theme_name=_(THEMES[idea.theme]) if idea.theme in THEMES else idea.theme,
        )


def _reply_page(token: str, values: dict[str, str], errors: dict[str, str]) -> Any:
    """The write-back form for the idea behind `token`: 404 for no such link, 410 once closed."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        idea = replies.idea_of_token(session, token)
        if idea is None:
            return render_template("intake/reply_refused.html"), 404
        if not replies.replies_open(idea):
            return render_template("intake/reply_refused.html", idea=idea), 410
        return form_page("intake/reply.html", errors, idea=idea, values=values)


@pages.get("/svar/<token>")
def reply_form(token: str) -> Any:
    return _reply_page(token, {}, {})


@pages.post("/svar/<token>")
@limiter.limit(_form_rate_limit, methods=["POST"])
def reply(token: str) -> Any:
    """The initiator's update or answer goes to the case; nothing is stored if it is refused."""
    values = {"text": request.form.get("text", "")}
    try:
        text = ReplyInSchema().load(values)["text"]
    except ValidationError as error:
        return _reply_page(token, values, field_errors(error))
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        idea = replies.idea_of_token(session, token)
        code = idea.tracking_code if idea is not None else None
        try:
            if idea is None:
                raise replies.RepliesClosed
            replies.record_reply(session, idea, text, clock.now())
        except replies.RepliesClosed:
            code = None
    if code is None:  # no such link, or closed: the page says which
        return _reply_page(token, values, {})
    # The page's language (`?lang=`, from the mail's link) follows to the thanks.
    thanks = url_for("pages.reply_sent", tracking_code=code, lang=request.args.get("lang"))
    return redirect(thanks, 303)


@pages.get("/svar-sendt/<tracking_code>")
def reply_sent(tracking_code: str) -> str:
    return render_template(
        "intake/reply_sent.html", tracking_code=normalise_tracking_code(tracking_code)
    )


@pages.get("/tilgaengelighed")
def accessibility_statement() -> str:
    return render_template("intake/accessibility.html")


@pages.get("/privatliv")
def privacy() -> str:
    return render_template("intake/privacy.html")
