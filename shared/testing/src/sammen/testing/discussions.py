"""A theme discussion as a council secretary sends it to the theme discussion API
(`POST /api/v1/discussions`): open for answers for a month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any


def open_discussion(**changes: Any) -> dict[str, Any]:
    """The path discussion: one question, answers until 30 days from now (in the local time the
    form uses, to the minute); `changes` replace or add fields (`event_id`, `closes_at`)."""
    closes = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=30)
    return {
        "title": "Temadrøftelse om stier",
        "committee": "Teknik- og Miljøudvalget",
        "intro": "Udvalget drøfter stierne langs Mølleåen.",
        "questions": ["Hvor går du tur?"],
        "closes_at": closes.isoformat(timespec="minutes"),
    } | changes
