"""The intake web app: `gunicorn 'sammen.intake.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.intake.api import blp as api_blueprint
from sammen.intake.group_commit import GroupCommit
from sammen.intake.pages import pages
from sammen.intake.service import store_ideas
from sammen.intake.settings import api_clients
from sammen.runtime import boot
from sammen.web import create_service_app, register_api

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    settings, database = boot("intake", MIGRATIONS)
    clients = api_clients(settings)
    app, api = create_service_app(settings, database, __name__, "Sammen intake")
    app.config["INTAKE_API_CLIENTS"] = clients
    app.config["INTAKE_GROUP_COMMIT"] = GroupCommit(database.engine, store_ideas)
    register_api(api, api_blueprint)  # server-to-server clients send an API key
    app.register_blueprint(pages)
    return app
