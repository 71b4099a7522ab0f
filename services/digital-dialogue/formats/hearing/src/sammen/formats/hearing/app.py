"""The hearing web app: `gunicorn 'sammen.formats.hearing.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.clock import Clock, utc_now
from sammen.formats.hearing.api import blp as api_blueprint
from sammen.formats.hearing.pages import pages
from sammen.formats.hearing.service import SERVICE
from sammen.runtime import boot
from sammen.web import create_service_app, csrf

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Clock = utc_now) -> Flask:
    settings, database = boot(SERVICE, MIGRATIONS)
    # Deadlines decide what is allowed; tests move the clock past them instead of waiting.
    app, api = create_service_app(
        settings, database, __name__, "Sammen hearings (Høring)", clock=clock
    )
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    return app
