"""The hub web app: `gunicorn 'sammen.dialogue.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.clock import Clock, utc_now
from sammen.dialogue.api import blp as api_blueprint
from sammen.dialogue.pages import pages
from sammen.runtime import boot
from sammen.web import create_service_app, csrf

SERVICE = "dialogue"
MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Clock = utc_now) -> Flask:
    settings, database = boot(SERVICE, MIGRATIONS)
    # Liveness is computed when read; tests turn the clock instead of waiting out a TTL.
    app, api = create_service_app(
        settings, database, __name__, "Sammen digital dialogue hub", clock=clock
    )
    # The API is for staff with Bearer tokens, not browser sessions.
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    return app
