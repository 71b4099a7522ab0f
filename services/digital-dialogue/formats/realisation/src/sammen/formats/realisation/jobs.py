"""The realisation worker's jobs: announce the format to the hub, watch the questions' deadlines."""

from __future__ import annotations

import logging

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.realisation import metrics, service
from sammen.pilot_formats.announcer import FormatDescription
from sammen.pilot_formats.worker import FormatWorker

log = logging.getLogger(__name__)

DESCRIPTION = FormatDescription(
    slug="realisering",
    name="Følg realiseringen",
    description=(
        "Se, hvem der har ansvaret for anbefalingerne, hvor langt de er nået, og spørg den"
        " ansvarlige – eller følg med og få besked, når der er nyt."
    ),
    staff_path="/personale",
)


WORKER = FormatWorker(DESCRIPTION)
withdraw = WORKER.withdraw


def watch_questions(database: Database, clock: Clock) -> tuple[int, int]:
    """One tick: note questions newly at risk or breached, then refresh the gauge."""
    moment = clock()
    with database.transaction() as session:
        at_risk, breached = service.check_question_deadlines(session, moment)
    with database.transaction() as session:
        states = service.open_question_states(session, moment)
    metrics.question_breaches.inc(breached)
    for state, count in states.items():
        metrics.questions_open.labels(state).set(count)
    if at_risk or breached:
        log.info("question clock: %d at risk, %d breached", at_risk, breached)
    return at_risk, breached


def question_clock_job(settings: Settings, database: Database, clock: Clock = utc_now) -> Job:
    every = float(settings.get("REALISATION_DEADLINE_CHECK_SECONDS", "60"))
    return Job("question-clock", every, lambda: watch_questions(database, clock))


def jobs(settings: Settings, database: Database, clock: Clock) -> list[Job]:
    """The worker's jobs: the heartbeat and the questions' deadlines."""
    return [*WORKER.jobs(settings, database, clock), question_clock_job(settings, database, clock)]
