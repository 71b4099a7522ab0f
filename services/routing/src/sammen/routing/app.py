"""The routing web app: `gunicorn 'sammen.routing.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.routing.accounts import prepare_accounts
from sammen.routing.api import blp as api_blueprint
from sammen.routing.pages import pages
from sammen.routing.sso import web as sso_web
from sammen.routing.sso.views import sso
from sammen.runtime import boot
from sammen.web import create_service_app, register_api

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    settings, database = boot("routing", MIGRATIONS)
    prepare_accounts(settings, database)
    app, api = create_service_app(settings, database, __name__, "Sammen routing")
    register_api(api, api_blueprint)
    app.register_blueprint(pages)
    sso_web.install(app, settings)
    app.register_blueprint(sso)
    return app
