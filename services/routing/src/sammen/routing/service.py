"""Routing's use cases. Each runs inside the caller's unit of work; events go out through `emit`."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from sammen import contracts, privacy
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CaseHandedOver,
    CaseInitiator,
    CaseLinked,
    CasePublished,
    CaseSlaAtRisk,
    CaseSlaBreached,
    CaseStatusChanged,
    DataOpened,
    DataReported,
    DeadlineAgent,
    ErasureRequested,
    HistoryEntry,
    IdeaJoined,
    IdeaSubmitted,
    Link,
    Person,
)
from sammen.db import LARGEST_ID
from sammen.routing import metrics
from sammen.routing.domain import (
    CLOSED,
    COUNCILS,
    Candidate,
    Responsible,
    TransitionRefused,
    check_answer_template,
    check_transition,
    choose_agent,
    responsible_for,
    team_for_theme,
)
from sammen.routing.models import (
    AnswerTemplate,
    Association,
    AuditEntry,
    Case,
    CaseEntry,
    CaseLink,
    PrivacyReport,
    StaffAccount,
)
from sammen.vocabulary import N_
from sammen.workdays import Deadline, answer_deadline, deadline_state

SERVICE = "routing"
LINK_KINDS = ("case", "association", "council", "colleague")
MIN_SUMMARY = 20


class NotFound(LookupError):
    """The case, account or link target does not exist."""


class NotAllowed(PermissionError):
    """The staff member may not act on the case (`may_act_on`)."""


class Refused(ValueError):
    """A request the rules refuse: `status` is the HTTP code, `field` the input at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def rfc3339(moment: datetime) -> str:
    """Event times are RFC 3339 in UTC (docs/events.md)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def agent_contact(account: StaffAccount | None) -> dict[str, Any] | None:
    if account is None:
        return None
    return {"id": account.id, "name": account.name, "email": account.email, "phone": account.phone}


def event_agent(account: StaffAccount) -> contracts.Agent:
    """The agent as the case's events name them (work contact)."""
    return contracts.Agent(
        id=account.id, name=account.name, email=account.email, phone=account.phone
    )


def event_responsible(owner: Responsible) -> contracts.Responsible:
    return contracts.Responsible(unit=owner.unit, name=owner.name, email=owner.email)


class WithDeadline(Protocol):
    """What the SLA clock reads of a case: a Case, or a row of just these columns."""

    first_response_due: datetime
    sla_at_risk_from: datetime
    first_response_at: datetime | None


def deadline_of(case: WithDeadline) -> Deadline:
    return Deadline(due=case.first_response_due, at_risk_from=case.sla_at_risk_from)


def case_sla(case: WithDeadline, now: datetime) -> str:
    return deadline_state(deadline_of(case), now, case.first_response_at)


# --- cases from ideas -------------------------------------------------------------------------


def _parse_time(value: str | None, fallback: datetime) -> datetime:
    if not value:
        return fallback
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def open_load(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Case.assignee_id, func.count())
        .where(Case.assignee_id.is_not(None), Case.status.not_in(CLOSED))
        .group_by(Case.assignee_id)
    )
    return {agent_id: count for agent_id, count in rows}


def agents(session: Session) -> list[StaffAccount]:
    accounts = session.scalars(
        select(StaffAccount).where(StaffAccount.active.is_(True)).order_by(StaffAccount.name)
    )
    return [a for a in accounts if "agent" in a.role_list]


def pick_agent(session: Session, theme: str) -> StaffAccount | None:
    load = open_load(session)
    candidates = [
        Candidate(a.id, frozenset(a.area_list), a.available, load.get(a.id, 0))
        for a in agents(session)
    ]
    chosen = choose_agent(theme, candidates)
    return session.get(StaffAccount, chosen) if chosen is not None else None


