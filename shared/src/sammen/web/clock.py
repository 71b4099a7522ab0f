"""A request's clock: the app's `Clock`, set when the app is made (tests set their own)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

CONFIG_KEY = "SAMMEN_CLOCK"


def now() -> datetime:
    """The time as the running app reads it."""
    return current_app.config[CONFIG_KEY]()
