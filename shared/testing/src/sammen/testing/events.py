"""Test factories of the event contracts: one per event, valid and complete, any field overridable.

`case_assigned(title="…")` is the typed event; `envelope(event)` is what its publisher would put on
the bus (for `publish_event` or an outbox); `received(event)` is what a handler gets from the
consumer. Tests never write an event's data out by hand: these are the one source, so a field the
contract gains reaches every test at once.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, TypeVar

from sammen.bus.envelope import Event
from sammen.contracts import (
    AccessRequested,
    Agent,
    AgentContact,
    Attendee,
    CaseAssigned,
    CaseHandedOver,
    CaseInitiator,
    CaseInitiatorReplied,
    CaseLinked,
    CasePublished,
    CaseSlaAtRisk,
    CaseSlaBreached,
    CaseStatusChanged,
    Consent,
    Contract,
    ContributionModerated,
    ContributionReported,
    DataOpened,
    DataReported,
    DeadlineAgent,
    DiscussionClosed,
    DiscussionConcluded,
    DiscussionContributionSubmitted,
    DiscussionOpened,
    DiscussionQuestion,
    ErasureRequested,
    EventCancelled,
    EventChanged,
    EventClosed,
    EventPublished,
    FollowUp,
    FormatAnnounced,
    FormatWithdrawn,
    HearingClosed,
    HearingConcluded,
    HearingOpened,
    HearingResponseSubmitted,
    HistoryEntry,
    IdeaInitiatorReplied,
    IdeaJoined,
    IdeaSubmitted,
    Initiator,
    JointMeetingCreated,
    Link,
    MovedRegistrant,
    NotificationFailed,
    NotificationRequested,
    NotificationSent,
    Person,
    Proposer,
    QuestionAnswered,
    QuestionAsked,
    Recipient,
    Registrant,
    RegistrationCreated,
    RegistrationPromoted,
    Responsible,
    SecretaryOrganizersAssigned,
    SessionsEnded,
    StaffContact,
    TalkApproved,
    TalkDeclined,
    TalkProposed,
    UpdatePublished,
)

C = TypeVar("C", bound=Contract)

# Who publishes each event, for its envelope's source (a format's events come from the format).
PUBLISHERS = {
    "idea.": "intake",
    "case.": "routing",
    "person.": "routing",
    "staff.": "routing",
    "audit.": "routing",
    "notification.requested": "hearing",
    "notification.": "notify",
    "calendar.": "calendar",
    "dialogue.contribution_moderated": "dialogue",
    "dialogue.idea_joined": "idea_board",
    "dialogue.discussion_": "theme_discussion",
    "dialogue.": "hearing",
    "realisation.": "realisation",
}
AGENT = Agent(id=7, name="Agnete Holm", email="agnete.holm@gentofte.dk", phone="39 98 00 00")


def _id() -> str:
    return str(uuid.uuid4())


def _with_page(changes: dict[str, Any], key: str, title: str, pages: str) -> dict[str, Any]:
    """`changes` over what names a thing with a public page: its id (as `key`), its title, and its
    page among `pages`; the page follows an id given in `changes`."""
    thing_id = changes.pop(key, _id())
    return {key: thing_id, "title": title, "url": f"{pages}/{thing_id}"} | changes


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def envelope(
    event: Contract,
    *,
    service: str | None = None,
    at: datetime | None = None,
    subject: str | None = None,
) -> Event:
    """The envelope the event's publisher would send it in."""
    if service is None:
        service = next(name for prefix, name in PUBLISHERS.items() if event.TYPE.startswith(prefix))
    if isinstance(event, NotificationRequested) and subject is None:
        subject = event.reference
    return event.to_event(service, at, subject)


def received(
    event: C, *, service: str | None = None, at: datetime | None = None, subject: str | None = None
) -> C:
    """The event as a handler receives it from the consumer, its envelope attached."""
    return type(event).from_event(envelope(event, service=service, at=at, subject=subject))


# --- nested shapes ------------------------------------------------------------------------------


def agent(**changes: Any) -> Agent:
    return Agent(**(_fields(AGENT) | changes))


def agent_contact(**changes: Any) -> AgentContact:
    return AgentContact(
        **({"name": AGENT.name, "email": AGENT.email, "phone": AGENT.phone} | changes)
    )


def responsible(**changes: Any) -> Responsible:
    defaults = {"unit": "Kultur og Fritid", "name": "Lene Bech", "email": "lene.bech@gentofte.dk"}
    return Responsible(**(defaults | changes))