def create_case_from_idea(
    session: Session, idea: IdeaSubmitted, first_response_days: int, now: datetime | None = None
) -> Case:
    """One case per idea (a second `idea.submitted` for the same idea changes nothing)."""
    now = _now(now)
    existing = session.scalar(select(Case).where(Case.idea_id == idea.idea_id))
    if existing is not None:
        return existing
    submitted_at = _parse_time(idea.submitted_at, now)
    deadline = answer_deadline(submitted_at, first_response_days)
    initiator = idea.initiator
    case = Case(
        id=str(uuid.uuid4()),
        idea_id=idea.idea_id,
        tracking_code=idea.tracking_code,
        title=idea.title,
        description=idea.description or "",
        theme=idea.theme or "andet",
        channel=idea.channel or "web",
        location=idea.location,
        status_url=idea.status_url,
        team=team_for_theme(idea.theme or "andet"),
        status="received",
        submitted_at=submitted_at,
        updated_at=now,
        first_response_due=deadline.due,
        sla_at_risk_from=deadline.at_risk_from,
        consent_contact=bool(idea.consent.contact),
        consent_publish=bool(idea.consent.publish),
        initiator_name=initiator.name,
        initiator_email=(initiator.email or None),
        initiator_phone=initiator.phone,
        initiator_organisation=initiator.organisation,
        initiator_age_group=initiator.age_group,
    )
    case.entries.append(CaseEntry(at=submitted_at, kind="submitted", text=case.description))
    session.add(case)
    session.flush()
    agent = pick_agent(session, case.theme)
    if agent is None:
        case.entries.append(CaseEntry(at=now, kind="queued"))
    else:
        _assign(session, case, agent, None, now, reassigned=False)
    team, channel = case.team, case.channel
    metrics.after_commit(session, lambda: metrics.ideas_routed.labels(team, channel).inc())
    return case


def _assign(
    session: Session,
    case: Case,
    agent: StaffAccount,
    by: StaffIdentity | None,
    now: datetime,
    reassigned: bool,
) -> None:
    case.assignee = agent
    case.assignee_id = agent.id
    if case.status == "received":
        case.status = "assigned"
    case.updated_at = now
    case.entries.append(
        CaseEntry(
            at=now,
            kind="assigned",
            author_id=by.id if by else None,
            author_name=by.name if by else None,
            text=agent.name,
        )
    )
    assigned = CaseAssigned(
        case_id=case.id,
        idea_id=case.idea_id,
        tracking_code=case.tracking_code,
        title=case.title,
        theme=case.theme,
        status=case.status,
        first_response_due=rfc3339(case.first_response_due),
        agent=event_agent(agent),
        reassigned=reassigned,
    )
    emit(session, assigned.to_event(SERVICE, now))


def reassign(
    session: Session, case: Case, agent_id: int, by: StaffIdentity, now: datetime | None = None
) -> None:
    agent = session.get(StaffAccount, agent_id)
    if agent is None or not agent.active or "agent" not in agent.role_list:
        raise Refused(422, "agent", "Choose an active sparring agent.")
    if agent.id == case.assignee_id:
        raise Refused(422, "agent", "The case is already assigned to this agent.")
    _assign(session, case, agent, by, _now(now), reassigned=True)


def get_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(case_id)
    return case


def may_act_on(staff: StaffIdentity, case: Case) -> bool:
    """Coordinators and admins act on any case; an agent on the cases assigned to them. The same
    people read the initiator's contact: other agents see the case without it."""
    return staff.has_any(("coordinator",)) or case.assignee_id == staff.id


def case_to_act_on(session: Session, case_id: str, staff: StaffIdentity) -> Case:
    """The case, if `staff` may act on it: the one rule of every case action, page or API."""
    case = get_case(session, case_id)
    if not may_act_on(staff, case):
        raise NotAllowed(case_id)
    return case


def may_assign(staff: StaffIdentity, case: Case, agent_id: int) -> bool:
    """Coordinators reassign; an agent may take an unassigned case from the queue themself."""
    if staff.has_any(("coordinator",)):
        return True
    return case.assignee_id is None and agent_id == staff.id and "agent" in staff.roles


# --- the lifecycle ----------------------------------------------------------------------------


