"""Is the broker reachable? Asked by /readyz, answered from a short cache so probes stay cheap."""

from __future__ import annotations

import threading
import time

from sammen.bus.topology import close_quietly, connect


class BrokerCheck:
    def __init__(self, amqp_url: str, cache_seconds: float = 2.0) -> None:
        self.amqp_url = amqp_url
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._checked_at = -1e9
        self._reachable = False

    def reachable(self) -> bool:
        with self._lock:
            if time.monotonic() - self._checked_at > self.cache_seconds:
                self._reachable = self._probe()
                self._checked_at = time.monotonic()
            return self._reachable

    def _probe(self) -> bool:
        try:
            connection = connect(self.amqp_url, "readiness-probe")
        except Exception:
            return False
        close_quietly(connection)
        return True
