"""Staff single sign-on pages: `GET /login/sso` sends the browser to the provider, and
`GET /login/sso/callback` takes its answer. A refused sign-in gives no session, a page saying
what to do, a log line with only the reason, and a count by reason."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, session
from werkzeug.wrappers import Response

from sammen.auth import StaffIdentity
from sammen.routing import metrics
from sammen.routing.accounts import identity
from sammen.routing.pages.auth import login_limit, safe_next, start_staff_session
from sammen.routing.sso.client import OpenIdClient, SignInRefused
from sammen.routing.sso.staff import person_from_claims, record_sign_in
from sammen.routing.sso.web import SIGNED_IN_KEY, sso_client, sso_config
from sammen.web import limiter
from sammen.web.clock import now

log = logging.getLogger(__name__)
sso = Blueprint("sso", __name__)
# In routing's own session cookie between the two requests: what the callback must find again.
PENDING_KEY = "sso_pending"
REFUSAL_STATUS = {
    "state": 400,
    "provider_error": 400,
    "code_refused": 400,
    "no_role": 403,
    "account_inactive": 403,
    "account_conflict": 409,
    "provider_unavailable": 503,
}


@sso.app_context_processor
def _login_options() -> dict[str, Any]:
    config = sso_config()
    return {
        "single_sign_on": config is not None,
        "passwords_for_break_glass_only": config is not None and config.replaces_passwords,
    }


def _client() -> OpenIdClient:
    client = sso_client()
    if client is None:
        abort(404)
    return client


@sso.get("/login/sso")
def start() -> Response | tuple[str, int]:
    client = _client()
    try:
        authorization = client.authorization_request()
    except SignInRefused as refused:
        return _refused(refused.reason)
    session[PENDING_KEY] = {
        "state": authorization.state,
        "nonce": authorization.nonce,
        "code_verifier": authorization.code_verifier,
        "next": request.args.get("next", ""),
    }
    return redirect(authorization.url, 302)


@sso.get("/login/sso/callback")
@limiter.limit(login_limit)
def callback() -> Response | tuple[str, int]:
    pending = session.pop(PENDING_KEY, None)  # one answer per request sent: never reused
    try:
        staff = _signed_in_staff(_client(), pending)
    except SignInRefused as refused:
        return _refused(refused.reason)
    metrics.sso_sign_ins.inc()
    session[SIGNED_IN_KEY] = True
    return start_staff_session(staff, safe_next(pending["next"]))


def _signed_in_staff(client: OpenIdClient, pending: dict[str, str] | None) -> StaffIdentity:
    answer = request.args
    if answer.get("error"):
        raise SignInRefused("provider_error")
    state = answer.get("state", "").encode()
    if not pending or not secrets.compare_digest(state, pending["state"].encode()):
        raise SignInRefused("state")
    if answer.get("iss") and answer["iss"].rstrip("/") != client.config.issuer:
        raise SignInRefused("issuer")  # RFC 9207: the answer of another provider (mix-up)
    if not answer.get("code"):
        raise SignInRefused("provider_error")
    token = client.exchange(answer["code"], pending["code_verifier"])
    claims = client.validate_id_token(token, nonce=pending["nonce"], now=now())
    person = person_from_claims(client.config, claims)
    with current_app.config["SAMMEN_DATABASE"].transaction() as db:
        account = record_sign_in(db, client.config, person, now())
        staff = identity(account) if account is not None else None
    if staff is None:
        raise SignInRefused("no_role")
    return staff


def _refused(reason: str) -> tuple[str, int]:
    log.warning("single sign-on refused: %s", reason)
    metrics.sso_refusals.labels(reason).inc()
    status = REFUSAL_STATUS.get(reason, 401)
    return render_template("routing/sso_refused.html", reason=reason), status
