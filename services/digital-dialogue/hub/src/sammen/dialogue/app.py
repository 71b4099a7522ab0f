"""The hub web app: `gunicorn 'sammen.dialogue.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from sammen.dialogue.api import blp as api_blueprint
from sammen.dialogue.clock import CLOCK
from sammen.dialogue.pages import pages
from sammen.runtime import boot
from sammen.web import create_service_app, csrf

SERVICE = "dialogue"
MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Flask:
    settings, database = boot(SERVICE, MIGRATIONS)
    app, api = create_service_app(settings, database, __name__, "Sammen digital dialogue hub")
    # Liveness is computed when read; tests turn this clock instead of waiting out a TTL.
    app.config[CLOCK] = clock
    # The API is for staff with Bearer tokens, not browser sessions.
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    return app
