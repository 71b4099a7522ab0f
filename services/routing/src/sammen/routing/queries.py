"""The read side: the inbox and search, suggestions, the coordinator overview and the reach view."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, or_, select
from sqlalchemy.orm import Session, selectinload

from sammen.routing.domain import CLOSED, COUNCILS, councils_for_theme
from sammen.routing.models import Association, Case
from sammen.routing.principles import CaseFacts, Figure, Period, Step, figures
from sammen.routing.similarity import Match, corpus_text, similar
from sammen.routing.sla import case_sla

SLA_ORDER = {"breached": 0, "at_risk": 1, "ok": 2, "answered": 3}
LIST_LIMIT = 200
SIMILARITY_POOL = 500


@dataclass(frozen=True)
class CaseFilter:
    view: str = ""  # "mine", "team", "unassigned" or "" (all)
    tracking_code: str = ""
    status: str = ""
    assignee: int | None = None
    theme: str = ""
    text: str = ""
    include_closed: bool = True


def _filtered(query: Select, flt: CaseFilter, staff_id: int, staff_team: str | None) -> Select:
    if flt.view == "mine":
        query = query.where(Case.assignee_id == staff_id)
    elif flt.view == "team":
        query = query.where(Case.team == (staff_team or ""))
    elif flt.view == "unassigned":
        query = query.where(Case.assignee_id.is_(None))
    if flt.tracking_code:
        query = query.where(Case.tracking_code == flt.tracking_code.strip().upper())
    if flt.status:
        query = query.where(Case.status == flt.status)
    if flt.assignee is not None:
        query = query.where(Case.assignee_id == flt.assignee)
    if flt.theme:
        query = query.where(Case.theme == flt.theme)
    if flt.text:
        pattern = f"%{flt.text.strip()}%"
        query = query.where(
            or_(
                Case.title.ilike(pattern),
                Case.description.ilike(pattern),
                Case.tracking_code.ilike(pattern),
            )
        )
    if not flt.include_closed:
        query = query.where(Case.status.not_in(CLOSED))
    return query


def find_cases(
    session: Session,
    flt: CaseFilter,
    now: datetime,
    staff_id: int = 0,
    staff_team: str | None = None,
) -> list[Case]:
    """Breached first, then at risk, then by deadline: the order an agent should work in."""
    query = _filtered(select(Case), flt, staff_id, staff_team)
    cases = list(session.scalars(query.order_by(Case.submitted_at.desc()).limit(LIST_LIMIT)))
    cases.sort(key=lambda c: (SLA_ORDER[case_sla(c, now)], c.first_response_due))
    return cases


@dataclass(frozen=True)
class Suggestion:
    case: Case
    score: float


def similar_cases(session: Session, case: Case, limit: int = 5) -> list[Suggestion]:
    others = {
        other.id: other
        for other in session.scalars(
            select(Case)
            .where(Case.id != case.id)
            .order_by(Case.submitted_at.desc())
            .limit(SIMILARITY_POOL)
        )
    }
    corpus = {key: corpus_text((c.title, c.title, c.description)) for key, c in others.items()}
    query = corpus_text((case.title, case.title, case.description))
    matches: list[Match] = similar(query, corpus, limit=limit)
    return [Suggestion(others[m.key], m.score) for m in matches]


def suggested_councils(case: Case) -> list[tuple[str, str]]:
    return [(slug, COUNCILS[slug]) for slug in councils_for_theme(case.theme)]


def associations_for(session: Session, theme: str) -> list[Association]:
    """Associations covering the theme first, then the rest."""
    everyone = list(session.scalars(select(Association).order_by(Association.name)))
    return sorted(everyone, key=lambda a: theme not in a.areas.split(","))


# --- the coordinator overview -----------------------------------------------------------------


@dataclass
class Performance:
    """First answers of one group of cases (a team or a channel)."""

    cases: int = 0
    answered: int = 0
    within_deadline: int = 0
    waits: list[float] = field(default_factory=list)

    def add(self, case: Case | Row[*tuple[Any, ...]]) -> None:
        """Count one case (a Case, or a row of the columns in _OVERVIEW_COLUMNS)."""
        self.cases += 1
        if case.first_response_at is not None:
            self.answered += 1
            self.waits.append((case.first_response_at - case.submitted_at).total_seconds())
            self.within_deadline += case.first_response_at <= case.first_response_due

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.waits) / 3600, 1) if self.waits else None

    @property
    def share_within(self) -> int | None:
        """Percent of answered cases answered before the deadline."""
        return round(100 * self.within_deadline / self.answered) if self.answered else None


@dataclass
class Overview:
    by_status: Counter[str]
    total: Performance
    by_team: dict[str, Performance]
    by_channel: dict[str, Performance]
    at_risk: int
    breached: int


_OVERVIEW_COLUMNS = (
    Case.status,
    Case.team,
    Case.channel,
    Case.submitted_at,
    Case.first_response_at,
    Case.first_response_due,
    Case.sla_at_risk_from,
)


def overview(session: Session, now: datetime) -> Overview:
    by_status: Counter[str] = Counter()
    total = Performance()
    by_team: dict[str, Performance] = defaultdict(Performance)
    by_channel: dict[str, Performance] = defaultdict(Performance)
    sla: Counter[str] = Counter()
    # Only the columns counted: whole Case objects (texts, contacts) cost most of the time.
    for case in session.execute(select(*_OVERVIEW_COLUMNS)):
        by_status[case.status] += 1
        for performance in (total, by_team[case.team], by_channel[case.channel]):
            performance.add(case)
        if case.status not in CLOSED:
            sla[case_sla(case, now)] += 1
    return Overview(
        by_status,
        total,
        dict(sorted(by_team.items())),
        dict(sorted(by_channel.items())),
        sla["at_risk"],
        sla["breached"],
    )


# --- the reach view ---------------------------------------------------------------------------


@dataclass
class Reach:
    months: list[str]
    by_channel: dict[str, Counter[str]]
    by_age_group: dict[str, Counter[str]]
    by_theme: dict[str, Counter[str]]


def _month(moment: datetime) -> str:
    return moment.strftime("%Y-%m")


def _table(cases: Iterable[Case], key: str) -> dict[str, Counter[str]]:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for case in cases:
        rows[getattr(case, key) or "uoplyst"][_month(case.submitted_at)] += 1
    return dict(sorted(rows.items()))


def reach(session: Session, since: datetime) -> Reach:
    """Submissions by channel, age group and theme per month: whom we reach, and whom not yet."""
    cases = list(session.scalars(select(Case).where(Case.submitted_at >= since)))
    months = sorted({_month(c.submitted_at) for c in cases})
    return Reach(
        months,
        _table(cases, "channel"),
        _table(cases, "initiator_age_group"),
        _table(cases, "theme"),
    )


# --- the six principles -----------------------------------------------------------------------


def principle_facts(session: Session, period: Period) -> list[CaseFacts]:
    """The cases of ideas that came in during the period, with their timelines and links."""
    cases = session.scalars(
        select(Case)
        .where(Case.submitted_at >= period.start, Case.submitted_at < period.end)
        .options(selectinload(Case.entries), selectinload(Case.links))
    )
    return [
        CaseFacts(
            channel=case.channel,
            status=case.status,
            first_response_due=case.first_response_due,
            first_response_at=case.first_response_at,
            linked=bool(case.links),
            steps=[Step(e.at, e.kind, e.to_status, e.text) for e in case.entries],
        )
        for case in cases
    ]


def principle_figures(session: Session, period: Period) -> list[Figure]:
    return figures(principle_facts(session, period))