def person(**changes: Any) -> Person:
    return Person(**({"name": "Karen Holm", "email": "karen@example.dk"} | changes))


def registrant(**changes: Any) -> Registrant:
    registration_id = changes.pop("registration_id", _id())
    defaults = {
        "registration_id": registration_id,
        "name": "Ole Madsen",
        "email": "ole@example.dk",
        "cancel_url": f"http://localhost:8004/tilmeldinger/{registration_id}",
    }
    return Registrant(**(defaults | changes))


def _fields(shape: Any) -> dict[str, Any]:
    return {name: getattr(shape, name) for name in shape.__dataclass_fields__}


# --- ideas and cases ----------------------------------------------------------------------------


def idea_submitted(**changes: Any) -> IdeaSubmitted:
    idea_id = changes.pop("idea_id", _id())
    code = changes.pop("tracking_code", idea_id[:4].upper() + "-" + idea_id[4:8].upper())
    defaults: dict[str, Any] = {
        "idea_id": idea_id,
        "tracking_code": code,
        "title": "Bytte-reol på biblioteket",
        "description": "En reol hvor naboer bytter bøger, spil og frø.",
        "theme": "kultur-og-fritid",
        "channel": "web",
        "location": None,
        "submitted_at": _now(),
        "status_url": f"http://localhost:8001/status/{code}",
        "consent": Consent(contact=True, publish=True),
        "language": "da",
        "reply_url": f"http://localhost:8001/svar/{idea_id.replace('-', '')}",
        "initiator": Initiator(
            name="Anna Jensen",
            email="anna.jensen@example.dk",
            phone="+45 12 34 56 78",
            organisation=None,
            age_group="30-49",
        ),
    }
    return IdeaSubmitted(**(defaults | changes))


def idea_initiator_replied(
    idea: IdeaSubmitted | None = None, **changes: Any
) -> IdeaInitiatorReplied:
    source = idea or idea_submitted()
    defaults: dict[str, Any] = {
        "idea_id": source.idea_id,
        "tracking_code": source.tracking_code,
        "text": "Biblioteket siger ja til at lægge lokale til reolen.",
        "replied_at": _now(),
    }
    return IdeaInitiatorReplied(**(defaults | changes))


def _case(changes: dict[str, Any], idea: IdeaSubmitted | None) -> dict[str, Any]:
    """The fields every case event shares, from `idea` when given (its case)."""
    idea = idea or idea_submitted()
    return {
        "case_id": "c-" + idea.idea_id[:8],
        "idea_id": idea.idea_id,
        "tracking_code": idea.tracking_code,
        "title": idea.title,
    } | changes


def case_assigned(idea: IdeaSubmitted | None = None, **changes: Any) -> CaseAssigned:
    defaults: dict[str, Any] = {
        "theme": idea.theme if idea else "kultur-og-fritid",
        "status": "assigned",
        "first_response_due": "2026-12-08T23:00:00Z",
        "agent": AGENT,
        "reassigned": False,
    }
    return CaseAssigned(**(defaults | _case(changes, idea)))


def case_status_changed(idea: IdeaSubmitted | None = None, **changes: Any) -> CaseStatusChanged:
    defaults: dict[str, Any] = {
        "from_": "assigned",
        "to": "in_dialogue",
        "message": "Tak for din idé. Jeg ringer dig op i næste uge.",
        "changed_at": _now(),
        "agent": AGENT,
        "responsible": None,
    }
    return CaseStatusChanged(**(defaults | _case(changes, idea)))


def case_handed_over(idea: IdeaSubmitted | None = None, **changes: Any) -> CaseHandedOver:
    source = idea or idea_submitted()
    defaults: dict[str, Any] = {
        "description": source.description,
        "theme": source.theme,
        "channel": source.channel,
        "submitted_at": source.submitted_at,
        "handed_over_at": _now(),
        "message": "Kultur og Fritid tager idéen videre.",
        "responsible": responsible(),
        "previous_responsible": None,
        "agent": AGENT,
        "initiator": CaseInitiator(
            name=source.initiator.name,
            email=source.initiator.email,
            phone=source.initiator.phone,
            organisation=source.initiator.organisation,
        ),
        "history": [
            HistoryEntry(at=source.submitted_at, kind="received", author_name=None),
        ],
    }
    return CaseHandedOver(**(defaults | _case(changes, source)))


