"""The hub web app: `gunicorn 'sammen.dialogue.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.clock import Clock, utc_now
from sammen.dialogue.api import blp as api_blueprint
from sammen.dialogue.pages import pages
from sammen.pilot_formats.web import create_dialogue_app

SERVICE = "dialogue"
MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Clock = utc_now) -> Flask:
    title = "Sammen digital dialogue hub"
    return create_dialogue_app(SERVICE, MIGRATIONS, __name__, title, api_blueprint, pages, clock)
