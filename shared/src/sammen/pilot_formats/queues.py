"""The queues every pilot format consumes beside its own: the hub's moderation decisions, and
access and erasure requests."""

from __future__ import annotations

from sammen.bootstrap import EventHandler, Queue
from sammen.contracts import AccessRequested, ContributionModerated, ErasureRequested


def moderation_queue(service: str, handler: EventHandler) -> Queue:
    """`<service>.moderation`: the hub's decisions on the contributions the format reported."""
    return Queue(f"{service}.moderation", {ContributionModerated.TYPE: handler})


def privacy_queues(service: str, erase: EventHandler, report: EventHandler) -> list[Queue]:
    """`<service>.erasure` and `<service>.access`: routing's requests for a person's data."""
    return [
        Queue(f"{service}.erasure", {ErasureRequested.TYPE: erase}),
        Queue(f"{service}.access", {AccessRequested.TYPE: report}),
    ]