def case_published(idea: IdeaSubmitted | None = None, **changes: Any) -> CasePublished:
    defaults: dict[str, Any] = {
        "summary": "En reol hvor naboer bytter bøger, spil og frø.",
        "theme": idea.theme if idea else "kultur-og-fritid",
        "status": "in_dialogue",
        "agent": agent_contact(),
        "published_at": _now(),
    }
    return CasePublished(**(defaults | _case(changes, idea)))


def case_linked(idea: IdeaSubmitted | None = None, **changes: Any) -> CaseLinked:
    fields = _case(changes, idea)
    fields.pop("idea_id")
    defaults: dict[str, Any] = {
        "theme": idea.theme if idea else "kultur-og-fritid",
        "linked_at": _now(),
        "case_url": f"http://localhost:8002/sager/{fields['case_id']}",
        "linked_by": StaffContact(id=AGENT.id, name=AGENT.name, email=AGENT.email),
        "link": Link(kind="council", target="seniorraadet", label="Seniorrådet", email=None),
    }
    return CaseLinked(**(defaults | fields))


def colleague_link(**changes: Any) -> Link:
    """A link that asks a colleague in (kind `colleague`: a staff account and its address)."""
    defaults = {
        "kind": "colleague",
        "target": "12",
        "label": "Bo Kristensen",
        "email": "bo.kristensen@gentofte.dk",
    }
    return Link(**(defaults | changes))


def case_initiator_replied(
    idea: IdeaSubmitted | None = None, **changes: Any
) -> CaseInitiatorReplied:
    fields = _case(changes, idea)
    fields.pop("idea_id")
    defaults: dict[str, Any] = {
        "text": "Biblioteket siger ja til at lægge lokale til reolen.",
        "agent": AGENT,
        "replied_at": _now(),
    }
    return CaseInitiatorReplied(**(defaults | fields))


def _deadline(changes: dict[str, Any], idea: IdeaSubmitted | None) -> dict[str, Any]:
    fields = _case(changes, idea)
    fields.pop("idea_id")
    defaults: dict[str, Any] = {
        "first_response_due": "2026-12-08T23:00:00Z",
        "agent": DeadlineAgent(id=AGENT.id, name=AGENT.name, email=AGENT.email),
    }
    return defaults | fields


def case_sla_at_risk(idea: IdeaSubmitted | None = None, **changes: Any) -> CaseSlaAtRisk:
    return CaseSlaAtRisk(**_deadline(changes, idea))


def case_sla_breached(idea: IdeaSubmitted | None = None, **changes: Any) -> CaseSlaBreached:
    coordinators = [Person(name="Karin Koordinator", email="koordinator@gentofte.dk")]
    return CaseSlaBreached(**({"coordinators": coordinators} | _deadline(changes, idea)))


# --- privacy, audit, staff --------------------------------------------------------------------


def access_requested(**changes: Any) -> AccessRequested:
    defaults: dict[str, Any] = {
        "request_id": _id(),
        "email": "anna.jensen@example.dk",
        "tracking_codes": [],
        "idea_ids": [],
    }
    return AccessRequested(**(defaults | changes))


def erasure_requested(**changes: Any) -> ErasureRequested:
    defaults: dict[str, Any] = {
        "request_id": _id(),
        "email": "anna.jensen@example.dk",
        "tracking_codes": [],
        "idea_ids": [],
        "requested_by": 1,
    }
    return ErasureRequested(**(defaults | changes))


def data_reported(**changes: Any) -> DataReported:
    defaults: dict[str, Any] = {
        "request_id": _id(),
        "service": "intake",
        "kind": "erasure",
        "summary": {"ideas": 1},
        "kept": None,
        "data": None,
    }
    return DataReported(**(defaults | changes))


def data_opened(**changes: Any) -> DataOpened:
    defaults: dict[str, Any] = {
        "service": "calendar",
        "staff_id": 7,
        "action": "registrations_listed",
        "subject": _id(),
        "at": _now(),
    }
    return DataOpened(**(defaults | changes))


def secretary_organizers_assigned(**changes: Any) -> SecretaryOrganizersAssigned:
    defaults: dict[str, Any] = {
        "staff_id": 11,
        "email": "sekretaer@gentofte.dk",
        "organizers": ["seniorraadet"],
        "assigned_at": _now(),
    }
    return SecretaryOrganizersAssigned(**(defaults | changes))


