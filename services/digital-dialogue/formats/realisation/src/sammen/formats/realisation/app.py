"""The realisation web app: `gunicorn 'sammen.formats.realisation.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import format_date

from sammen.clock import Clock, utc_now
from sammen.formats.realisation.api import blp as api_blueprint
from sammen.formats.realisation.pages import pages
from sammen.formats.realisation.service import SERVICE
from sammen.pilot_formats.web import create_dialogue_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Clock = utc_now) -> Flask:
    title = "Sammen realisation (Følg realiseringen)"
    app = create_dialogue_app(SERVICE, MIGRATIONS, __name__, title, api_blueprint, pages, clock)
    # Milestones and decisions are days, not moments.
    app.jinja_env.globals["format_date"] = format_date
    return app
