"""The intake web app: `gunicorn 'sammen.intake.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.config import DEVELOPMENT_API_KEYS, UnsafeProductionSettings
from sammen.intake.api import blp as api_blueprint
from sammen.intake.api import parse_api_keys
from sammen.intake.pages import pages
from sammen.runtime import boot
from sammen.web import create_service_app, csrf

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    settings, database = boot("intake", MIGRATIONS)
    api_keys = settings.get("INTAKE_API_KEYS", DEVELOPMENT_API_KEYS)
    if settings.is_production and api_keys == DEVELOPMENT_API_KEYS:
        raise UnsafeProductionSettings("INTAKE_API_KEYS must be set in production")
    app, api = create_service_app(settings, database, __name__, "Sammen intake")
    app.config["INTAKE_API_CLIENTS"] = parse_api_keys(api_keys)
    # Server-to-server clients authenticate with an API key, not a browser session.
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    return app
