"""Staff login and logout pages: the password form, the staff cookie, logging out everywhere."""

from __future__ import annotations

import math
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from sammen.auth import STAFF_COOKIE, TOKEN_SECONDS, StaffIdentity, current_staff, issue_token
from sammen.routing import login_attempts
from sammen.routing.accounts import end_sessions, identity
from sammen.routing.pages.blueprint import database, pages
from sammen.routing.settings import login_rate_limit
from sammen.routing.sso.web import password_login_provider, provider_sign_out_url
from sammen.web import limiter
from sammen.web.redirects import same_site_target


def safe_next(target: str | None) -> str:
    """Only back to our own pages: a path here, or a page of one of Sammen's services."""
    origins = current_app.config["SAMMEN_SETTINGS"].base_urls.values()
    return same_site_target(target, fallback=url_for("pages.inbox"), origins=set(origins))


def login_limit() -> str:
    return login_rate_limit(current_app.config["SAMMEN_SETTINGS"])


@pages.get("/login")
def login() -> str:
    return render_template(
        "routing/login.html", values={}, errors={}, next=request.args.get("next", "")
    )


@pages.post("/login")
@limiter.limit(login_limit)
def login_post() -> Any:
    email = request.form.get("email", "").strip()
    password = request.form.get("password", "")
    target = request.form.get("next", "")
    errors = {}
    if not email:
        errors["email"] = _("Skriv din e-mailadresse")
    if not password:
        errors["password"] = _("Skriv din adgangskode")
    staff = None
    if not errors and (wait := login_attempts.seconds_locked(email)):
        return _locked_out(email, target, wait)
    if not errors:
        with database().transaction() as session:
            account = password_login_provider().authenticate(session, email, password)
            staff = identity(account) if account else None
        if staff is None:
            login_attempts.record_failure(email)
            errors["form"] = _("E-mail eller adgangskode er forkert.")
    if staff is None:
        page = render_template(
            "routing/login.html", values={"email": email}, errors=errors, next=target
        )
        return page, 401 if "form" in errors else 422
    return start_staff_session(staff, safe_next(target))


def start_staff_session(staff: StaffIdentity, target: str) -> Response:
    """Signed in, by password or single sign-on: the staff cookie every service reads."""
    response = redirect(target, 303)
    response.set_cookie(
        STAFF_COOKIE,
        issue_token(current_app.config["SECRET_KEY"], staff),
        max_age=TOKEN_SECONDS,
        secure=current_app.config["SAMMEN_SETTINGS"].cookies_secure,
        httponly=True,
        samesite="Lax",
    )
    return response


def _locked_out(email: str, target: str, wait: int) -> tuple[str, int, dict[str, str]]:
    """The login form again, saying the account takes no password for a while (429)."""
    message = _(
        "Der er forsøgt for mange forkerte adgangskoder til denne konto, så den er spærret for "
        "login et stykke tid. Prøv igen om cirka %(minutes)s min., eller kontakt en administrator.",
        minutes=math.ceil(wait / 60),
    )
    page = render_template(
        "routing/login.html", values={"email": email}, errors={"form": message}, next=target
    )
    return page, 429, {"Retry-After": str(wait)}


@pages.get("/logout")
def logout_page() -> str:
    return render_template("routing/logout.html")


@pages.post("/logout")
def logout() -> Response:
    """Log out of every service: the account's sessions end everywhere, not just this cookie."""
    staff = current_staff()
    if staff is not None:
        with database().transaction() as session:
            end_sessions(session, staff.id)
    response = redirect(provider_sign_out_url() or url_for("pages.login"), 303)
    response.delete_cookie(STAFF_COOKIE, httponly=True, samesite="Lax")
    return response
