"""SQLAlchemy 2 per service: one engine, a unit of work, and Alembic migrations on start."""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, DateTime, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

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
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(
            dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
        ) -> None:
            # Transactions are begun by the "begin" hook below, not by the driver.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            # WAL lets the web workers read while the worker process writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            # Deleted rows are overwritten with zeros: an erased person's data must not linger
            # in the file's free space.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Connection) -> None:
            # Take the write lock at the start so two writers queue instead of failing mid-way.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


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

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
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