def transition(
    session: Session,
    case: Case,
    to: str,
    message: str | None,
    note: str | None,
    by: StaffIdentity,
    now: datetime | None = None,
    responsible: Mapping[str, Any] | None = None,
) -> None:
    """Move the case (or, with `to` = its status, just write to the initiator) and tell intake.

    A move to `handed_over` names the new owner in `responsible`; a handed-over case given a new
    `responsible` with `to` = `handed_over` is handed over again.
    """
    now = _now(now)
    message = (message or "").strip() or None
    note = (note or "").strip() or None
    moving = to != case.status
    if moving:
        check_transition(case.status, to, message)
    elif message is None:
        raise TransitionRefused("message", "Write a message to the initiator.")
    new_owner = responsible_for(to, responsible) if moving or responsible else None
    previous = case.status
    case.status = to
    case.updated_at = now
    author = {"author_id": by.id, "author_name": by.name}
    if moving:
        case.entries.append(
            CaseEntry(at=now, kind="status_changed", from_status=previous, to_status=to, **author)
        )
    previous_owner = current_responsible(case)
    if new_owner is not None:
        _set_responsible(case, new_owner)
        case.entries.append(
            CaseEntry(at=now, kind="handed_over", text=responsible_label(new_owner), **author)
        )
    if message:
        case.entries.append(CaseEntry(at=now, kind="message", text=message, **author))
        if case.first_response_at is None:
            case.first_response_at = now
            elapsed = (now - case.submitted_at).total_seconds()
            metrics.after_commit(
                session, lambda: metrics.first_response_seconds.observe(max(elapsed, 0))
            )
    if note:
        case.entries.append(CaseEntry(at=now, kind="note", text=note, **author))
    changed = CaseStatusChanged(
        case_id=case.id,
        idea_id=case.idea_id,
        tracking_code=case.tracking_code,
        title=case.title,
        from_=previous,
        to=to,
        message=message,
        changed_at=rfc3339(now),
        agent=event_agent(case.assignee) if case.assignee else None,
        responsible=event_responsible(new_owner) if new_owner else None,
    )
    emit(session, changed.to_event(SERVICE, now))
    if new_owner is not None:
        handed_over = handover(case, new_owner, previous_owner, message, now)
        emit(session, handed_over.to_event(SERVICE, now))


# --- hand-over: who takes the case, and what they are told -----------------------------------


def current_responsible(case: Case) -> Responsible | None:
    if case.responsible_unit is None:
        return None
    return Responsible(case.responsible_unit, case.responsible_name, case.responsible_email)


def _set_responsible(case: Case, owner: Responsible) -> None:
    case.responsible_unit = owner.unit
    case.responsible_name = owner.name
    case.responsible_email = owner.email


def responsible_label(owner: Responsible) -> str:
    """The owner as the history names them: unit, and the person where one is named."""
    return f"{owner.unit}, {owner.name}" if owner.name else owner.unit


def _initiator_for_owner(case: Case) -> CaseInitiator | None:
    """The initiator's contact goes to the new owner only where the initiator agreed to contact."""
    if not case.consent_contact or not case.has_personal_data:
        return None
    return CaseInitiator(
        name=case.initiator_name,
        email=case.initiator_email,
        phone=case.initiator_phone,
        organisation=case.initiator_organisation,
    )


def handover(
    case: Case,
    owner: Responsible,
    previous: Responsible | None,
    message: str | None,
    now: datetime,
) -> CaseHandedOver:
    """What the new owner takes over: the idea, the initiator where consent allows, the history."""
    return CaseHandedOver(
        case_id=case.id,
        idea_id=case.idea_id,
        tracking_code=case.tracking_code,
        title=case.title,
        description=case.description,
        theme=case.theme,
        channel=case.channel,
        submitted_at=rfc3339(case.submitted_at),
        handed_over_at=rfc3339(now),
        message=message,
        responsible=event_responsible(owner),
        previous_responsible=event_responsible(previous) if previous else None,
        agent=event_agent(case.assignee) if case.assignee else None,
        initiator=_initiator_for_owner(case),
        history=[
            HistoryEntry(
                at=rfc3339(entry.at),
                kind=entry.kind,
                from_=entry.from_status,
                to=entry.to_status,
                text=entry.text,
                author_name=entry.author_name,
            )
            for entry in case.entries
        ],
    )


# --- answer templates ---------------------------------------------------------------------------


def answer_templates(session: Session) -> list[AnswerTemplate]:
    return list(
        session.scalars(
            select(AnswerTemplate).order_by(
                AnswerTemplate.status, AnswerTemplate.language, AnswerTemplate.title
            )
        )
    )


