"""The idea board worker's job: announce the format to the hub."""

from __future__ import annotations

from sammen.formats.idea_board.service import SERVICE
from sammen.pilot_formats.announcer import FormatDescription
from sammen.pilot_formats.worker import FormatWorker

DESCRIPTION = FormatDescription(
    slug=SERVICE,
    name="Idébanken",
    description=(
        "Se idéer fra borgere, foreninger og virksomheder, som kommunen arbejder med – "
        "og kobl dig på med hjælp, en ressource eller en kontakt."
    ),
)


WORKER = FormatWorker(DESCRIPTION)  # the heartbeat is its only job
jobs, withdraw = WORKER.jobs, WORKER.withdraw
