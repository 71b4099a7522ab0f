"""The worker's periodic jobs: the SLA clock and the open-cases gauge."""

from __future__ import annotations

import logging

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.routing import metrics
from sammen.routing.privacy_requests import anonymise_closed, drop_old_exports
from sammen.routing.settings import retention_days, sla_check_seconds
from sammen.routing.sla import check_deadlines, open_case_counts

log = logging.getLogger(__name__)
RETENTION_CHECK_SECONDS = 3600.0
_reported: set[tuple[str, str]] = set()  # the gauge's series this process has set


def run_sla_clock(database: Database, clock: Clock = utc_now) -> tuple[int, int]:
    """One tick: publish due SLA events, then refresh the gauge of open cases."""
    with database.transaction() as session:
        at_risk, breached = check_deadlines(session, clock())
    with database.transaction() as session:
        counts = open_case_counts(session)
    # Set emptied series to 0 rather than clearing: multiprocess gauges keep their last value.
    for labels in _reported - counts.keys():
        metrics.cases_open.labels(*labels).set(0)
    for (status, team), count in counts.items():
        metrics.cases_open.labels(status, team).set(count)
    _reported.update(counts)
    if at_risk or breached:
        log.info("sla clock: %d at risk, %d breached", at_risk, breached)
    return at_risk, breached


def run_retention(database: Database, days: int, clock: Clock = utc_now) -> int:
    """Anonymise closed cases past the retention period (docs/architecture.md, privacy rules) and drop
    access exports that have been kept long enough; the count is of the cases."""
    with database.transaction() as session:
        count = anonymise_closed(session, clock(), days)
        exports = drop_old_exports(session, clock())
    if count or exports:
        log.info("retention: anonymised %d closed cases, dropped %d old exports", count, exports)
    return count


def jobs(settings: Settings, database: Database, clock: Clock = utc_now) -> list[Job]:
    days = retention_days(settings)
    return [
        Job("sla-clock", sla_check_seconds(settings), lambda: run_sla_clock(database, clock)),
        Job("retention", RETENTION_CHECK_SECONDS, lambda: run_retention(database, days, clock)),
    ]
