"""A hearing as a coordinator sends it to the hearing API (`POST /api/v1/hearings`): open now,
for a month, with public answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any


def open_hearing() -> dict[str, Any]:
    """The path plan hearing: opened yesterday, answers until 30 days from now (in the local time
    the form uses, to the minute)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return {
        "title": "Høring om stiplan",
        "introduction": "Kommunen hører borgerne om den nye stiplan.",
        "sections": [{"heading": "Stier", "body": "Nye stier langs Mølleåen."}],
        "opens_at": (now - timedelta(days=1)).isoformat(timespec="minutes"),
        "deadline": (now + timedelta(days=30)).isoformat(timespec="minutes"),
        "answers": "public",
    }
