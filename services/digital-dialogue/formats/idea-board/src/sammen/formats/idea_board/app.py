"""The idea board web app: `gunicorn 'sammen.formats.idea_board.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.formats.idea_board.api import blp as api_blueprint
from sammen.formats.idea_board.pages import pages
from sammen.formats.idea_board.service import SERVICE
from sammen.runtime import boot
from sammen.web import create_service_app, csrf

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    settings, database = boot(SERVICE, MIGRATIONS)
    app, api = create_service_app(settings, database, __name__, "Sammen idea board (Idébanken)")
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    return app
