"""The hearing worker's jobs: announce the format to the hub, close hearings past their deadline."""

from __future__ import annotations

from sammen.formats.hearing import service
from sammen.pilot_formats.announcer import FormatDescription
from sammen.pilot_formats.worker import FormatWorker, Periodic

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Høringer",
    description=(
        "Læs kommunens forslag, og giv dit høringssvar – til hvert afsnit eller samlet – "
        "inden fristen."
    ),
    staff_path="/personale",
)


# The heartbeat, and closing hearings past their time (`HEARING_CLOSE_EVERY_SECONDS`, default 30 s).
WORKER = FormatWorker(
    DESCRIPTION, (Periodic("close-hearings", "HEARING_CLOSE_EVERY_SECONDS", 30, service.close_due),)
)
jobs, withdraw = WORKER.jobs, WORKER.withdraw
