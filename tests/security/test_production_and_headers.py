"""Production settings: refused with defaults, cookies secure; every page's headers; CSRF on every
form; rate limits on the login and the public forms; API keys compared in constant time."""

from __future__ import annotations

import ast
import inspect
import re
import secrets

import pytest

from sammen.auth import STAFF_COOKIE, issue_token
from sammen.config import UnsafeProductionSettings
from sammen.web import LANGUAGE_COOKIE, csrf
from tests.security.apps import APPS, build, built, row_counts, staff
from tests.security.routes import forms, pages

STRONG_SECRET = secrets.token_urlsafe(48)
PRODUCTION = {
    "SAMMEN_ENV": "production",
    "SAMMEN_SECRET_KEY": STRONG_SECRET,
    "INTAKE_API_KEYS": "gentofte-dk:" + secrets.token_urlsafe(32),
    "SAMMEN_RATE_LIMITS": "on",
}
_CSRF_FIELD = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)


# --- production refuses defaults --------------------------------------------------------------


@pytest.mark.parametrize("service", sorted(APPS))
def test_production_refuses_to_start_with_the_default_secret(service, tmp_path):
    with pytest.raises(UnsafeProductionSettings, match="SAMMEN_SECRET_KEY"):
        build(service, tmp_path, SAMMEN_ENV="production", SAMMEN_SECRET_KEY="")
    with pytest.raises(UnsafeProductionSettings, match="SAMMEN_SECRET_KEY"):
        build(service, tmp_path, SAMMEN_ENV="production", SAMMEN_SECRET_KEY="too-short")


@pytest.mark.parametrize("service", sorted(APPS))
def test_production_starts_with_real_secrets(service, tmp_path):
    with built(service, tmp_path):
        pass  # migrated as the release step would
    with built(service, tmp_path, **PRODUCTION) as app:
        assert app.config["SAMMEN_SETTINGS"].is_production


def test_production_intake_refuses_the_development_api_key(tmp_path):
    with pytest.raises(UnsafeProductionSettings, match="INTAKE_API_KEYS"):
        build(
            "intake", tmp_path, **(PRODUCTION | {"INTAKE_API_KEYS": "gentofte-dk:dev-intake-key"})
        )


def test_production_routing_refuses_demo_accounts(tmp_path):
    with built("routing", tmp_path, SAMMEN_ENV="development"):
        pass  # development seeds the demo staff into this database
    with pytest.raises(UnsafeProductionSettings, match="demo"):
        build("routing", tmp_path, **PRODUCTION)


# --- cookies ----------------------------------------------------------------------------------


def _flags(response, name: str) -> str:  # type: ignore[no-untyped-def]
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")]
    assert headers, f"no {name} cookie set"
    return headers[0].lower()


def test_production_cookies_are_secure_httponly_and_same_site(tmp_path):
    admin = {
        "SAMMEN_ADMIN_EMAIL": "drift@gentofte.dk",
        "SAMMEN_ADMIN_PASSWORD": "lang-nok-adgangskode-42",
    }
    with built("routing", tmp_path):
        pass
    with built("routing", tmp_path, **PRODUCTION, **admin) as app:
        client = app.test_client()
        page = client.get("/login", base_url="https://sammen.gentofte.dk")
        session_cookie = _flags(page, app.config["SESSION_COOKIE_NAME"])
        token = next(g for g in _CSRF_FIELD.search(page.text).groups() if g)
        login = client.post(
            "/login",
            base_url="https://sammen.gentofte.dk",
            data={
                "email": admin["SAMMEN_ADMIN_EMAIL"],
                "password": admin["SAMMEN_ADMIN_PASSWORD"],
                "csrf_token": token,
            },
        )
        assert login.status_code == 303, login.text
        staff_cookie = _flags(login, STAFF_COOKIE)
        assert login.headers["Strict-Transport-Security"].startswith("max-age=")
    for cookie in (session_cookie, staff_cookie):
        assert "; secure" in cookie and "; httponly" in cookie and "; samesite=lax" in cookie, (
            cookie
        )


@pytest.mark.parametrize("service", sorted(APPS))
def test_production_language_cookie_is_secure_httponly_and_same_site(service, tmp_path):
    with built(service, tmp_path):
        pass
    with built(service, tmp_path, **PRODUCTION) as app:
        chosen = app.test_client().get("/sprog/en", base_url="https://sammen.gentofte.dk")
        cookie = _flags(chosen, LANGUAGE_COOKIE)
    assert "; secure" in cookie and "; httponly" in cookie and "; samesite=lax" in cookie, cookie


# --- headers on every page --------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
_INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
_INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize("service", sorted(APPS))
def test_every_page_has_a_strict_content_security_policy(service, tmp_path):
    problems = []
    with built(service, tmp_path) as app:
        client = app.test_client()
        client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff("admin")))
        checked = 0
        for route in pages(app):
            response = client.get(route.url)
            csp = response.headers.get("Content-Security-Policy", "")
            if "default-src 'self'" not in csp or "unsafe-inline" in csp or "unsafe-eval" in csp:
                problems.append(f"{route} ({response.status_code}): CSP {csp!r}")
            if response.headers.get("X-Content-Type-Options") != "nosniff":
                problems.append(f"{route}: no X-Content-Type-Options: nosniff")
            if "frame-ancestors" not in csp:
                problems.append(f"{route}: no frame-ancestors")
            if response.mimetype == "text/html":
                for pattern in (_INLINE_SCRIPT, _INLINE_STYLE, _INLINE_HANDLER):
                    if match := pattern.search(response.text):
                        problems.append(f"{route}: inline code the CSP blocks: {match.group(0)}")
            checked += 1
    assert checked, f"{service}: no page found"
    assert not problems, "\n".join(problems)


