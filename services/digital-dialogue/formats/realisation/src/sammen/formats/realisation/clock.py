"""The realisation's clock, kept in the app config so tests can move past a question's deadline."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

CLOCK = "REALISATION_CLOCK"


def now() -> datetime:
    return current_app.config[CLOCK]()
