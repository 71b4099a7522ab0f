"""How a pilot format is seen by the hub: its heartbeat and its withdrawal.

A format's worker announces itself with `dialogue.format_announced` every `heartbeat_seconds`
through its outbox; the hub lists it until `ttl_seconds` pass without a heartbeat. On a clean
shutdown the worker sends `dialogue.format_withdrawn`, so the hub drops it at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sammen.bus.envelope import Event
from sammen.bus.outbox import emit
from sammen.bus.relay import OutboxRelay
from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.contracts import FormatAnnounced, FormatWithdrawn
from sammen.db import Database

log = logging.getLogger("sammen.pilot_formats")

DEFAULT_TTL_SECONDS = 30
TTL_SETTING = "DIALOGUE_FORMAT_TTL_SECONDS"


@dataclass(frozen=True)
class FormatDescription:
    """What the portal shows: the slug is the format's id on the bus (its service name)."""

    slug: str
    name: str
    description: str
    version: str = "1"
    staff_path: str | None = None  # the format's staff page, relative to its base URL


class FormatAnnouncer:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        description: FormatDescription,
        clock: Clock = utc_now,
    ) -> None:
        self.settings = settings
        self.database = database
        self.description = description
        self.clock = clock
        self.started_at = clock()
        self.ttl_seconds = float(settings.get(TTL_SETTING, str(DEFAULT_TTL_SECONDS)))
        # Three heartbeats per TTL: one lost or late heartbeat never makes a live format vanish.
        prefix = settings.service.upper()
        self.heartbeat_seconds = float(
            settings.get(f"{prefix}_HEARTBEAT_SECONDS", str(self.ttl_seconds / 3))
        )

    def announced_event(self) -> Event:
        base = self.settings.base_url(self.settings.service)
        staff = self.description.staff_path
        announced = FormatAnnounced(
            slug=self.description.slug,
            name=self.description.name,
            description=self.description.description,
            url=base + "/",
            version=self.description.version,
            ttl_seconds=self.ttl_seconds,
            staff_url=base + staff if staff else None,
            started_at=self.started_at.isoformat(),
        )
        return announced.to_event(self.settings.service, self.clock())

    def announce(self) -> None:
        with self.database.transaction() as session:
            emit(session, self.announced_event())

    def job(self) -> Job:
        """The heartbeat, for the format's Worker."""
        return Job("announce-format", self.heartbeat_seconds, self.announce)

    def withdraw(self, timeout: float = 5.0) -> bool:
        """After the worker stopped: queue `dialogue.format_withdrawn` and publish the outbox now.

        Without a broker the row stays in the outbox (sent on the next start, before the first new
        heartbeat) and the hub forgets the format when its TTL runs out; returns whether it went.
        """
        withdrawn = FormatWithdrawn(slug=self.description.slug)
        event = withdrawn.to_event(self.settings.service, self.clock())
        with self.database.transaction() as session:
            emit(session, event)
        relay = OutboxRelay(self.database, self.settings.amqp_url, self.settings.service)
        if relay.drain(timeout):
            return True
        log.warning("could not withdraw the format: the broker did not take it in time")
        return False