# --- CSRF on every form -----------------------------------------------------------------------


# Reviewed exemptions: RFC 8058 one-click unsubscribe (mail clients post without a form; the
# signed token in the link is the proof).
CSRF_EXEMPT = {"POST /afmeld/<token>"}


def _view_name(app, route) -> str:  # type: ignore[no-untyped-def]
    view = app.view_functions[route.endpoint]
    return f"{view.__module__}.{view.__name__}"


@pytest.mark.parametrize("service", sorted(APPS))
def test_every_form_refuses_a_post_without_the_csrf_token(service, tmp_path):
    problems = []
    with built(service, tmp_path, SAMMEN_ENV="development") as app:  # demo data to act on
        app.config["WTF_CSRF_ENABLED"] = True
        client = app.test_client()
        client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff("admin")))
        before = row_counts(app)
        exempt = set(csrf._exempt_views)  # flask-wtf's own record of `@csrf.exempt`
        routes = [r for r in forms(app) if _view_name(app, r) not in exempt]
        exempted = {str(r) for r in forms(app) if _view_name(app, r) in exempt}
        assert exempted <= CSRF_EXEMPT, f"new CSRF exemptions to review: {exempted - CSRF_EXEMPT}"
        for route in routes:
            response = client.open(route.url, method=route.method, data={"title": "x"})
            if response.status_code != 400:
                problems.append(f"{route}: {response.status_code} without a CSRF token")
        after = row_counts(app)
    if service != "notify":  # every other service has a form to check
        assert routes, f"{service}: no form found"
    assert not problems, "\n".join(problems)
    assert after == before, "a refused post changed the database"


# --- rate limits ------------------------------------------------------------------------------

# How many posts a minute each of them allows by default.
ALLOWED_A_MINUTE = 10
RATE_LIMITED = [
    # (service, path, what a client sends)
    ("routing", "/login", {"data": {"email": "x@gentofte.dk", "password": "forkert"}}),
    ("routing", "/api/v1/auth/token", {"json": {"email": "x@gentofte.dk", "password": "forkert"}}),
    ("intake", "/", {"data": {"title": "x"}}),
    ("calendar", "/arrangementer/sikkerhedstest/tilmelding", {"data": {"name": "x"}}),
    ("calendar", "/api/v1/events/sikkerhedstest/registrations", {"json": {"name": "x"}}),
    ("idea_board", "/ideer/sikkerhedstest/kobl-paa", {"data": {"name": "x"}}),
    ("idea_board", "/ideer/sikkerhedstest/kommentarer", {"data": {"text": "x"}}),
    ("hearing", "/hoeringer/sikkerhedstest/svar", {"data": {"text": "x"}}),
    ("hearing", "/api/v1/hearings/sikkerhedstest/responses", {"json": {"text": "x"}}),
    ("theme_discussion", "/droeftelser/sikkerhedstest/bidrag", {"data": {"text": "x"}}),
    (
        "theme_discussion",
        "/api/v1/discussions/sikkerhedstest/contributions",
        {"json": {"text": "x"}},
    ),
    ("realisation", "/anbefalinger/sikkerhedstest/spoergsmaal", {"data": {"text": "x"}}),
    ("realisation", "/anbefalinger/sikkerhedstest/foelg", {"data": {"email": "x"}}),
    ("realisation", "/api/v1/recommendations/sikkerhedstest/questions", {"json": {"text": "x"}}),
    ("realisation", "/api/v1/recommendations/sikkerhedstest/followers", {"json": {"email": "x"}}),
]


@pytest.mark.parametrize(("service", "path", "body"), RATE_LIMITED)
def test_login_and_public_forms_are_rate_limited(service, path, body, tmp_path):
    with built(service, tmp_path, SAMMEN_RATE_LIMITS="on") as app:
        app.config["WTF_CSRF_ENABLED"] = False  # the limit must hold for well-formed posts too
        client = app.test_client()
        statuses = [client.post(path, **body).status_code for _ in range(ALLOWED_A_MINUTE + 1)]
    assert 429 not in statuses[:ALLOWED_A_MINUTE], statuses
    assert statuses[-1] == 429, (
        f"{path}: post {ALLOWED_A_MINUTE + 1} in a minute answered {statuses[-1]}"
    )


# --- API keys in constant time ----------------------------------------------------------------


def test_intake_api_keys_are_compared_with_hmac_compare_digest():
    from sammen.intake import api

    tree = ast.parse(inspect.getsource(api.client_for_key))
    calls = {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert "hmac.compare_digest" in calls
    compares = [node for node in ast.walk(tree) if isinstance(node, ast.Compare)]
    assert not any(isinstance(op, ast.Eq | ast.NotEq) for c in compares for op in c.ops)
    clients = {"a": "key-a", "b": "key-b"}
    assert api.client_for_key(clients, "key-b") == "b"
    assert api.client_for_key(clients, "key-") is None
