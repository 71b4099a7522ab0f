"""The service's worker inside its web process (`SAMMEN_WORKER_IN_WEB=1`, development's default).

Every interpreter costs some 50 MiB, so `make run` runs one gunicorn per service (master and web
worker) instead of that and a worker process besides. gunicorn's hooks (`sammen.gunicorn_conf`)
start the relay, the consumers and the jobs in threads of a web worker after the fork, and stop
them when that web worker exits.

Exactly one web worker of a service runs them at a time, however many there are: each takes an
exclusive lock on a file of the service's in the var directory, in a thread of its own; the one
that holds it runs the worker, the others wait on it. The kernel drops the lock of a process that
dies in any way, so another web worker (or the next one gunicorn starts) takes over at once, and
never while the old one still consumes. The rules stay the separate worker's: acks only after the
handler's commit, so what a killed process had not committed comes again to the next holder.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import threading
from pathlib import Path

from sammen.bootstrap import Wiring
from sammen.bus.worker import Worker
from sammen.config import Settings
from sammen.db import Database
from sammen.runtime import Processes, wire_worker

log = logging.getLogger("sammen.hosted_worker")


def lock_path(settings: Settings) -> Path:
    """The file whose lock says which process runs the service's worker."""
    return settings.var_dir / "run" / f"{settings.service}-worker.lock"


class HostedWorker:
    """The worker of `processes`, run in this web process once it holds the service's lock."""

    def __init__(self, processes: Processes, settings: Settings, database: Database) -> None:
        self.processes = processes
        self.settings = settings
        self.database = database
        self.stopping = threading.Event()
        self.running = threading.Event()  # set while this process runs the worker
        self._guard = threading.Lock()  # starting and stopping do not cross
        self._worker: Worker | None = None
        self._wiring: Wiring | None = None
        self._lock_fd: int | None = None

    def start(self) -> None:
        """Wait for the lock in a thread of its own, then run the worker; returns at once."""
        threading.Thread(target=self._take_over, name="hosted-worker", daemon=True).start()

    def _take_over(self) -> None:
        path = lock_path(self.settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            # Blocks this thread only (the GIL is released), while another process holds it.
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            os.close(descriptor)
            log.exception("the worker's lock could not be taken; this process runs no worker")
            return
        with self._guard:
            if self.stopping.is_set():
                os.close(descriptor)
                return
            self._lock_fd = descriptor
            try:
                self._worker, self._wiring = wire_worker(
                    self.processes, self.settings, self.database
                )
                self._worker.start()
            except Exception:
                # Without its worker the service must not look healthy: let gunicorn start a
                # fresh process, which tries again.
                log.exception("the worker could not start; this web process stops")
                os.kill(os.getpid(), signal.SIGTERM)
                return
            self.running.set()
        log.info("worker started in the web process")

    def begin_stopping(self) -> None:
        """Stop taking messages and jobs now, without waiting (from a signal handler)."""
        self.stopping.set()
        worker = self._worker
        if worker is not None:
            worker.begin_stopping()

    def stop(self) -> None:
        """Stop the worker, run the service's `stopped` hook, and hand the lock on."""
        self.stopping.set()
        with self._guard:
            worker, wiring = self._worker, self._wiring
            if worker is not None:
                worker.stop()
                log.info("worker stopped")
                if self.processes.stopped and wiring is not None:
                    try:
                        wiring.call(self.processes.stopped)
                    except Exception:
                        log.exception("the worker's stop hook failed")
            self.running.clear()
            if self._lock_fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self._lock_fd)
                self._lock_fd = None
