"""Rate-limit counters in the service's own database, the default store of every service's limits.

flask-limiter's own default keeps its counts in each process, so with several gunicorn workers a
limit of 10 a minute let through 10 a worker. Every worker of a service shares its database, so the
counts are shared with no other server to run; `RATELIMIT_STORAGE_URI` (e.g. `redis://…`) still
chooses another store. The fixed-window counters of `limits` need only this: one row per key, its
count and when its window ends. Expired rows are deleted as counting goes on.
"""

from __future__ import annotations

import hashlib
import time

from flask import current_app
from limits.storage import Storage
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, case, delete, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from sammen.db import Database, upsert
from sammen.db.results import changed_rows

STORAGE_URI = "service-database://"

_metadata = MetaData()
rate_limits_table = Table(
    "rate_limits",
    _metadata,
    # The limiter's key hashed: a fixed width whatever it holds, and no address stored in clear.
    Column("key", String(64), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),  # seconds since the epoch
)


def create_table(bind: Connection) -> None:
    """Create the counters' table; every service's migrations call this."""
    _metadata.create_all(bind)


def _database() -> Database:
    # The app of the request, not one fixed at start: tests run several apps in one process.
    return current_app.config["SAMMEN_DATABASE"]


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ServiceDatabaseStorage(Storage):
    """`limits` storage for `service-database://`: the counters of the current app's database."""

    STORAGE_SCHEME = ["service-database"]

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count `amount` more in the key's window; an ended window starts again from here."""
        now = time.time()
        table = rate_limits_table
        with _database().transaction() as session:
            statement = upsert(session, table).values(
                key=_hashed(key), count=amount, expires_at=now + expiry
            )
            ended = table.c.expires_at <= now
            counted = statement.on_conflict_do_update(
                index_elements=["key"],
                set_={
                    "count": case((ended, amount), else_=table.c.count + amount),
                    "expires_at": case((ended, now + expiry), else_=table.c.expires_at),
                },
            ).returning(table.c.count)
            count = int(session.execute(counted).scalar_one())
        # Apart from the count, so this transaction never waits on rows another one counts in.
        with _database().transaction() as session:
            session.execute(delete(table).where(table.c.expires_at <= now))
        return count

    def get(self, key: str) -> int:
        count = self._current(rate_limits_table.c.count, key)
        return int(count) if count is not None else 0

    def get_expiry(self, key: str) -> float:
        expires_at = self._current(rate_limits_table.c.expires_at, key)
        return float(expires_at) if expires_at is not None else time.time()

    def _current(self, column: Column, key: str) -> float | int | None:
        table = rate_limits_table
        with _database().transaction() as session:
            return session.scalar(
                select(column).where(table.c.key == _hashed(key), table.c.expires_at > time.time())
            )

    def check(self) -> bool:
        return _database().reachable()

    def reset(self) -> int | None:
        with _database().transaction() as session:
            return changed_rows(session.execute(delete(rate_limits_table)))

    def clear(self, key: str) -> None:
        with _database().transaction() as session:
            session.execute(
                delete(rate_limits_table).where(rate_limits_table.c.key == _hashed(key))
            )
