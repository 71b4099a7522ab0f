"""The idea's contracts, from intake: `idea.submitted` and the initiator's replies."""

from __future__ import annotations

from dataclasses import field

from sammen.contracts.base import PERSONAL, Contract, Shape
from sammen.contracts.cases import CaseInitiator


class Consent(Shape):
    contact: bool
    publish: bool


class Initiator(CaseInitiator):
    """The initiator's contact, as given on the form: only routing and notify may store it."""

    age_group: str | None = None


class IdeaSubmitted(Contract, event_type="idea.submitted", subject="idea_id"):
    idea_id: str
    tracking_code: str
    title: str
    description: str
    theme: str
    channel: str
    location: str | None
    submitted_at: str
    status_url: str
    consent: Consent
    initiator: Initiator = field(metadata=PERSONAL)
    language: str = "da"  # the citizen's language: notify writes every mail to them in it
    # The initiator's private write-back link: a secret only notify stores, for their own mails
    # (null only in an idea sent before there were such links).
    reply_url: str | None = field(default=None, metadata=PERSONAL)


class IdeaInitiatorReplied(Contract, event_type="idea.initiator_replied", subject="idea_id"):
    """The initiator wrote back through their private link."""

    idea_id: str
    tracking_code: str
    text: str = field(metadata=PERSONAL)  # their own words
    replied_at: str
