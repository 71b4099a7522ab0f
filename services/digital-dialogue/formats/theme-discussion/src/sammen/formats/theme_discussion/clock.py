"""The theme discussion's clock, kept in the app config so tests can move past a closing time."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

CLOCK = "THEME_DISCUSSION_CLOCK"


def now() -> datetime:
    return current_app.config[CLOCK]()