def get_answer_template(session: Session, template_id: int) -> AnswerTemplate:
    # An id beyond what the column holds names no template (the database would overflow).
    if not 1 <= template_id <= LARGEST_ID:
        raise NotFound(str(template_id))
    template = session.get(AnswerTemplate, template_id)
    if template is None:
        raise NotFound(str(template_id))
    return template


def save_answer_template(
    session: Session,
    template: AnswerTemplate | None,
    fields: Mapping[str, str],
    by: StaffIdentity,
    now: datetime | None = None,
) -> AnswerTemplate:
    """Create (`template` None) or change an answer template from `status`, `language`, `title`
    and `text`; refused with AnswerTemplateRefused before anything is stored."""
    status, language = fields.get("status", ""), fields.get("language", "")
    title, text = fields.get("title", "").strip(), fields.get("text", "").strip()
    check_answer_template(status, language, title, text)
    template = template or AnswerTemplate()
    template.status, template.language, template.title, template.text = (
        status,
        language,
        title,
        text,
    )
    template.updated_at, template.updated_by = _now(now), by.id
    session.add(template)
    session.flush()
    return template


def add_note(
    session: Session, case: Case, text: str, by: StaffIdentity, now: datetime | None = None
) -> None:
    text = text.strip()
    if not text:
        raise Refused(422, "note", "Write the note.")
    case.entries.append(
        CaseEntry(at=_now(now), kind="note", text=text, author_id=by.id, author_name=by.name)
    )


def _link_label(session: Session, case: Case, kind: str, target: str) -> str:
    if kind == "case":
        other = session.get(Case, target) or session.scalar(
            select(Case).where(Case.tracking_code == target.upper())
        )
        if other is None or other.id == case.id:
            raise Refused(422, "target", "Choose another existing case.")
        return f"{other.tracking_code}: {other.title}"
    if kind == "council":
        if target not in COUNCILS:
            raise Refused(422, "target", "Choose one of the councils.")
        return COUNCILS[target]
    model = Association if kind == "association" else StaffAccount
    found = session.get(model, int(target)) if target.isdigit() else None
    if found is None:
        raise Refused(422, "target", f"No {kind} with that id.")
    return found.name


def add_link(
    session: Session,
    case: Case,
    kind: str,
    target: str,
    by: StaffIdentity,
    now: datetime | None = None,
) -> CaseLink:
    """Link once: linking the same target again changes nothing and publishes nothing."""
    if kind not in LINK_KINDS:
        raise Refused(422, "kind", f"Kind must be one of {', '.join(LINK_KINDS)}.")
    target = target.strip()
    label = _link_label(session, case, kind, target)
    if kind == "case":
        target = (session.get(Case, target) or _case_by_code(session, target)).id
    for link in case.links:
        if (link.kind, link.target) == (kind, target):
            return link
    now = _now(now)
    link = CaseLink(kind=kind, target=target, label=label, created_at=now, created_by=by.id)
    case.links.append(link)
    case.entries.append(
        CaseEntry(at=now, kind="linked", text=label, author_id=by.id, author_name=by.name)
    )
    linked = CaseLinked(
        case_id=case.id,
        tracking_code=case.tracking_code,
        link=Link(kind=kind, target=target, label=label),
    )
    emit(session, linked.to_event(SERVICE, now))
    return link


def _case_by_code(session: Session, code: str) -> Case:
    return session.scalars(select(Case).where(Case.tracking_code == code.upper())).one()


