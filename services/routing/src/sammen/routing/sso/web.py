"""What routing's other pages ask of single sign-on: is it on, which password logins remain, and
where sign-out goes on at the provider."""

from __future__ import annotations

from flask import Flask, current_app, session

from sammen.config import Settings
from sammen.routing.accounts import PasswordLoginProvider
from sammen.routing.sso.client import OpenIdClient
from sammen.routing.sso.config import SsoSettings, sso_settings

EXTENSION = "sammen_sso"
# In routing's own session cookie: this browser signed in through the provider.
SIGNED_IN_KEY = "sso_signed_in"


def install(app: Flask, settings: Settings) -> None:
    """Read (and so check) the settings at start; the provider is asked only when needed."""
    config = sso_settings(settings)
    app.extensions[EXTENSION] = OpenIdClient(config) if config else None


def sso_client() -> OpenIdClient | None:
    return current_app.extensions.get(EXTENSION)


def sso_config() -> SsoSettings | None:
    client = sso_client()
    return client.config if client else None


def password_login_provider() -> PasswordLoginProvider:
    """In production with single sign-on, only the operator's break-glass admin uses a password."""
    config = sso_config()
    if config is not None and config.replaces_passwords:
        return PasswordLoginProvider(only_email=config.break_glass_email)
    return PasswordLoginProvider()


def provider_sign_out_url() -> str | None:
    """After Sammen's sign-out, the provider's own (RP-initiated logout), for a browser that
    signed in through it."""
    client = sso_client()
    if client is None or not session.pop(SIGNED_IN_KEY, False):
        return None
    return client.end_session_url()
