"""The SLA clock on cases: each case's deadline state, and the at-risk and breached warnings."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.contracts import CaseSlaAtRisk, CaseSlaBreached, DeadlineAgent, Person
from sammen.routing import metrics
from sammen.routing.domain import CLOSED
from sammen.routing.event_data import SERVICE, rfc3339
from sammen.routing.models import Case, StaffAccount
from sammen.workdays import Deadline, deadline_state


class WithDeadline(Protocol):
    """What the SLA clock reads of a case: a Case, or a row of just these columns."""

    first_response_due: datetime
    sla_at_risk_from: datetime
    first_response_at: datetime | None


def deadline_of(case: WithDeadline) -> Deadline:
    return Deadline(due=case.first_response_due, at_risk_from=case.sla_at_risk_from)


def case_sla(case: WithDeadline, now: datetime) -> str:
    return deadline_state(deadline_of(case), now, case.first_response_at)


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
