"""An erasure through `sammen.privacy` leaves nothing of the person in SQLite's files on disk:
neither the freed space of the database file nor the write-ahead log keeps the erased bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sammen import privacy
from sammen.bus import outbox
from sammen.db import Database

NAME = "Xenia Quirinius"


@pytest.fixture
def database(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'holder.sqlite3'}")
    with db.engine.begin() as connection:
        outbox.create_tables(connection)
        connection.execute(text("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)"))
    yield db
    db.dispose()


def on_disk(db: Database) -> bytes:
    """The database file and its write-ahead log, as bytes."""
    path = Path(db.url.split("///", 1)[-1])
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_an_erased_row_is_gone_from_the_database_file_and_the_wal(database):
    with database.transaction() as session:
        session.execute(text("INSERT INTO people (name) VALUES (:name)"), {"name": NAME})
        session.execute(text("INSERT INTO people (name) VALUES ('Bo Andersen')"))
    assert NAME.encode() in on_disk(database)  # the check reads where the row was written
    with database.transaction() as session:
        session.execute(text("DELETE FROM people WHERE name = :name"), {"name": NAME})
        privacy.report(session, "holder", "request-1", "erasure", {"people": 1})
    assert NAME.encode() not in on_disk(database)
    with database.transaction() as session:  # the rest is untouched
        assert session.execute(text("SELECT name FROM people")).scalars().all() == ["Bo Andersen"]


def test_an_access_report_does_not_checkpoint(database):
    """Only an erasure pays for emptying the log."""
    with database.transaction() as session:
        session.execute(text("INSERT INTO people (name) VALUES (:name)"), {"name": NAME})
    with database.transaction() as session:
        privacy.report(session, "holder", "request-2", "access", {"people": 1}, data=[NAME])
    wal = Path(database.url.split("///", 1)[-1] + "-wal")
    assert wal.stat().st_size > 0
