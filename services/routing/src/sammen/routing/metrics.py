"""Routing's business metrics (labels: team, channel, status — never anything about a person)."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import event
from sqlalchemy.orm import Session

HOUR = 3600.0
first_response_seconds = Histogram(
    "sammen_case_first_response_seconds",
    "Time from submission to the first message to the initiator",
    buckets=tuple(h * HOUR for h in (1, 4, 8, 24, 48, 72, 120, 168, 240, 336)),
)
sla_breaches = Counter("sammen_sla_breaches_total", "Cases whose first answer passed its deadline")
cases_open = Gauge(
    "sammen_cases_open",
    "Open cases by status and team (computed by the worker)",
    ["status", "team"],
    multiprocess_mode="livemax",
)
ideas_routed = Counter("sammen_ideas_routed_total", "Ideas that became cases", ["team", "channel"])
sso_sign_ins = Counter(
    "sammen_staff_sso_sign_ins_total", "Staff sign-ins through the municipality's OpenID provider"
)
sso_refusals = Counter(
    "sammen_staff_sso_refusals_total",
    "Single sign-ons refused, by reason (state, nonce, audience, expired, no_role, …)",
    ["reason"],
)


def after_commit(session: Session, action: Callable[[], None]) -> None:
    """Count only what committed: a rolled-back or retried handler must not count twice."""
    pending: list[Callable[[], None]] = session.info.setdefault("after_commit", [])
    if not pending:

        def run(committed: Session) -> None:
            for queued in committed.info.pop("after_commit", []):
                queued()

        event.listen(session, "after_commit", run, once=True)
    pending.append(action)
