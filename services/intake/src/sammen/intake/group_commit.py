"""New ideas from concurrent requests stored in one transaction: one commit, one disk sync, for
as many ideas as arrived while the previous commit was being written.

A commit on SQLite waits for the disk (synchronous=FULL: about a millisecond here), and writers
take turns, so one transaction per idea caps intake at some hundreds of ideas a second however
fast the rest is. Here a request hands its write to the next batch and waits until the
transaction that holds it has committed: the 201 still comes after the idea is on the disk. The
first request to find no batch being written writes the queue itself; the others wait for it.

A write that raises is taken out and the batch is written again without it, so one failing idea
never fails another; a failing BEGIN or COMMIT (the database is away) fails the whole batch, as
it would have failed each of its requests alone. Writes must not need the request's context
(they may run on another request's thread): anything they need from it is passed in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Connection, Engine

T = TypeVar("T")


class _Write(Generic[T]):
    __slots__ = ("done", "error", "result", "wake", "write")

    def __init__(self, write: Callable[[Connection], T]) -> None:
        self.write = write
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = False
        # Held until its thread is woken: to return (done) or to write the next batch.
        self.wake = threading.Lock()
        self.wake.acquire()


class GroupCommit:
    """Writes from any thread of this process, committed together in batches."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._queue: list[_Write[Any]] = []
        self._writing = False

    @property
    def waiting(self) -> int:
        """Writes queued for the next batch."""
        with self._lock:
            return len(self._queue)

    def run(self, write: Callable[[Connection], T]) -> T:
        """Run `write` in a transaction, committed before this returns; its result, or its
        exception (or the commit's) raised here."""
        mine = _Write(write)
        with self._lock:
            self._queue.append(mine)
            leading = not self._writing
            self._writing = True
        if not leading:
            mine.wake.acquire()  # each thread is woken once: its write is done, or it leads
        if not mine.done:
            self._lead()
        if mine.error is not None:
            raise mine.error
        return cast(T, mine.result)

    def _lead(self) -> None:
        """Write the queue as one batch, wake its writers, and hand the next batch on to the
        first write that queued meanwhile (or end the writing)."""
        with self._lock:
            batch, self._queue = self._queue, []
        try:
            _commit(self._engine, batch)
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


def _commit(engine: Engine, batch: list[_Write[Any]]) -> None:
    while batch:
        failed: _Write[Any] | None = None
        try:
            with engine.begin() as connection:
                for write in batch:
                    failed = write
                    write.result = write.write(connection)
                failed = None
        except Exception as error:
            if failed is None:  # BEGIN or COMMIT: nothing of the batch is stored
                for write in batch:
                    write.error = error
            else:  # rolled back: the others again, without the one that raised
                failed.error, failed.done = error, True
                batch = [write for write in batch if write is not failed]
                continue
        for write in batch:
            write.done = True
        return
