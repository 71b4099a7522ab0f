"""The hub's rules, free of Flask and SQLAlchemy: when a format is live, how moderation moves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sammen.errors import Conflict
from sammen.pilot_formats.moderation import EXCERPT_LENGTH
from sammen.vocabulary import N_

# --- the live-format registry -------------------------------------------------------------------


def accepts_announcement(
    last_seen: datetime | None, withdrawn_at: datetime | None, at: datetime
) -> bool:
    """A heartbeat counts only if it is newer than everything heard so far (events may reorder)."""
    latest = max((moment for moment in (last_seen, withdrawn_at) if moment), default=None)
    return latest is None or at > latest


def accepts_withdrawal(last_seen: datetime | None, at: datetime) -> bool:
    """A withdrawal older than the latest heartbeat belongs to an earlier run of the format."""
    return last_seen is None or at >= last_seen


def expires_at(last_seen: datetime, ttl_seconds: float) -> datetime:
    return last_seen + timedelta(seconds=ttl_seconds)


def is_live(
    last_seen: datetime, ttl_seconds: float, withdrawn_at: datetime | None, now: datetime
) -> bool:
    return withdrawn_at is None and now < expires_at(last_seen, ttl_seconds)


def announced_ttl(value: object, default: float) -> float:
    """The format's own TTL when it gave a sensible one, else the hub's default."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value) if 0 < value <= 24 * 3600 else default


# --- moderation ---------------------------------------------------------------------------------

OPEN, HIDDEN, VISIBLE = "open", "hidden", "visible"
# Danish names; N_ marks them and the pages translate them where shown.
STATUS_NAMES = {OPEN: N_("Afventer"), HIDDEN: N_("Skjult"), VISIBLE: N_("Synlig")}
ACTIONS = {"hide": HIDDEN, "restore": VISIBLE}
ACTION_NAMES = {"hide": N_("Skjul"), "restore": N_("Vis igen / behold")}


class ModerationRefused(Conflict):
    """The decision would not change anything: hiding what is hidden, showing what is shown."""

    field = "action"


def status_after_report(status: str | None) -> str:
    """A new report reopens a contribution a moderator let stand; a hidden one stays hidden."""
    return HIDDEN if status == HIDDEN else OPEN


def status_after_decision(status: str, action: str) -> str:
    if action not in ACTIONS:
        raise ModerationRefused(f"unknown action {action!r}")
    target = ACTIONS[action]
    if status == target:
        raise ModerationRefused(
            N_("Bidraget er allerede skjult.")
            if target == HIDDEN
            else N_("Bidraget er allerede synligt.")
        )
    return target


@dataclass(frozen=True)
class ReportedData:
    """`dialogue.contribution_reported`, checked."""

    format: str
    contribution_id: str
    excerpt: str
    reason: str
    url: str | None
    author_key: str | None

    @classmethod
    def from_event(cls, data: dict) -> ReportedData:
        format_, contribution = data.get("format"), data.get("contribution_id")
        if not isinstance(format_, str) or not format_ or not contribution:
            raise ValueError("dialogue.contribution_reported needs format and contribution_id")
        return cls(
            format=format_[:60],
            contribution_id=str(contribution)[:60],
            excerpt=str(data.get("excerpt") or "")[:EXCERPT_LENGTH],
            reason=str(data.get("reason") or "")[:1000],
            url=str(data["url"])[:500] if data.get("url") else None,
            author_key=str(data["author_key"])[:64] if data.get("author_key") else None,
        )
