"""The hearing web app: `gunicorn 'sammen.formats.hearing.app:create_app()'`."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from sammen.clock import Clock, utc_now
from sammen.formats.hearing.api import blp as api_blueprint
from sammen.formats.hearing.pages import pages
from sammen.formats.hearing.service import SERVICE
from sammen.pilot_formats.web import create_dialogue_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(clock: Clock = utc_now) -> Flask:
    title = "Sammen hearings (Høring)"
    return create_dialogue_app(SERVICE, MIGRATIONS, __name__, title, api_blueprint, pages, clock)
