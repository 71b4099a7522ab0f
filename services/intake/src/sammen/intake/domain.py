"""Intake's rules, free of Flask and SQLAlchemy: themes, channels, tracking codes, the status view."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sammen.vocabulary import (
    AGE_GROUPS,
    CHANNELS,
    N_,
    THEMES,
    TRACKING_LENGTH,
    normalise_tracking_code,
)
from sammen.vocabulary import CASE_STATUSES as STATUS_NAMES

__all__ = [
    "AGE_GROUPS",
    "CHANNELS",
    "N_",
    "STATUS_NAMES",
    "THEMES",
    "TRACKING_LENGTH",
    "normalise_tracking_code",
]


# Channels a citizen may choose on the public form (tablets in Deltag-bilen use its own link).
FORM_CHANNELS = ("web", "deltag-bilen")

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B; read aloud letter by letter.
TRACKING_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"


def new_tracking_code() -> str:
    chars = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the public history: what happened, and the words sent to the initiator."""

    kind: str  # "received", "assigned", "status_changed", "published"
    status: str
    message: str | None


def entry_for_case_event(event_type: str, data: dict) -> HistoryEntry | None:
    """The public history line a case event adds, or None when the initiator sees nothing."""
    if event_type == "case.assigned" and data.get("agent"):
        agent = data["agent"]
        return HistoryEntry(
            "assigned",
            data.get("status", "assigned"),
            f"Din idé er givet til sparringsagent {agent['name']}, som kontakter dig.",
        )
    if event_type == "case.status_changed":
        return HistoryEntry("status_changed", data["to"], data.get("message"))
    if event_type == "case.published":
        return HistoryEntry("published", data.get("status", ""), "Idéen er nu vist i Idébanken.")
    return None
