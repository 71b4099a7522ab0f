"""The digital dialogue's contracts: the formats' heartbeats, moderation, the idea board's offers
of help and the hearings."""

from __future__ import annotations

from dataclasses import field

from sammen.contracts.base import PERSONAL, Contract
from sammen.contracts.people import Person


class FormatAnnounced(Contract, event_type="dialogue.format_announced", subject="slug"):
    slug: str
    name: str
    description: str
    url: str
    version: str
    ttl_seconds: float
    staff_url: str | None
    started_at: str


class FormatWithdrawn(Contract, event_type="dialogue.format_withdrawn", subject="slug"):
    slug: str


class IdeaJoined(Contract, event_type="dialogue.idea_joined", subject="join_id"):
    join_id: str
    case_id: str
    idea_id: str
    tracking_code: str
    title: str
    idea_url: str
    offer: str  # help, resource, contact
    message: str
    helper: Person = field(metadata=PERSONAL)
    agent: Person | None  # the case's agent (work contact), when the board knows them


class ContributionReported(
    Contract, event_type="dialogue.contribution_reported", subject="contribution_id"
):
    format: str
    contribution_id: str
    # The first characters of what someone wrote.
    excerpt: str = field(metadata=PERSONAL)
    reason: str
    url: str
    # The writer as a keyed hash of their address, never the address.
    author_key: str = field(metadata=PERSONAL)


class ContributionModerated(
    Contract, event_type="dialogue.contribution_moderated", subject="contribution_id"
):
    format: str
    contribution_id: str
    action: str  # hide, restore
    reason: str | None
    moderator: int  # the staff id


class HearingOpened(Contract, event_type="dialogue.hearing_opened", subject="hearing_id"):
    hearing_id: str
    title: str
    opens_at: str
    deadline: str
    url: str


class HearingResponseSubmitted(
    Contract, event_type="dialogue.hearing_response_submitted", subject="response_id"
):
    hearing_id: str
    response_id: str
    section: int | None
    public: bool


class HearingClosed(Contract, event_type="dialogue.hearing_closed", subject="hearing_id"):
    hearing_id: str
    title: str
    responses: int
    url: str


class HearingConcluded(Contract, event_type="dialogue.hearing_concluded", subject="hearing_id"):
    """Sent once, at the høringsnotat's first publication."""

    hearing_id: str
    title: str
    url: str  # the hearing page; the høringsnotat is at #hoeringsnotat
    respondents: list[Person] = field(metadata=PERSONAL)  # one per address
