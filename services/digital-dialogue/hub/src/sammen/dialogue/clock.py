"""The hub's clock, kept in the app config so tests can turn it instead of waiting out a TTL."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

CLOCK = "DIALOGUE_CLOCK"


def now() -> datetime:
    return current_app.config[CLOCK]()
