"""SQLAlchemy 2 per service: one engine, a unit of work, and Alembic migrations on start."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import random
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, DateTime, Engine, Table, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

log = logging.getLogger(__name__)

# The largest integer key (PostgreSQL's INTEGER): ids from outside are checked against it, since a
# larger one fails in the database (SQLite overflows, PostgreSQL raises DataError) instead of
# simply matching nothing.
LARGEST_ID = 2**31 - 1


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def upsert(session: Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into `table` that says what to do when the key exists (`on_conflict_do_update`):
    one statement on both databases, so concurrent writers of one key never fail on it."""
    # Imported here: each dialect's module is some 2 MiB that a process on the other one never needs.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


# SQLite takes one writer at a time, and every transaction here begins as a writer. The writers
# of one process queue on a lock of the engine, taken just before BEGIN and given back when the
# connection returns to the pool (threads then take turns). Only a writer of another process (the
# other web worker, the worker's relay) makes SQLite itself wait; its busy handler sleeps in
# coarse, growing steps and lets late comers overtake, so that wait is kept short and tried again
# a few times, a little later each time: a writer gives up after about 5 s (a 503) instead of
# holding a thread for 30 s.
SQLITE_BUSY_TIMEOUT_MS = 1000
SQLITE_BEGIN_ATTEMPTS = 5
_HOLDS_WRITERS = "sammen_holds_writers"

# Every engine this process made, so a forked web worker can drop the connections it inherited.
_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def make_engine(url: str, pool_size: int = 10) -> Engine:
    """An engine for `url`; on PostgreSQL with `pool_size` connections (one per thread that
    serves requests) and a few more for short bursts."""
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url)
    else:
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max(2, pool_size // 2)
        )
    _engines.add(engine)
    return engine


def _sqlite_engine(url: str) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    # Re-entrant: a thread that opens a second unit of work inside its first waits in SQLite,
    # as it would without the lock, rather than on itself.
    writers = threading.RLock()

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Transactions are begun by the "begin" hook below, not by the driver (SQLAlchemy's
        # recipe for pysqlite).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets the web workers read while the worker process writes, and a commit appends
        # to the log instead of rewriting pages.
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: every commit is on the disk (the log synced) before it returns, so an idea that
        # got its 201 survives a power cut too. NORMAL would sync only at checkpoints and may
        # lose the last commits then; a citizen's submission is not to be lost.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros: an erased person's data must not linger
        # in the file's free space.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Connection) -> None:
        if not connection.info.get(_HOLDS_WRITERS):
            writers.acquire()
            connection.info[_HOLDS_WRITERS] = True
        # Take the write lock at the start so two writers queue instead of failing mid-way.
        # Straight to the driver: SQLAlchemy's statement machinery would cost more than the
        # BEGIN itself, on every unit of work.
        driver = cast(sqlite3.Connection, connection.connection.driver_connection)
        for attempt in range(1, SQLITE_BEGIN_ATTEMPTS + 1):
            try:
                driver.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == SQLITE_BEGIN_ATTEMPTS:
                    raise OperationalError("BEGIN IMMEDIATE", None, error) from error
            # Apart, so the writers that were turned away do not all come back at once.
            time.sleep(random.uniform(0, 0.02 * attempt))

    @event.listens_for(engine, "checkin")
    def _sqlite_checkin(_dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # Back in the pool, the transaction is over (committed or rolled back): the next writer.
        if record.info.pop(_HOLDS_WRITERS, False):
            writers.release()

    return engine


def dispose_inherited_connections() -> None:
    """In a freshly forked process: forget the parent's pooled connections without closing
    them (they are still the parent's), so this process opens its own."""
    for engine in list(_engines):
        engine.dispose(close=False)


def close_connections() -> None:
    """Close every pooled connection of this process (the gunicorn master, before it forks)."""
    for engine in list(_engines):
        engine.dispose()


def checkpoint_after_commit(session: Session) -> None:
    """Once `session` commits, copy SQLite's write-ahead log into the database file and empty it.

    The log keeps old page images (the rows as they were before an erasure) until a checkpoint
    truncates it. PostgreSQL needs nothing here.
    """
    # The engine also where the session is bound to a Connection, which has no raw_connection.
    engine = session.get_bind().engine
    if engine.dialect.name != "sqlite":
        return

    def checkpoint(_session: Session) -> None:
        # A raw connection, outside any transaction: a checkpoint cannot run inside one.
        connection = engine.raw_connection()
        try:
            busy, _log_pages, _copied = connection.execute(
                "PRAGMA wal_checkpoint(TRUNCATE)"
            ).fetchone()
        finally:
            connection.close()
        if busy:
            log.warning("the write-ahead log could not be emptied: another connection held it")

    event.listen(session, "after_commit", checkpoint, once=True)


class Database:
    """A service's database: the engine and the unit of work its handlers run in."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.url = url
        self.engine = make_engine(url, pool_size)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together or not at all."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def reachable(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    def dispose(self) -> None:
        self.engine.dispose()


def migrate(database: Database, migrations_dir: Path) -> None:
    """Bring the schema to the newest revision; safe when several processes start at once."""
    # Imported here: Alembic (with Mako and Pygments) is some 7 MiB that only migrating needs,
    # and a web process migrates in a child of its own (sammen.runtime.boot).
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["engine"] = database.engine
    if database.is_postgres:
        with database.engine.connect() as connection:
            # One migrator at a time per database; the others wait, then find nothing to do.
            connection.execute(text("SELECT pg_advisory_lock(727274)"))
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(727274)"))
                connection.commit()
        return
    lock_path = Path(database.url.split("///", 1)[-1] + ".migrate.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        command.upgrade(config, "head")