def sessions_ended(**changes: Any) -> SessionsEnded:
    defaults: dict[str, Any] = {"staff_id": 7, "ended_at": _now()}
    return SessionsEnded(**(defaults | changes))


# --- mail -----------------------------------------------------------------------------------------


def notification_requested(**changes: Any) -> NotificationRequested:
    defaults: dict[str, Any] = {
        "reference": f"hearing.receipt:{_id()}",
        "to": Recipient(name="Lis Berg", email="lis.berg@example.dk"),
        "language": "da",
        "subject": "Tak for dit høringssvar",
        "text": "Vi har modtaget dit svar til høringen om Ordrup Krat.",
        "html": None,
        "category": "hearing.receipt",
        "unsubscribe_url": None,
    }
    return NotificationRequested(**(defaults | changes))


def notification_sent(**changes: Any) -> NotificationSent:
    defaults = {"notification_id": _id(), "template": "receipt", "reference": _id()}
    return NotificationSent(**(defaults | {"status": "delivered"} | changes))


def notification_failed(**changes: Any) -> NotificationFailed:
    defaults = {"notification_id": _id(), "template": "receipt", "reference": _id()}
    return NotificationFailed(**(defaults | {"status": "technical-failure"} | changes))


# --- the calendar -------------------------------------------------------------------------------


def _calendar_event(changes: dict[str, Any]) -> dict[str, Any]:
    page = _with_page(
        changes, "event_id", "Borgermøde om Ordrup Krat", "http://localhost:8004/arrangementer"
    )
    return {"starts_at": "2027-01-14T17:00:00Z"} | page


