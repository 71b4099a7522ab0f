"""Notify's pages: the staff template preview, staff mail settings, and the unsubscribe pages."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from werkzeug.wrappers import Response as WerkzeugResponse

from sammen.auth import signed_in_staff, staff_page
from sammen.notify import service
from sammen.notify.mail import TEMPLATES, render_sample
from sammen.requested_mail import page_language
from sammen.web import csrf
from sammen.web.security_headers import allow_framing

pages = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/notify/static",
)

# A mail's HTML uses inline styles (mail clients need them) and no scripts; it is shown framed.
MAIL_HTML_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
)


def mail_html_response(html: str) -> Response:
    response = Response(html, content_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = MAIL_HTML_CSP
    allow_framing(response, "'self'")
    return response


def _settings() -> Any:
    return current_app.config["SAMMEN_SETTINGS"]


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _preview(name: str) -> Any:
    """A template's sample, in the language the page is shown in (staff see both versions)."""
    return render_sample(name, _settings().base_urls, page_language())


@pages.get("/")
def home() -> WerkzeugResponse:
    return redirect(url_for("pages.template_list"))


@pages.get("/skabeloner")
@staff_page()
def template_list() -> str:
    previews = [(t, _preview(t.name)) for t in TEMPLATES.values()]
    return render_template("notify/templates.html", previews=previews)


@pages.get("/skabeloner/<name>")
@staff_page()
def template_preview(name: str) -> str:
    template = TEMPLATES.get(name) or abort(404)
    return render_template(
        "notify/template.html",
        template=template,
        rendered=_preview(name),
    )


@pages.get("/skabeloner/<name>/html")
@staff_page()
def template_html(name: str) -> Response:
    if name not in TEMPLATES:
        abort(404)
    return mail_html_response(_preview(name).html)


@pages.route("/indstillinger", methods=["GET", "POST"])
@staff_page()
def staff_settings() -> Any:
    staff = signed_in_staff()
    with _database().transaction() as session:
        if request.method == "POST":
            choice = request.form.get("delivery")
            if choice not in ("each", "digest"):
                preference = service.staff_preference(session, _settings(), staff.email)
                return render_template(
                    "notify/settings.html",
                    preference=preference,
                    errors={"delivery": gettext("Vælg, hvordan du vil have beskederne")},
                ), 422
            service.set_staff_digest(session, _settings(), staff.email, choice == "digest")
            if request.form.get("resubscribe") == "ja":
                service.resubscribe(session, _settings(), staff.email)
            return redirect(url_for("pages.staff_settings", gemt=1), 303)
        preference = service.staff_preference(session, _settings(), staff.email)
        return render_template(
            "notify/settings.html",
            preference=preference,
            errors={},
            saved=request.args.get("gemt") == "1",
        )


def _preference_id(token: str) -> str:
    preference_id = service.read_unsubscribe_token(_settings().secret_key, token)
    if preference_id is None:
        abort(404)
    return preference_id


@pages.get("/afmeld/<token>")
def unsubscribe_confirm(token: str) -> str:
    _preference_id(token)
    return render_template("notify/unsubscribe.html", token=token)


@pages.post("/afmeld/<token>")
@csrf.exempt  # RFC 8058 one-click: the mail client posts without a form; the signed link is the proof
def unsubscribe(token: str) -> Any:
    with _database().transaction() as session:
        if not service.unsubscribe(session, _preference_id(token)):
            abort(404)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return Response(gettext("Afmeldt") + "\n", content_type="text/plain; charset=utf-8")
    return render_template("notify/unsubscribed.html")
