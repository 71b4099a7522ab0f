"""A format's side of the hub's shared moderation queue: report a contribution, take the decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import String
from sqlalchemy.orm import Mapped, Session, mapped_column

from sammen.bus.envelope import Event
from sammen.config import Settings
from sammen.contracts import ContributionModerated, ContributionReported
from sammen.db import columns
from sammen.pilot_formats.contributors import moderation_after
from sammen.privacy import person_key

EXCERPT_LENGTH = 500  # what the hub's moderators see of a contribution's text

Record = TypeVar("Record")


class ModeratedColumns:
    """A contribution's table keeps when it came in, where moderation has it
    (`sammen.pilot_formats.contributors.moderation_after`) and the reason given for that."""

    submitted_at: Mapped[datetime]
    moderation: Mapped[str] = mapped_column(String(20))
    moderation_reason: Mapped[columns.Prose | None]


def contribution_reported(
    settings: Settings,
    contribution_id: str,
    *,
    text: str,
    author_email: str,
    reason: str,
    url: str,
    now: datetime | None = None,
) -> Event:
    """`dialogue.contribution_reported` from this format: an excerpt of the text for the moderators,
    and its writer only as a keyed hash of their address (`sammen.privacy.person_key`), by which
    the hub answers the writer's erasure and access requests without ever holding the address."""
    reported = ContributionReported(
        format=settings.service,
        contribution_id=contribution_id,
        excerpt=text[:EXCERPT_LENGTH],
        reason=reason,
        url=url,
        author_key=person_key(settings.secret_key, author_email),
    )
    return reported.to_event(settings.service, now)


def moderated(
    session: Session, event: ContributionModerated, service: str, model: type[Record]
) -> Record | None:
    """The contribution a `dialogue.contribution_moderated` decides, when it is one of `service`'s
    and still here (the hub moderates every format's; an erased one is gone meanwhile)."""
    if event.format != service:
        return None
    return session.get(model, str(event.contribution_id))


def take_decision(
    session: Session,
    event: ContributionModerated,
    service: str,
    model: type[Any],
    rule: Callable[[str, str], str] = moderation_after,
) -> None:
    """Apply a `dialogue.contribution_moderated` to the answer it decides (see `moderated`): its
    moderation state after the action by `rule`, and the moderator's reason."""
    answer = moderated(session, event, service, model)
    if answer is not None:
        answer.moderation = rule(answer.moderation, event.action)
        answer.moderation_reason = event.reason