def _published_fields(changes: dict[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "ends_at": "2027-01-14T19:00:00Z",
        "location": "Gentofte Rådhus, byrådssalen",
        "organizers": ["groent-raad"],
        "kind": "citizen_meeting",
        "topics": ["natur"],
        "public": True,
    }
    return defaults | _calendar_event(changes)


def event_published(**changes: Any) -> EventPublished:
    return EventPublished(**_published_fields(changes))


def event_changed(**changes: Any) -> EventChanged:
    defaults: dict[str, Any] = {
        "sequence": 1,
        "changes": ["location"],
        "registrants": [registrant()],
    }
    return EventChanged(**(defaults | _published_fields(changes)))


def event_cancelled(**changes: Any) -> EventCancelled:
    defaults: dict[str, Any] = {
        "reason": "Mødet flyttes til foråret.",
        "registrants": [registrant()],
    }
    return EventCancelled(**(defaults | _calendar_event(changes)))


def _registration(changes: dict[str, Any]) -> dict[str, Any]:
    registration_id = changes.pop("registration_id", _id())
    defaults: dict[str, Any] = {
        "registration_id": registration_id,
        "location": "Gentofte Rådhus, byrådssalen",
        "status": "confirmed",
        "cancel_url": f"http://localhost:8004/tilmeldinger/{registration_id}",
        "registrant": Person(name="Ole Madsen", email="ole@example.dk"),
    }
    return defaults | _calendar_event(changes)


def registration_created(**changes: Any) -> RegistrationCreated:
    return RegistrationCreated(**_registration(changes))


def registration_promoted(**changes: Any) -> RegistrationPromoted:
    return RegistrationPromoted(**_registration(changes))


def event_closed(**changes: Any) -> EventClosed:
    defaults: dict[str, Any] = {
        "organizers": ["groent-raad"],
        "summary": "Vi hørte ønsker om flere stier gennem krattet.",
        "attendees": 42,
        "organisations": ["Ordrup Grundejerforening"],
        "follow_up": [FollowUp(kind="topic", text="Stier i Ordrup Krat", url=None)],
        "registrants": [Attendee(registration_id=_id(), name="Ole Madsen", email="ole@example.dk")],
    }
    return EventClosed(**(defaults | _calendar_event(changes)))


def joint_meeting_created(**changes: Any) -> JointMeetingCreated:
    registration_id = _id()
    defaults: dict[str, Any] = {
        "organizers": ["groent-raad", "seniorraadet"],
        "joined_event_ids": [_id(), _id()],
        "registrants": [
            MovedRegistrant(
                registration_id=registration_id,
                from_event_id=_id(),
                name="Ole Madsen",
                email="ole@example.dk",
                status="confirmed",
                cancel_url=f"http://localhost:8004/tilmeldinger/{registration_id}",
            )
        ],
    }
    return JointMeetingCreated(**(defaults | _calendar_event(changes)))


def proposer(**changes: Any) -> Proposer:
    defaults = {
        "name": "Lis Berg",
        "email": "lis.berg@example.dk",
        "organisation": "Gentofte Roklub",
        "type": "association",
    }
    return Proposer(**(defaults | changes))


def _proposal(changes: dict[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "proposal_id": _id(),
        "title": "Havet omkring os",
        "proposer": proposer(),
    }
    return defaults | changes


def talk_proposed(**changes: Any) -> TalkProposed:
    defaults: dict[str, Any] = {
        "description": "En aften om livet i Øresund.",
        "host_event": "",
        "wished_start": "2027-03-04T17:00:00Z",
        "location": "Hellerup Havn",
        "topics": ["natur"],
        "staff_url": "http://localhost:8004/personale/gentofte-talks",
    }
    return TalkProposed(**_proposal(defaults | changes))


def talk_approved(**changes: Any) -> TalkApproved:
    event_id = _id()
    defaults: dict[str, Any] = {
        "event_id": event_id,
        "starts_at": "2027-03-04T17:00:00Z",
        "url": f"http://localhost:8004/arrangementer/{event_id}",
        "initiative": "Gentofte Roklub",
    }
    return TalkApproved(**_proposal(defaults | changes))


def talk_declined(**changes: Any) -> TalkDeclined:
    defaults = {"reason": "Programmet for foråret er fuldt."}
    return TalkDeclined(**_proposal(defaults | changes))


# --- digital dialogue ---------------------------------------------------------------------------


def format_announced(**changes: Any) -> FormatAnnounced:
    slug = changes.pop("slug", "idea_board")
    defaults: dict[str, Any] = {
        "slug": slug,
        "name": "Idébanken",
        "description": "Gå sammen om hinandens idéer.",
        "url": "http://localhost:8011/",
        "version": "1",
        "ttl_seconds": 30.0,
        "staff_url": None,
        "started_at": _now(),
    }
    return FormatAnnounced(**(defaults | changes))


def format_withdrawn(**changes: Any) -> FormatWithdrawn:
    return FormatWithdrawn(**({"slug": "idea_board"} | changes))


def idea_joined(**changes: Any) -> IdeaJoined:
    case_id = changes.pop("case_id", _id())
    defaults: dict[str, Any] = {
        "join_id": _id(),
        "case_id": case_id,
        "idea_id": f"idea-{case_id}",
        "tracking_code": "ACDE-FHJK",
        "title": "Bytte-reol på biblioteket",
        "idea_url": f"http://localhost:8011/ideer/{case_id}",
        "offer": "help",
        "message": "Jeg kan bygge reolen.",
        "helper": person(),
        "agent": Person(name=AGENT.name, email=AGENT.email),
    }
    return IdeaJoined(**(defaults | changes))


def contribution_reported(**changes: Any) -> ContributionReported:
    defaults: dict[str, Any] = {
        "format": "hearing",
        "contribution_id": _id(),
        "excerpt": "Jeg er imod, at stien lægges gennem skoven.",
        "reason": "Nyt høringssvar: godkend det (vis) eller skjul det",
        "url": "http://localhost:8012/hoeringer/1",
        "author_key": "0" * 64,
    }
    return ContributionReported(**(defaults | changes))


def contribution_moderated(**changes: Any) -> ContributionModerated:
    defaults: dict[str, Any] = {
        "format": "hearing",
        "contribution_id": _id(),
        "action": "restore",
        "reason": None,
        "moderator": 9,
    }
    return ContributionModerated(**(defaults | changes))


def _hearing(changes: dict[str, Any]) -> dict[str, Any]:
    return _with_page(
        changes, "hearing_id", "Stien gennem Ordrup Krat", "http://localhost:8012/hoeringer"
    )


def hearing_opened(**changes: Any) -> HearingOpened:
    defaults: dict[str, Any] = {
        "opens_at": "2026-12-01T08:00:00+00:00",
        "deadline": "2027-01-15T23:00:00+00:00",
    }
    return HearingOpened(**(defaults | _hearing(changes)))


def hearing_response_submitted(**changes: Any) -> HearingResponseSubmitted:
    defaults: dict[str, Any] = {
        "hearing_id": _id(),
        "response_id": _id(),
        "section": None,
        "public": True,
    }
    return HearingResponseSubmitted(**(defaults | changes))


def hearing_closed(**changes: Any) -> HearingClosed:
    return HearingClosed(**({"responses": 3} | _hearing(changes)))


def hearing_concluded(**changes: Any) -> HearingConcluded:
    defaults: dict[str, Any] = {
        "respondents": [Person(name="Bent Lund", email="bent@example.dk")],
    }
    return HearingConcluded(**(defaults | _hearing(changes)))


# --- theme discussions --------------------------------------------------------------------------


def _discussion(changes: dict[str, Any]) -> dict[str, Any]:
    return _with_page(
        changes,
        "discussion_id",
        "Fremtidens idrætsfaciliteter",
        "http://localhost:8014/droeftelser",
    )


def discussion_opened(**changes: Any) -> DiscussionOpened:
    defaults: dict[str, Any] = {
        "committee": "Kultur-, Fritids- og Idrætsudvalget",
        "event_id": None,
        "closes_at": "2027-01-10T22:59:00+00:00",
        "questions": [DiscussionQuestion(id=1, text="Hvad savner du i din lokale idrætshal?")],
    }
    return DiscussionOpened(**(defaults | _discussion(changes)))


def discussion_contribution_submitted(**changes: Any) -> DiscussionContributionSubmitted:
    defaults: dict[str, Any] = {"discussion_id": _id(), "contribution_id": _id(), "question_id": 1}
    return DiscussionContributionSubmitted(**(defaults | changes))


def discussion_closed(**changes: Any) -> DiscussionClosed:
    return DiscussionClosed(**({"contributions": 3} | _discussion(changes)))


def discussion_concluded(**changes: Any) -> DiscussionConcluded:
    defaults: dict[str, Any] = {
        "committee": "Kultur-, Fritids- og Idrætsudvalget",
        "event_id": None,
        "contributors": 2,
        "concluded_at": "2027-01-20T12:00:00+00:00",
    }
    return DiscussionConcluded(**(defaults | _discussion(changes)))


# --- the realisation format ---------------------------------------------------------------------

REALISATION_URL = "http://localhost:8013/anbefalinger"


def _recommendation(changes: dict[str, Any]) -> dict[str, Any]:
    return _with_page(
        changes, "recommendation_id", "Flere cykelparkeringer ved stationerne", REALISATION_URL
    )


def update_published(**changes: Any) -> UpdatePublished:
    defaults: dict[str, Any] = {
        "update_id": _id(),
        "committee_id": _id(),
        "status": "in_progress",
        "progress": 40,
        "milestone_done": None,
        "media_url": None,
        "published_at": _now(),
    }
    return UpdatePublished(**(defaults | _recommendation(changes)))


def question_asked(**changes: Any) -> QuestionAsked:
    defaults: dict[str, Any] = {
        "question_id": _id(),
        "asked_at": "2026-11-30T09:00:00+00:00",
        "due_at": "2026-12-07T23:00:00+00:00",
    }
    return QuestionAsked(**(defaults | _recommendation(changes)))


def question_answered(**changes: Any) -> QuestionAnswered:
    recommendation_id = changes.pop("recommendation_id", _id())
    question_id = changes.pop("question_id", _id())
    defaults: dict[str, Any] = {
        "question_id": question_id,
        "recommendation_id": recommendation_id,
        "answered_at": "2026-12-02T10:00:00+00:00",
        "on_time": True,
        "url": f"{REALISATION_URL}/{recommendation_id}#spoergsmaal-{question_id}",
    }
    return QuestionAnswered(**(defaults | changes))


FACTORIES = {
    factory().TYPE: factory
    for factory in (
        idea_submitted,
        idea_initiator_replied,
        case_assigned,
        case_status_changed,
        case_handed_over,
        case_published,
        case_linked,
        case_initiator_replied,
        case_sla_at_risk,
        case_sla_breached,
        access_requested,
        erasure_requested,
        data_reported,
        data_opened,
        secretary_organizers_assigned,
        sessions_ended,
        notification_requested,
        notification_sent,
        notification_failed,
        event_published,
        event_changed,
        event_cancelled,
        registration_created,
        registration_promoted,
        event_closed,
        joint_meeting_created,
        talk_proposed,
        talk_approved,
        talk_declined,
        format_announced,
        format_withdrawn,
        idea_joined,
        contribution_reported,
        contribution_moderated,
        hearing_opened,
        hearing_response_submitted,
        hearing_closed,
        hearing_concluded,
        discussion_opened,
        discussion_contribution_submitted,
        discussion_closed,
        discussion_concluded,
        update_published,
        question_asked,
        question_answered,
    )
}