def publish(
    session: Session,
    case: Case,
    summary: str,
    by: StaffIdentity,
    now: datetime | None = None,
) -> None:
    """Publish the screened summary — only with the initiator's consent, and only once."""
    if not case.consent_publish:
        raise Refused(409, "consent", "The initiator has not consented to publication.")
    if case.published_at is not None:
        raise Refused(409, "case", "The case is already published.")
    summary = (summary or "").strip()
    if len(summary) < MIN_SUMMARY:
        raise Refused(
            422, "summary", f"Write the screened public text (at least {MIN_SUMMARY} characters)."
        )
    now = _now(now)
    case.published_at = now
    case.entries.append(
        CaseEntry(at=now, kind="published", text=summary, author_id=by.id, author_name=by.name)
    )
    agent = agent_contact(case.assignee) or {"name": by.name, "email": by.email, "phone": None}
    published = CasePublished(
        case_id=case.id,
        idea_id=case.idea_id,
        tracking_code=case.tracking_code,
        title=case.title,
        summary=summary,
        theme=case.theme,
        status=case.status,
        agent=contracts.AgentContact(
            name=agent["name"], email=agent["email"], phone=agent["phone"]
        ),
        published_at=rfc3339(now),
    )
    emit(session, published.to_event(SERVICE, now))


def record_dialogue(session: Session, event: IdeaJoined) -> None:
    """`dialogue.idea_joined`: someone offered help on the idea board; the agent sees it."""
    case = session.get(Case, event.case_id or "")
    if case is None:
        return
    offer = event.offer or ""
    message = event.message or ""
    case.entries.append(
        CaseEntry(at=event.envelope.time, kind="dialogue", text=f"{offer}: {message}".strip(": "))
    )


# --- the SLA clock ----------------------------------------------------------------------------


def _sla_fields(case: Case) -> dict[str, Any]:
    """What both deadline warnings say of the case."""
    agent = case.assignee
    return {
        "case_id": case.id,
        "tracking_code": case.tracking_code,
        "title": case.title,
        "first_response_due": rfc3339(case.first_response_due),
        "agent": DeadlineAgent(id=agent.id, name=agent.name, email=agent.email) if agent else None,
    }


def coordinators(session: Session) -> list[StaffAccount]:
    accounts = session.scalars(select(StaffAccount).where(StaffAccount.active.is_(True)))
    return [a for a in accounts if "coordinator" in a.role_list]


def check_deadlines(session: Session, now: datetime) -> tuple[int, int]:
    """Publish `case.sla_at_risk` and `case.sla_breached` once each per case; (at risk, breached).

    A case found already past its deadline goes straight to breached: an at-risk warning after
    the fact helps nobody.
    """
    waiting = session.scalars(
        select(Case).where(
            Case.first_response_at.is_(None),
            Case.status.not_in(CLOSED),
            Case.sla_breached_sent_at.is_(None),
            Case.sla_at_risk_from <= now,
        )
    )
    at_risk = breached = 0
    for case in waiting:
        state = case_sla(case, now)
        if state == "breached":
            case.sla_breached_sent_at = now
            case.sla_at_risk_sent_at = case.sla_at_risk_sent_at or now
            told = [Person(name=c.name, email=c.email) for c in coordinators(session)]
            breached_event = CaseSlaBreached(**_sla_fields(case), coordinators=told)
            emit(session, breached_event.to_event(SERVICE, now))
            metrics.after_commit(session, metrics.sla_breaches.inc)
            breached += 1
        elif state == "at_risk" and case.sla_at_risk_sent_at is None:
            case.sla_at_risk_sent_at = now
            emit(session, CaseSlaAtRisk(**_sla_fields(case)).to_event(SERVICE, now))
            at_risk += 1
    return at_risk, breached


def open_case_counts(session: Session) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(Case.status, Case.team, func.count())
        .where(Case.status.not_in(CLOSED))
        .group_by(Case.status, Case.team)
    )
    return {(status, team): count for status, team, count in rows}


# --- privacy ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrivacyResult:
    request_id: str
    tracking_codes: list[str]
    data: list[dict[str, Any]] | None


def _cases_of(session: Session, email: str | None, tracking_code: str | None) -> list[Case]:
    query = select(Case).order_by(Case.submitted_at)
    if email:
        query = query.where(func.lower(Case.initiator_email) == email.strip().lower())
    else:
        query = query.where(Case.tracking_code == (tracking_code or "").strip().upper())
    return list(session.scalars(query))


def _request_fields(request_id: str, email: str | None, cases: list[Case]) -> dict[str, Any]:
    """What both requests say: whom they are about."""
    return {
        "request_id": request_id,
        "email": email,
        "tracking_codes": [c.tracking_code for c in cases],
        "idea_ids": [c.idea_id for c in cases],
    }


