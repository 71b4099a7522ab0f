"""The case's contracts: what routing publishes as a case moves (`case.*`)."""

from __future__ import annotations

from dataclasses import field

from sammen.contracts.base import OMITTED, PERSONAL, Contract, Shape, wire
from sammen.contracts.people import Person


class Agent(Shape):
    """The sparring agent on the case, with their work contact (not a citizen's personal data)."""

    id: int
    name: str
    email: str
    phone: str | None


class AgentContact(Shape):
    """The agent as the public sees them on a published idea."""

    name: str
    email: str
    phone: str | None


class StaffContact(Shape):
    """A staff member by their work contact: who acted on a case, or the agent a deadline
    warning goes to."""

    id: int
    name: str
    email: str


DeadlineAgent = StaffContact


class Responsible(Shape):
    """Who owns a handed-over case: a unit, and where known a named person (work contact)."""

    unit: str
    name: str | None = None
    email: str | None = None


class CaseInitiator(Person):
    """The initiator's contact as a case carries it on."""

    phone: str | None = None
    organisation: str | None = None


class HistoryEntry(Shape):
    at: str
    kind: str
    from_: str | None = field(default=None, metadata=wire("from"))
    to: str | None = None
    text: str | None = None
    author_name: str | None = None


class Link(Shape):
    kind: str  # case, association, council, colleague
    target: str
    label: str
    email: str | None = None  # the colleague's work address, for `colleague`


class CaseEvent(Contract, subject="case_id"):
    """What an event of a case's course names it by first: its ids and its title."""

    case_id: str
    idea_id: str
    tracking_code: str
    title: str


class CaseAssigned(CaseEvent, event_type="case.assigned"):
    theme: str
    status: str
    first_response_due: str
    agent: Agent
    reassigned: bool


class CaseStatusChanged(CaseEvent, event_type="case.status_changed"):
    from_: str = field(metadata=wire("from"))
    to: str
    message: str | None  # to the initiator
    changed_at: str
    agent: Agent | None
    responsible: Responsible | None  # on a hand-over only, else null


class CaseHandedOver(CaseEvent, event_type="case.handed_over"):
    description: str
    theme: str
    channel: str
    submitted_at: str
    handed_over_at: str
    message: str | None
    responsible: Responsible
    previous_responsible: Responsible | None
    agent: Agent | None
    history: list[HistoryEntry]
    # Only when the initiator consented to contact.
    initiator: CaseInitiator | None = field(metadata=PERSONAL)


class CasePublished(CaseEvent, event_type="case.published"):
    summary: str  # the screened public text
    theme: str
    status: str
    agent: AgentContact
    published_at: str


class CaseLinked(Contract, event_type="case.linked", subject="case_id"):
    case_id: str
    tracking_code: str
    # Absent where the publisher does not send them yet; the calendar then proposes an item
    # with what it has.
    title: str | None = field(default=None, metadata=OMITTED)
    theme: str | None = field(default=None, metadata=OMITTED)
    linked_at: str | None = field(default=None, metadata=OMITTED)
    case_url: str | None = field(default=None, metadata=OMITTED)
    linked_by: StaffContact | None = field(default=None, metadata=OMITTED)
    link: Link


class CaseInitiatorReplied(Contract, event_type="case.initiator_replied", subject="case_id"):
    """The initiator's reply joined the case's history: the agent is told."""

    case_id: str
    tracking_code: str
    title: str
    text: str = field(metadata=PERSONAL)
    agent: Agent | None
    replied_at: str


class CaseSlaAtRisk(Contract, event_type="case.sla_at_risk", subject="case_id"):
    case_id: str
    tracking_code: str
    title: str
    first_response_due: str
    agent: DeadlineAgent | None


class CaseSlaBreached(Contract, event_type="case.sla_breached", subject="case_id"):
    case_id: str
    tracking_code: str
    title: str
    first_response_due: str
    agent: DeadlineAgent | None
    coordinators: list[Person]
