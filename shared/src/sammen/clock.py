"""The one clock seam: every service asks a `Clock` for the time, so tests can set it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Anything that answers the current time, aware (tests pass `sammen.testing.SetClock`)."""

    def __call__(self) -> datetime: ...


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)
