"""The event contracts: every event of docs/events.md as a frozen dataclass, in one place.

Producers build a contract and emit its envelope (`emit(session, CaseAssigned(...).to_event(SERVICE,
now))`); a service's handlers take the typed event (`sammen.bootstrap` decodes each envelope with
`decode`), its envelope at `event.envelope`. The tests of
`tests/contracts` hold the catalogue, these types and every service's subscriptions together.
"""

from __future__ import annotations

from sammen.bus.envelope import Event, InvalidEvent
from sammen.contracts.base import Contract, Shape
from sammen.contracts.calendar import (
    Attendee,
    EventCancelled,
    EventChanged,
    EventClosed,
    EventPublished,
    FollowUp,
    JointMeetingCreated,
    MovedRegistrant,
    Proposer,
    Registrant,
    RegistrationCreated,
    RegistrationPromoted,
    TalkApproved,
    TalkDeclined,
    TalkProposed,
)
from sammen.contracts.cases import (
    Agent,
    AgentContact,
    CaseAssigned,
    CaseHandedOver,
    CaseInitiator,
    CaseInitiatorReplied,
    CaseLinked,
    CasePublished,
    CaseSlaAtRisk,
    CaseSlaBreached,
    CaseStatusChanged,
    DeadlineAgent,
    HistoryEntry,
    Link,
    Responsible,
    StaffContact,
)
from sammen.contracts.dialogue import (
    ContributionModerated,
    ContributionReported,
    FormatAnnounced,
    FormatWithdrawn,
    HearingClosed,
    HearingConcluded,
    HearingOpened,
    HearingResponseSubmitted,
    IdeaJoined,
)
from sammen.contracts.ideas import Consent, IdeaInitiatorReplied, IdeaSubmitted, Initiator
from sammen.contracts.notifications import (
    NotificationFailed,
    NotificationRequested,
    NotificationSent,
    Recipient,
)
from sammen.contracts.people import Person
from sammen.contracts.privacy import (
    AccessRequested,
    DataOpened,
    DataReported,
    ErasureRequested,
    PersonRequest,
)
from sammen.contracts.realisation import QuestionAnswered, QuestionAsked, UpdatePublished
from sammen.contracts.staff import SecretaryOrganizersAssigned, SessionsEnded
from sammen.contracts.theme_discussion import (
    DiscussionClosed,
    DiscussionConcluded,
    DiscussionContributionSubmitted,
    DiscussionOpened,
    DiscussionQuestion,
)

CONTRACTS: tuple[type[Contract], ...] = (
    IdeaSubmitted,
    IdeaInitiatorReplied,
    CaseAssigned,
    CaseStatusChanged,
    CaseHandedOver,
    CasePublished,
    CaseLinked,
    CaseInitiatorReplied,
    CaseSlaAtRisk,
    CaseSlaBreached,
    ErasureRequested,
    AccessRequested,
    DataReported,
    DataOpened,
    SecretaryOrganizersAssigned,
    SessionsEnded,
    NotificationRequested,
    NotificationSent,
    NotificationFailed,
    EventPublished,
    EventChanged,
    EventCancelled,
    RegistrationCreated,
    RegistrationPromoted,
    EventClosed,
    JointMeetingCreated,
    TalkProposed,
    TalkApproved,
    TalkDeclined,
    FormatAnnounced,
    FormatWithdrawn,
    IdeaJoined,
    ContributionReported,
    ContributionModerated,
    HearingOpened,
    HearingResponseSubmitted,
    HearingClosed,
    HearingConcluded,
    DiscussionOpened,
    DiscussionContributionSubmitted,
    DiscussionClosed,
    DiscussionConcluded,
    UpdatePublished,
    QuestionAsked,
    QuestionAnswered,
)
CATALOGUE: dict[str, type[Contract]] = {contract.TYPE: contract for contract in CONTRACTS}


def decode(event: Event) -> Contract:
    """The typed event in an envelope; `InvalidEvent` for a type or data the catalogue lacks."""
    contract = CATALOGUE.get(event.type)
    if contract is None:
        raise InvalidEvent(f"{event.type} is not in the event catalogue")
    return contract.from_event(event)


__all__ = [
    "CATALOGUE",
    "CONTRACTS",
    "AccessRequested",
    "Agent",
    "AgentContact",
    "Attendee",
    "CaseAssigned",
    "CaseHandedOver",
    "CaseInitiator",
    "CaseInitiatorReplied",
    "CaseLinked",
    "CasePublished",
    "CaseSlaAtRisk",
    "CaseSlaBreached",
    "CaseStatusChanged",
    "Consent",
    "Contract",
    "ContributionModerated",
    "ContributionReported",
    "DataOpened",
    "DataReported",
    "DeadlineAgent",
    "DiscussionClosed",
    "DiscussionConcluded",
    "DiscussionContributionSubmitted",
    "DiscussionOpened",
    "DiscussionQuestion",
    "ErasureRequested",
    "EventCancelled",
    "EventChanged",
    "EventClosed",
    "EventPublished",
    "FollowUp",
    "FormatAnnounced",
    "FormatWithdrawn",
    "HearingClosed",
    "HearingConcluded",
    "HearingOpened",
    "HearingResponseSubmitted",
    "HistoryEntry",
    "IdeaInitiatorReplied",
    "IdeaJoined",
    "IdeaSubmitted",
    "Initiator",
    "JointMeetingCreated",
    "Link",
    "MovedRegistrant",
    "NotificationFailed",
    "NotificationRequested",
    "NotificationSent",
    "Person",
    "PersonRequest",
    "Proposer",
    "QuestionAnswered",
    "QuestionAsked",
    "Recipient",
    "Registrant",
    "RegistrationCreated",
    "RegistrationPromoted",
    "Responsible",
    "SecretaryOrganizersAssigned",
    "SessionsEnded",
    "Shape",
    "StaffContact",
    "TalkApproved",
    "TalkDeclined",
    "TalkProposed",
    "UpdatePublished",
    "decode",
]
