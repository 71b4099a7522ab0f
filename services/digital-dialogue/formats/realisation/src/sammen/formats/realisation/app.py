"""The realisation web app: `gunicorn 'sammen.formats.realisation.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import format_date

from sammen.clock import Clock, utc_now
from sammen.formats.realisation.api import blp as api_blueprint
from sammen.formats.realisation.pages import pages
from sammen.formats.realisation.service import SERVICE
from sammen.runtime import boot
from sammen.web import create_service_app, csrf

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Clock = utc_now) -> Flask:
    settings, database = boot(SERVICE, MIGRATIONS)
    # Question deadlines are read against this clock; tests move it instead of waiting.
    app, api = create_service_app(
        settings, database, __name__, "Sammen realisation (Følg realiseringen)", clock=clock
    )
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    # Milestones and decisions are days, not moments.
    app.jinja_env.globals["format_date"] = format_date
    return app
