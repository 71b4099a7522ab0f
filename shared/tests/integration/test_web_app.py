"""What create_service_app gives every service: headers, errors, staff checks, language."""

import pytest
from flask import jsonify

from sammen import staff_sessions
from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token, staff_api, staff_page
from sammen.config import load_settings
from sammen.db import Database
from sammen.web import create_service_app

COORDINATOR = StaffIdentity(2, "koordinator@gentofte.dk", "Kim", ("coordinator",))
AGENT = StaffIdentity(3, "agent@gentofte.dk", "Agnete", ("agent",))


@pytest.fixture
def app(tmp_path):
    settings = load_settings("intake", {"SAMMEN_VAR_DIR": str(tmp_path)})
    database = Database(settings.database_url)
    with database.engine.begin() as connection:  # what a service's migrations give the token check
        staff_sessions.create_table(connection)
    app, _api = create_service_app(settings, database, __name__, "test")

    @app.get("/api/v1/staff-only")
    @staff_api("coordinator")
    def staff_only():
        return jsonify(ok=True)

    @app.get("/sagsbehandling")
    @staff_page("coordinator")
    def staff_only_page():
        return "hemmeligt"

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    yield app
    database.dispose()


def token(staff):
    return issue_token("development-only-secret-key-never-use-in-production", staff)


def test_every_answer_carries_the_security_headers(app):
    response = app.test_client().get("/healthz")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Request-ID"]


def test_a_correlation_id_sent_in_is_echoed_back(app):
    response = app.test_client().get("/healthz", headers={"X-Correlation-ID": "idea-77"})
    assert response.headers["X-Correlation-ID"] == "idea-77"


def test_staff_apis_want_a_valid_token_and_the_role(app):
    client = app.test_client()
    assert client.get("/api/v1/staff-only").status_code == 401
    bad = client.get("/api/v1/staff-only", headers={"Authorization": "Bearer forged"})
    assert bad.status_code == 401 and bad.is_json
    agent = client.get("/api/v1/staff-only", headers={"Authorization": f"Bearer {token(AGENT)}"})
    assert agent.status_code == 403
    ok = client.get("/api/v1/staff-only", headers={"Authorization": f"Bearer {token(COORDINATOR)}"})
    assert ok.status_code == 200


def test_the_api_does_not_take_the_browser_cookie(app):
    client = app.test_client()
    client.set_cookie(STAFF_COOKIE, token(COORDINATOR))
    assert client.get("/api/v1/staff-only").status_code == 401


def test_staff_pages_send_strangers_to_the_shared_login(app):
    client = app.test_client()
    response = client.get("/sagsbehandling")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("http://localhost:8002/login?next=")
    client.set_cookie(STAFF_COOKIE, token(AGENT))
    assert client.get("/sagsbehandling").status_code == 403
    client.set_cookie(STAFF_COOKIE, token(COORDINATOR))
    assert client.get("/sagsbehandling").get_data(as_text=True) == "hemmeligt"


def test_errors_are_json_under_the_api_and_danish_pages_elsewhere(app):
    client = app.test_client()
    api = client.get("/api/v1/nothing-here")
    assert api.status_code == 404 and api.json["code"] == 404
    page = client.get("/intet-her")
    assert page.status_code == 404 and "Siden findes ikke" in page.get_data(as_text=True)
    crash = client.get("/boom")
    assert crash.status_code == 500 and "teknisk fejl" in crash.get_data(as_text=True)


def test_the_chosen_language_is_remembered_and_never_an_open_redirect(app):
    client = app.test_client()
    response = client.get("/sprog/en?next=/status")
    assert response.headers["Location"] == "/status"
    assert "sammen_lang=en" in response.headers["Set-Cookie"]
    assert client.get("/sprog/en?next=//evil.example").headers["Location"] == "/"
    assert client.get("/sprog/en?next=https://evil.example").headers["Location"] == "/"


def test_production_cookies_are_secure_http_only_and_same_site(tmp_path):
    settings = load_settings(
        "intake",
        {
            "SAMMEN_ENV": "production",
            "SAMMEN_SECRET_KEY": "p" * 40,
            "SAMMEN_VAR_DIR": str(tmp_path),
        },
    )
    database = Database(settings.database_url)
    app, _ = create_service_app(settings, database, __name__, "test")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert "Strict-Transport-Security" in app.test_client().get("/healthz").headers
    database.dispose()
