"""The idea board web app: `gunicorn 'sammen.formats.idea_board.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.formats.idea_board.api import blp as api_blueprint
from sammen.formats.idea_board.pages import pages
from sammen.formats.idea_board.service import SERVICE
from sammen.pilot_formats.web import create_dialogue_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app() -> Flask:
    title = "Sammen idea board (Idébanken)"
    return create_dialogue_app(SERVICE, MIGRATIONS, __name__, title, api_blueprint, pages)
