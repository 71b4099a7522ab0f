"""The notify web app: `gunicorn 'sammen.notify.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.notify.api import blp as api_blueprint
from sammen.notify.devmail import devmail
from sammen.notify.pages import pages
from sammen.notify.settings import notify_config
from sammen.runtime import boot
from sammen.web import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    settings, database = boot("notify", MIGRATIONS)
    app, api = create_service_app(settings, database, __name__, "Sammen notify")
    app.config["NOTIFY_CONFIG"] = notify_config(settings)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    if not settings.is_production:
        # The development mail sink's mailbox: never served in production.
        app.register_blueprint(devmail)
    return app