def _export(case: Case) -> dict[str, Any]:
    return {
        "tracking_code": case.tracking_code,
        "title": case.title,
        "description": case.description,
        "status": case.status,
        "submitted_at": case.submitted_at.isoformat(),
        "initiator": {
            "name": case.initiator_name,
            "email": case.initiator_email,
            "phone": case.initiator_phone,
            "organisation": case.initiator_organisation,
            "age_group": case.initiator_age_group,
        },
        "messages": [
            {"at": e.at.isoformat(), "text": e.text} for e in case.entries if e.kind == "message"
        ],
    }


def _erase_contact(case: Case, now: datetime, by: StaffIdentity | None) -> None:
    case.initiator_name = case.initiator_email = case.initiator_phone = None
    case.initiator_organisation = None
    case.erased_at = now
    case.entries.append(
        CaseEntry(
            at=now,
            kind="erased",
            author_id=by.id if by else None,
            author_name=by.name if by else None,
        )
    )


def anonymise_closed(session: Session, now: datetime, retention_days: int) -> int:
    """Erase the initiator's contact from cases closed longer than the retention period."""
    expired = session.scalars(
        select(Case).where(
            Case.status.in_(CLOSED),
            Case.erased_at.is_(None),
            Case.updated_at < now - timedelta(days=retention_days),
        )
    )
    count = 0
    for case in expired:
        _erase_contact(case, now, None)
        count += 1
    return count


def request_erasure(
    session: Session,
    email: str | None,
    tracking_code: str | None,
    by: StaffIdentity,
    now: datetime | None = None,
) -> PrivacyResult:
    """Erase routing's copy of the initiator's contact and ask every other service to do so."""
    now = _now(now)
    request_id = str(uuid.uuid4())
    cases = _cases_of(session, email, tracking_code)
    for case in cases:
        _erase_contact(case, now, by)
    request = ErasureRequested(**_request_fields(request_id, email, cases), requested_by=by.id)
    emit(session, request.to_event(SERVICE, now))
    exports = _drop_exports(session, [email or "", *request.tracking_codes])
    summary = {"cases": len(cases), "exports": exports}
    own = privacy.report(session, SERVICE, request_id, "erasure", summary, kept=CASES_KEPT, now=now)
    # At once: the request is known from its first moment.
    record_privacy_report(session, DataReported.from_event(own))
    return PrivacyResult(request_id, request.tracking_codes, None)


def _drop_exports(session: Session, person: list[str]) -> int:
    """Earlier access exports of the person lose their data: an export kept here would outlive
    the erasure it was made before. A request is about one person, so every export of a request
    that names them (e-mail or tracking code) goes, also one that names neither (the hub's)."""
    needles = [needle.strip().lower() for needle in person if needle.strip()]
    if not needles:
        return 0
    mentions = [func.lower(PrivacyReport.data).contains(n, autoescape=True) for n in needles]
    their_requests = select(PrivacyReport.request_id).where(
        PrivacyReport.data.is_not(None), or_(*mentions)
    )
    dropped = session.execute(
        update(PrivacyReport)
        .where(PrivacyReport.data.is_not(None), PrivacyReport.request_id.in_(their_requests))
        .values(data=None)
    )
    return int(dropped.rowcount or 0)


def drop_old_exports(session: Session, now: datetime) -> int:
    """Access exports are answers to one request: kept long enough to be handed over, no longer."""
    dropped = session.execute(
        update(PrivacyReport)
        .where(PrivacyReport.data.is_not(None), PrivacyReport.received_at < now - KEEP_EXPORTS)
        .values(data=None)
    )
    return int(dropped.rowcount or 0)


def request_access(
    session: Session,
    email: str | None,
    tracking_code: str | None,
    by: StaffIdentity,
    now: datetime | None = None,
) -> PrivacyResult:
    """Export routing's data about the person and ask every other service for theirs."""
    now = _now(now)
    request_id = str(uuid.uuid4())
    cases = _cases_of(session, email, tracking_code)
    request = AccessRequested(**_request_fields(request_id, email, cases))
    emit(session, request.to_event(SERVICE, now))
    exported = [_export(case) for case in cases]
    summary = {"cases": len(cases)}
    own = privacy.report(session, SERVICE, request_id, "access", summary, data=exported, now=now)
    # At once: the request is known from its first moment.
    record_privacy_report(session, DataReported.from_event(own))
    for case in cases:
        audit(session, by, "privacy_access", case.id, now)
    return PrivacyResult(request_id, request.tracking_codes, exported)


