"""Cases: made from ideas, assigned to agents, and who may act on them. Each use case runs inside the
caller's unit of work; events go out through `emit`."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.contracts import CaseAssigned, IdeaSubmitted
from sammen.routing import metrics
from sammen.routing.audit import audit
from sammen.routing.domain import CLOSED, Candidate, choose_agent, team_for_theme
from sammen.routing.errors import NotAllowed, NotFound, Refused
from sammen.routing.event_data import (
    SERVICE,
    at_or_now,
    case_named,
    event_agent,
    parse_time,
    rfc3339,
)
from sammen.routing.history import staff_entry
from sammen.routing.models import Case, CaseEntry, StaffAccount
from sammen.workdays import answer_deadline


def open_load(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Case.assignee_id, func.count())
        .where(Case.assignee_id.is_not(None), Case.status.not_in(CLOSED))
        .group_by(Case.assignee_id)
    )
    return {agent_id: count for agent_id, count in rows if agent_id is not None}


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
    now = at_or_now(now)
    existing = session.scalar(select(Case).where(Case.idea_id == idea.idea_id))
    if existing is not None:
        return existing
    submitted_at = parse_time(idea.submitted_at, now)
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
    case.entries.append(staff_entry(now, "assigned", by, text=agent.name))
    assigned = CaseAssigned(
        **case_named(case),
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
        raise Refused("agent", "Choose an active sparring agent.")
    if agent.id == case.assignee_id:
        raise Refused("agent", "The case is already assigned to this agent.")
    _assign(session, case, agent, by, at_or_now(now), reassigned=True)


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


def open_case(session: Session, case_id: str, by: StaffIdentity, now: datetime) -> Case:
    """A case as staff open it; showing its initiator's contact leaves an audit entry."""
    case = get_case(session, case_id)
    if case.has_personal_data and may_act_on(by, case):
        audit(session, by, "open_case", case.id, now)
    return case
