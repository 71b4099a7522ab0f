"""The worker's jobs: announce the format to the hub, close discussions past their closing time."""

from __future__ import annotations

from sammen.formats.theme_discussion import service
from sammen.pilot_formats.announcer import FormatDescription
from sammen.pilot_formats.worker import FormatWorker, Periodic

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Temadrøftelser",
    description=(
        "Et politisk udvalg spørger før sit temamøde: svar på spørgsmålene, kom til mødet, "
        "og læs udvalgets konklusioner bagefter."
    ),
    staff_path="/personale",
)


# The heartbeat, and closing discussions past their time (`THEME_DISCUSSION_CLOSE_EVERY_SECONDS`, default 30 s).
WORKER = FormatWorker(
    DESCRIPTION,
    (Periodic("close-discussions", "THEME_DISCUSSION_CLOSE_EVERY_SECONDS", 30, service.close_due),),
)
jobs, withdraw, announcer = WORKER.jobs, WORKER.withdraw, WORKER.announcer
