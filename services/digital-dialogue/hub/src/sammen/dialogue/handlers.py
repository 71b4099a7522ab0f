"""What the hub consumes: format heartbeats and withdrawals, reported contributions, privacy
requests about their writers, and ended staff sessions (its moderation pages and API accept staff
tokens)."""

from __future__ import annotations

import functools

from sammen import staff_sessions
from sammen.bus.consumer import Subscription
from sammen.bus.formats import DEFAULT_TTL_SECONDS, TTL_SETTING
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    ContributionReported,
    ErasureRequested,
    FormatAnnounced,
    FormatWithdrawn,
    subscribe,
)
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
        subscribe(
            FORMATS_QUEUE, format_handler(default_ttl(settings)), FormatAnnounced, FormatWithdrawn
        ),
        subscribe(MODERATION_QUEUE, record_report, ContributionReported),
        staff_sessions.subscription("dialogue"),
        subscribe(ERASURE_QUEUE, functools.partial(erase_person, settings), ErasureRequested),
        subscribe(ACCESS_QUEUE, functools.partial(report_person, settings), AccessRequested),
    ]
