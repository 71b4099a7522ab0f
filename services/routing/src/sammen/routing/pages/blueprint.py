"""The staff pages' blueprint and what every page module shares: the database, names, checks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, current_app
from flask_babel import format_date
from flask_babel import gettext as _
from marshmallow import ValidationError
from marshmallow.validate import Email

from sammen.auth import current_staff
from sammen.db import Database
from sammen.routing.api import PRIVACY_ROLES
from sammen.routing.domain import (
    AGE_GROUP_NAMES,
    CHANNEL_NAMES,
    COUNCILS,
    STATUS_NAMES,
    TEAM_NAMES,
    THEME_NAMES,
)

pages = Blueprint("pages", "sammen.routing", template_folder="templates", static_folder="static")
CASE_ROLES = ("agent", "coordinator")


def one_line_error() -> str:
    """The refusal of a line break or control character in a one-line field (as `sammen.schemas`)."""
    return _("Skriv det på én linje, uden linjeskift eller andre styretegn")


def routing_url() -> str:
    """Routing's public address (`SAMMEN_BASE_URL_ROUTING`), for links that leave the platform."""
    return current_app.config["SAMMEN_SETTINGS"].base_url("routing")


def database() -> Database:
    return current_app.config["SAMMEN_DATABASE"]


def valid_email(text: str) -> bool:
    try:
        Email()(text)
    except ValidationError:
        return False
    return True


@pages.app_context_processor
def _names() -> dict[str, Any]:
    return {
        "current_staff": current_staff,
        "status_names": STATUS_NAMES,
        "theme_names": THEME_NAMES,
        "team_names": TEAM_NAMES,
        "channel_names": CHANNEL_NAMES,
        "age_group_names": AGE_GROUP_NAMES,
        "council_names": COUNCILS,
        "privacy_roles": PRIVACY_ROLES,
        "sla_names": {
            "ok": _("Inden for fristen"),
            "at_risk": _("Frist i fare"),
            "breached": _("Frist overskredet"),
            "answered": _("Besvaret"),
        },
    }


@pages.app_template_filter("deadline_day")
def deadline_day(due: datetime, style: str = "full") -> str:
    """A deadline is the end of a working day: show that day, not the following midnight."""
    return format_date(due - timedelta(seconds=1), style)
