"""Fresh databases for tests: made, migrated by copying a migrated one, dropped in the background.

Every app a test creates migrates its own fresh database on start (sammen.runtime.boot): the same
Alembic migrations, once per test, over half a second on PostgreSQL. `MigratedCopies` runs them
once per process, service and kind of database, into a template, and makes each fresh database a
copy of it. A database that is not empty (a test's at an older revision, one another process
uses) is migrated by Alembic as before.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy
from sqlalchemy import text

from sammen.db import Database

POSTGRES_ADMIN_URL = os.environ.get(
    "SAMMEN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

Migrate = Callable[[Database, Path], None]


class _Dropper:
    """Drops the tests' PostgreSQL databases on a thread of its own. A DROP DATABASE waits for a
    checkpoint (half a second or more on a busy machine), which no test needs to wait for."""

    def __init__(self) -> None:
        self.admin = sqlalchemy.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self._names: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._drop_all, daemon=True).start()
        atexit.register(self.wait)

    def drop(self, name: str) -> None:
        self._names.put(name)

    def wait(self) -> None:
        """Return once every database handed over is dropped."""
        self._names.join()

    def _drop_all(self) -> None:
        while True:
            name = self._names.get()
            try:
                with self.admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            except sqlalchemy.exc.SQLAlchemyError as error:
                print(f"could not drop the test database {name}: {error}")
            finally:
                self._names.task_done()


_dropper: _Dropper | None = None
# Empty databases no test has used: each one a copy took the name of (see MigratedCopies).
_spares: list[str] = []
_lock = threading.Lock()


def _postgres() -> _Dropper:
    global _dropper
    with _lock:
        if _dropper is None:
            _dropper = _Dropper()
        return _dropper


def finish() -> None:
    """Drop the spare databases and wait until all of this process's are dropped."""
    if _dropper is None:
        return
    with _lock:
        spares, _spares[:] = list(_spares), []
    for name in spares:
        _dropper.drop(name)
    _dropper.wait()


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database on the real server, dropped afterwards (in the background)."""
    dropper = _postgres()
    with _lock:
        name = _spares.pop() if _spares else None
    if name is None:
        name = _new_name()
        with dropper.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        dropper.drop(name)


def _new_name() -> str:
    return f"sammen_test_{uuid.uuid4().hex[:12]}"


class MigratedCopies:
    """`migrate` for tests: a fresh database becomes a copy of one `alembic` migrated once."""

    def __init__(self, work_dir: Path, alembic: Migrate) -> None:
        self._work_dir = work_dir
        self._alembic = alembic
        self._sqlite: dict[Path, Path] = {}
        self._postgres: dict[Path, str] = {}
        self._lock = threading.Lock()

    def migrate(self, database: Database, migrations_dir: Path) -> None:
        copied = (
            self._copy_postgres(database, migrations_dir)
            if database.is_postgres
            else self._copy_sqlite(database, migrations_dir)
        )
        if not copied:
            self._alembic(database, migrations_dir)

    def _copy_sqlite(self, database: Database, migrations_dir: Path) -> bool:
        path = Path(database.url.split("///", 1)[-1])
        if "?" in database.url or not path.is_absolute() or path.exists():
            return False
        with self._lock:
            if migrations_dir not in self._sqlite:
                template = self._work_dir / f"{uuid.uuid4().hex[:12]}.sqlite3"
                migrated = Database(f"sqlite:///{template}")
                self._alembic(migrated, migrations_dir)
                migrated.dispose()  # the last connection closing empties the write-ahead log
                self._sqlite[migrations_dir] = template
            template = self._sqlite[migrations_dir]
        # Linked in whole, so a process opening the path never sees half a file; one that made
        # the file first wins, and this one migrates as before.
        staged = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}")
        shutil.copyfile(template, staged)
        try:
            os.link(staged, path)
        except FileExistsError:
            return False
        finally:
            staged.unlink()
        return True

    def _copy_postgres(self, database: Database, migrations_dir: Path) -> bool:
        name = database.engine.url.database
        with database.engine.connect() as connection:
            empty = connection.execute(
                text(
                    "SELECT NOT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n"
                    " ON n.oid = c.relnamespace WHERE n.nspname = 'public')"
                )
            ).scalar()
        database.engine.dispose()
        if not empty:
            return False
        dropper = _postgres()
        with self._lock:
            if migrations_dir not in self._postgres:
                template = _new_name()
                with dropper.admin.connect() as connection:
                    connection.execute(text(f'CREATE DATABASE "{template}"'))
                migrated = Database(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{template}")
                self._alembic(migrated, migrations_dir)
                migrated.dispose()  # a template is copied only while nobody is connected
                self._postgres[migrations_dir] = template
            template = self._postgres[migrations_dir]
            # The empty database steps aside for the copy under its name, to be the next test's
            # (unused: it was only looked into); renaming fails while anyone is connected to
            # it, and then it is migrated as before.
            aside = _new_name()
            with dropper.admin.connect() as connection:
                try:
                    connection.execute(text(f'ALTER DATABASE "{name}" RENAME TO "{aside}"'))
                except sqlalchemy.exc.DBAPIError:
                    return False
                try:
                    connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
                except sqlalchemy.exc.DBAPIError:
                    connection.execute(text(f'ALTER DATABASE "{aside}" RENAME TO "{name}"'))
                    return False
        with _lock:
            _spares.append(aside)
        return True

    def close(self) -> None:
        """Drop the PostgreSQL templates (the SQLite ones go with the work folder)."""
        for template in self._postgres.values():
            _postgres().drop(template)
        self._postgres.clear()
