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


class _Server:
    """The PostgreSQL server's slow work for this process's tests, on a thread of its own: a DROP
    DATABASE waits for a checkpoint and a CREATE DATABASE writes its copy through the log (each
    half a second or more on a busy machine), which no test needs to wait for. It drops the
    databases tests are done with and makes the next ones: an empty spare, and for each
    service a copy of its migrated template (see MigratedCopies)."""

    def __init__(self) -> None:
        self.admin = sqlalchemy.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self.spares: list[str] = []  # empty databases no test has used
        self._work: queue.Queue[Callable[[], None]] = queue.Queue()
        threading.Thread(target=self._work_through, daemon=True).start()
        atexit.register(self.finish)

    def execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def later(self, work: Callable[[], None]) -> None:
        self._work.put(work)

    def drop(self, name: str) -> None:
        self.later(lambda: self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def take_spare(self) -> str:
        """An empty database; the next one is made meanwhile."""
        with _lock:
            name = self.spares.pop() if self.spares else None
            if not self.spares:
                self.later(self._make_spare)
        if name is None:
            name = _new_name()
            self.execute(f'CREATE DATABASE "{name}"')
        return name

    def _make_spare(self) -> None:
        name = _new_name()
        self.execute(f'CREATE DATABASE "{name}"')
        with _lock:
            self.spares.append(name)

    def wait(self) -> None:
        """Return once all the work handed over is done."""
        self._work.join()

    def finish(self) -> None:
        """Drop the spares and wait until all of this process's databases are dropped."""
        self.wait()
        with _lock:
            spares, self.spares = self.spares, []
        for name in spares:
            self.drop(name)
        self.wait()

    def _work_through(self) -> None:
        while True:
            work = self._work.get()
            try:
                work()
            except sqlalchemy.exc.SQLAlchemyError as error:
                print(f"test databases: {error}")
            finally:
                self._work.task_done()


_server: _Server | None = None
_lock = threading.Lock()


def _postgres() -> _Server:
    global _server
    with _lock:
        if _server is None:
            _server = _Server()
        return _server


def finish() -> None:
    """Drop this process's spare databases and wait until all of its databases are dropped."""
    if _server is not None:
        _server.finish()


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database on the real server, dropped afterwards (in the background)."""
    server = _postgres()
    name = server.take_spare()
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        server.drop(name)


def _new_name() -> str:
    return f"sammen_test_{uuid.uuid4().hex[:12]}"


class MigratedCopies:
    """`migrate` for tests: a fresh database becomes a copy of one `alembic` migrated once."""

    def __init__(self, work_dir: Path, alembic: Migrate) -> None:
        self._work_dir = work_dir
        self._alembic = alembic
        self._sqlite: dict[Path, Path] = {}
        self._postgres: dict[Path, str] = {}  # templates
        self._copies: dict[Path, str] = {}  # a copy of each template, ready for the next test
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
        server = _postgres()
        with self._lock:
            template = self._template(server, migrations_dir)
            copy = self._copies.pop(migrations_dir, None)
            # The empty database steps aside for the copy under its name, to be a spare
            # (unused: it was only looked into); renaming fails while anyone is connected to
            # it, and then it is migrated as before.
            aside = _new_name()
            try:
                server.execute(f'ALTER DATABASE "{name}" RENAME TO "{aside}"')
            except sqlalchemy.exc.DBAPIError:
                if copy is not None:
                    self._copies[migrations_dir] = copy
                return False
            try:
                if copy is not None:
                    server.execute(f'ALTER DATABASE "{copy}" RENAME TO "{name}"')
                else:
                    server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            except sqlalchemy.exc.DBAPIError:
                server.execute(f'ALTER DATABASE "{aside}" RENAME TO "{name}"')
                return False
        with _lock:
            server.spares.append(aside)
        server.later(lambda: self._copy(server, migrations_dir, template))
        return True

    def _template(self, server: _Server, migrations_dir: Path) -> str:
        if migrations_dir not in self._postgres:
            template = _new_name()
            server.execute(f'CREATE DATABASE "{template}"')
            migrated = Database(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{template}")
            self._alembic(migrated, migrations_dir)
            migrated.dispose()  # a template is copied only while nobody is connected
            self._postgres[migrations_dir] = template
        return self._postgres[migrations_dir]

    def _copy(self, server: _Server, migrations_dir: Path, template: str) -> None:
        """Make the next test's copy (in the background)."""
        name = _new_name()
        server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        with self._lock:
            if migrations_dir in self._copies:  # one made on the way is enough
                server.drop(name)
            else:
                self._copies[migrations_dir] = name

    def close(self) -> None:
        """Drop the PostgreSQL templates and copies (the SQLite ones go with the work folder)."""
        if _server is None:
            return
        _server.wait()  # no copy is being made from a template any more
        with self._lock:
            for name in [*self._copies.values(), *self._postgres.values()]:
                _server.drop(name)
            self._copies.clear()
            self._postgres.clear()
