"""The calendar web app: `gunicorn 'sammen.calendar.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.calendar.api import blp as api_blueprint
from sammen.calendar.feeds import feeds
from sammen.calendar.meeting_staff import meeting_staff
from sammen.calendar.meetings_api import blp as meetings_api_blueprint
from sammen.calendar.organizer_pages import organizer_pages
from sammen.calendar.pages import pages
from sammen.calendar.seed import seed
from sammen.calendar.staff import staff
from sammen.calendar.talk_pages import talk_pages
from sammen.runtime import boot
from sammen.web import create_service_app, register_api

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    settings, database = boot("calendar", MIGRATIONS)
    seed(database, settings)
    app, api = create_service_app(settings, database, __name__, "Sammen calendar")
    # Staff send Bearer tokens (no cookies), and sign-ups are JSON only, which a cross-site form
    # cannot send.
    register_api(api, api_blueprint)
    register_api(api, meetings_api_blueprint)
    app.register_blueprint(feeds)
    app.register_blueprint(pages)
    app.register_blueprint(staff)
    app.register_blueprint(organizer_pages)
    app.register_blueprint(meeting_staff)
    app.register_blueprint(talk_pages)
    return app
