"""In production with single sign-on, the password login is the operator's break-glass admin's
only: everyone else signs in with the municipality's login."""

from __future__ import annotations

import secrets

from tests.security.apps import built
from tests.sso.support import make_account

ADMIN = {"SAMMEN_ADMIN_EMAIL": "drift@gentofte.dk", "SAMMEN_ADMIN_PASSWORD": "x" * 24}
PRODUCTION = {
    "SAMMEN_ENV": "production",
    "SAMMEN_SECRET_KEY": secrets.token_urlsafe(48),
    # Never asked here: the password login does not need the provider.
    "SAMMEN_OIDC_ISSUER": "https://login.microsoftonline.com/gentofte-tenant/v2.0",
    "SAMMEN_OIDC_CLIENT_ID": "sammen",
    "SAMMEN_OIDC_CLIENT_SECRET": secrets.token_urlsafe(24),
    **ADMIN,
}
PASSWORD = "en-lang-adgangskode-til-koordinatoren"


def test_only_the_break_glass_admin_signs_in_with_a_password(tmp_path):
    # Made before production, as the release step migrates: a coordinator with a password.
    with built("routing", tmp_path) as app:
        make_account(app, "koordinator@gentofte.dk", "Karen", "coordinator", PASSWORD)
    with built("routing", tmp_path, **PRODUCTION) as app:
        app.config["WTF_CSRF_ENABLED"] = False
        client = app.test_client()
        page = client.get("/login").text
        assert 'id="log-ind-sso"' in page
        assert "Nødadgang for driftens administrator" in page
        refused = client.post(
            "/login", data={"email": "koordinator@gentofte.dk", "password": PASSWORD}
        )
        assert refused.status_code == 401
        assert "E-mail eller adgangskode er forkert." in refused.text  # no hint who may
        credentials = {"email": "koordinator@gentofte.dk", "password": PASSWORD}
        assert client.post("/api/v1/auth/token", json=credentials).status_code == 401
        admin = {"email": ADMIN["SAMMEN_ADMIN_EMAIL"], "password": ADMIN["SAMMEN_ADMIN_PASSWORD"]}
        assert client.post("/login", data=admin).status_code == 303
        assert client.post("/api/v1/auth/token", json=admin).status_code == 200


def test_outside_production_every_password_account_still_signs_in(tmp_path):
    development = {k: v for k, v in PRODUCTION.items() if k not in ("SAMMEN_ENV",)}
    with built("routing", tmp_path, **development) as app:
        make_account(app, "k@gentofte.dk", "Karen", "coordinator", PASSWORD)
        app.config["WTF_CSRF_ENABLED"] = False
        client = app.test_client()
        assert "Nødadgang" not in client.get("/login").text
        assert (
            client.post("/login", data={"email": "k@gentofte.dk", "password": PASSWORD}).status_code
            == 303
        )
