"""The queue every pilot format consumes beside its own and the privacy queues: the hub's
moderation decisions, handed to the format's use case."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.contracts import ContributionModerated


def moderation_queue(
    service: str, apply: Callable[[Session, ContributionModerated], None]
) -> Queue:
    """`<service>.moderation`: the hub's decisions on the contributions the format reported."""

    def on_contribution_moderated(session: Session, event: ContributionModerated) -> None:
        apply(session, event)

    return Queue(f"{service}.moderation", {ContributionModerated.TYPE: on_contribution_moderated})