# Why erasure keeps the case itself: it is a case of the municipality (journaliseringspligt,
# offentlighedsloven § 15, and the archiving rules), so its contact data go and its content stays.
CASES_KEPT = N_(
    "Sagen (idéens tekst, kommunens svar og forløbet) bevares uden navn og kontaktoplysninger, "
    "fordi kommunen har journaliseringspligt for sine sager."
)
# GDPR art. 12: an access request is answered within a month; the export is not kept longer.
KEEP_EXPORTS = timedelta(days=31)


def record_privacy_report(session: Session, event: DataReported) -> None:
    """Collect every service's answer to a request, so staff see one report (and one export)."""
    exists = session.scalar(
        select(PrivacyReport.id).where(
            PrivacyReport.request_id == event.request_id,
            PrivacyReport.service == event.service,
        )
    )
    if exists is not None:
        return
    session.add(
        PrivacyReport(
            request_id=event.request_id,
            service=event.service,
            kind=event.kind,
            summary=json.dumps({"summary": event.summary, "kept": event.kept}, ensure_ascii=False),
            data=json.dumps(event.data, ensure_ascii=False) if event.data is not None else None,
            received_at=event.envelope.time,
        )
    )


def privacy_reports(session: Session, request_id: str) -> list[dict[str, Any]]:
    reports = session.scalars(
        select(PrivacyReport)
        .where(PrivacyReport.request_id == request_id)
        .order_by(PrivacyReport.service)
    )
    answers = []
    for report in reports:
        summary = json.loads(report.summary)
        answers.append(
            {
                "service": report.service,
                "kind": report.kind,
                "summary": summary["summary"],
                "kept": summary["kept"],
                "data": json.loads(report.data) if report.data else None,
                "received_at": report.received_at,
            }
        )
    return answers


# --- the audit log: routing's own entries, and every other service's `audit.data_opened` ---------


def audit(
    session: Session, by: StaffIdentity, action: str, case_id: str | None, now: datetime
) -> None:
    session.add(AuditEntry(at=now, service=SERVICE, staff_id=by.id, action=action, case_id=case_id))


def record_audit_event(session: Session, event: DataOpened) -> None:
    """`audit.data_opened`: a staff view in another service showed personal data. The entry keeps
    the time of the view, not of its arrival (a broker outage may have delayed it)."""
    session.add(
        AuditEntry(
            at=_parse_time(event.at, event.envelope.time),
            service=str(event.service),
            staff_id=int(event.staff_id),
            action=str(event.action),
            subject=event.subject or event.envelope.subject,
        )
    )


@dataclass(frozen=True)
class AuditFilter:
    """What `GET /api/v1/audit` asks for; `since` ≤ at < `until`."""

    staff_id: int | None = None
    service: str | None = None
    case_id: str | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 100


def audit_log(session: Session, flt: AuditFilter) -> list[AuditEntry]:
    """Entries matching every filter given, newest first."""
    query = select(AuditEntry)
    if flt.staff_id is not None:
        query = query.where(AuditEntry.staff_id == flt.staff_id)
    if flt.service:
        query = query.where(AuditEntry.service == flt.service)
    if flt.case_id:
        query = query.where(AuditEntry.case_id == flt.case_id)
    if flt.subject:
        query = query.where(AuditEntry.subject == flt.subject)
    if flt.since is not None:
        query = query.where(AuditEntry.at >= flt.since)
    if flt.until is not None:
        query = query.where(AuditEntry.at < flt.until)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(flt.limit)
    return list(session.scalars(query))


def open_case(session: Session, case_id: str, by: StaffIdentity, now: datetime) -> Case:
    """A case as staff open it; showing its initiator's contact leaves an audit entry."""
    case = get_case(session, case_id)
    if case.has_personal_data and may_act_on(by, case):
        audit(session, by, "open_case", case.id, now)
    return case
