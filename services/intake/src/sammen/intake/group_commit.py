"""New ideas from concurrent requests stored in one transaction: a few statements and one commit,
one disk sync, for as many ideas as arrived while the previous batch was being written.

A commit on SQLite waits for the disk (synchronous=FULL: about a millisecond here), and writers
take turns, so one transaction per idea caps intake at some hundreds of ideas a second however
fast the rest is. Here a request hands its item (rows built beforehand) to the next batch and
waits until the transaction that holds it has committed: the 201 still comes after the idea is on
the disk. The first request to find no batch being written writes the queue itself; the others
wait for it. The batch is written by one `store` call, so its statements are per batch, not per
item: every statement gives up the GIL while the database works, and getting it back behind the
other requests' threads was most of a batch's time.

When `store` raises, each item of the batch is written again alone, so one failing idea never
fails another; a failing BEGIN or COMMIT (the database is away) fails the whole batch, as it would
have failed each of its requests alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy import Connection, Engine

T = TypeVar("T")


class _Write(Generic[T]):
    __slots__ = ("done", "error", "item", "wake")

    def __init__(self, item: T) -> None:
        self.item = item
        self.error: BaseException | None = None
        self.done = False
        # Held until its thread is woken: to return (done) or to write the next batch.
        self.wake = threading.Lock()
        self.wake.acquire()


class GroupCommit(Generic[T]):
    """Items from any thread of this process, stored together in batches by `store`, which
    writes a list of them on a connection in a transaction."""

    def __init__(self, engine: Engine, store: Callable[[Connection, list[T]], None]) -> None:
        self._engine = engine
        self._store = store
        self._lock = threading.Lock()
        self._queue: list[_Write[T]] = []
        self._writing = False

    @property
    def waiting(self) -> int:
        """Items queued for the next batch."""
        with self._lock:
            return len(self._queue)

    def run(self, item: T) -> None:
        """Store `item`, committed before this returns; `store`'s exception for it (from its
        batch written alone), or the commit's, is raised here."""
        mine = _Write(item)
        with self._lock:
            self._queue.append(mine)
            leading = not self._writing
            self._writing = True
        if not leading:
            mine.wake.acquire()  # each thread is woken once: its item is done, or it leads
        if not mine.done:
            self._lead()
        if mine.error is not None:
            raise mine.error

    def _lead(self) -> None:
        """Write the queue as one batch, wake its writers, and hand the next batch on to the
        first item that queued meanwhile (or end the writing)."""
        with self._lock:
            batch, self._queue = self._queue, []
        try:
            self._commit(batch)
        except BaseException as error:  # interrupted: what is not done fails with it
            for write in batch:
                if not write.done:
                    write.error, write.done = error, True
            raise
        finally:
            with self._lock:
                following = self._queue[0] if self._queue else None
                self._writing = following is not None
            for write in batch:
                if write.wake.locked():
                    write.wake.release()
            if following is not None:
                following.wake.release()

    def _commit(self, batch: list[_Write[T]]) -> None:
        storing = False
        try:
            with self._engine.begin() as connection:
                storing = True
                self._store(connection, [write.item for write in batch])
                storing = False
        except Exception as error:
            if storing and len(batch) > 1:  # rolled back: each alone, to fail only its own
                for write in batch:
                    self._commit([write])
                return
            for write in batch:
                write.error = error
        for write in batch:
            write.done = True
