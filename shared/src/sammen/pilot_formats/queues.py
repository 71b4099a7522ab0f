"""The queues every pilot format consumes beside its own: the hub's moderation decisions, and
access and erasure requests, each handed to the format's use case."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from sammen.bootstrap import Queue
from sammen.contracts import AccessRequested, ContributionModerated, ErasureRequested


def moderation_queue(
    service: str, apply: Callable[[Session, ContributionModerated], None]
) -> Queue:
    """`<service>.moderation`: the hub's decisions on the contributions the format reported."""

    def on_contribution_moderated(session: Session, event: ContributionModerated) -> None:
        apply(session, event)

    return Queue(f"{service}.moderation", {ContributionModerated.TYPE: on_contribution_moderated})


def privacy_queues(
    service: str,
    erase: Callable[[Session, ErasureRequested], None],
    report: Callable[[Session, AccessRequested], None],
) -> list[Queue]:
    """`<service>.erasure` and `<service>.access`: routing's requests for a person's data."""

    def on_person_erasure_requested(session: Session, event: ErasureRequested) -> None:
        erase(session, event)

    def on_person_access_requested(session: Session, event: AccessRequested) -> None:
        report(session, event)

    return [
        Queue(f"{service}.erasure", {ErasureRequested.TYPE: on_person_erasure_requested}),
        Queue(f"{service}.access", {AccessRequested.TYPE: on_person_access_requested}),
    ]
