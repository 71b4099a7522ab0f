"""What the hub consumes: format heartbeats and withdrawals, reported contributions, privacy
requests about their writers, and ended staff sessions (its moderation pages and API accept staff
tokens)."""

from __future__ import annotations

import functools

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.formats import DEFAULT_TTL_SECONDS, TTL_SETTING
from sammen.config import Settings
from sammen.dialogue.service import (
    ACCESS_QUEUE,
    ERASURE_QUEUE,
    FORMATS_QUEUE,
    MODERATION_QUEUE,
    erase_person,
    format_handler,
    record_report,
    report_person,
)


def default_ttl(settings: Settings) -> float:
    return float(settings.get(TTL_SETTING, str(DEFAULT_TTL_SECONDS)))


def subscriptions(settings: Settings) -> list[Subscription]:
    return [
        Subscription(
            FORMATS_QUEUE,
            ("dialogue.format_announced", "dialogue.format_withdrawn"),
            format_handler(default_ttl(settings)),
        ),
        Subscription(MODERATION_QUEUE, ("dialogue.contribution_reported",), record_report),
        staff_sessions.subscription("dialogue"),
        Subscription(
            ERASURE_QUEUE,
            ("person.erasure_requested",),
            functools.partial(erase_person, settings),
        ),
        Subscription(
            ACCESS_QUEUE,
            ("person.access_requested",),
            functools.partial(report_person, settings),
        ),
    ]
