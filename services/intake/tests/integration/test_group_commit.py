"""Ideas from concurrent requests committed together: every write is stored once it returns, one
that fails fails alone, and a database that is away fails the writes without wedging the group."""

import threading

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, event, insert, select
from sqlalchemy.exc import OperationalError

from sammen.db import Database
from sammen.intake.group_commit import GroupCommit
from sammen.testing import wait_for

WRITERS = 12
metadata = MetaData()
notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String))


@pytest.fixture
def database(database_url):
    database = Database(database_url)
    metadata.create_all(database.engine)
    yield database
    metadata.drop_all(database.engine)
    database.dispose()


def _commits(database):
    counted = []
    event.listen(database.engine, "commit", lambda _connection: counted.append(1))
    return counted


def _insert(text):
    def write(connection):
        connection.execute(insert(notes), {"text": text})
        return text

    return write


def _stored(database):
    with database.engine.connect() as connection:
        return sorted(connection.scalars(select(notes.c.text)))


def _run_together(group, writes):
    """Run each write on a thread of its own while the first one is held until all the others
    are queued behind it; the outcome per write (a result or an exception)."""
    leading, release = threading.Event(), threading.Event()
    outcomes = {}

    def held(connection):
        leading.set()
        release.wait(timeout=30)
        return writes[0](connection)

    def run(index, write):
        try:
            outcomes[index] = group.run(write)
        except Exception as error:
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(0, held))]
    threads[0].start()
    wait_for(leading.is_set, what="the first write to lead its batch")
    threads += [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writes) if i]
    for thread in threads[1:]:
        thread.start()
    wait_for(lambda: group.waiting == len(writes) - 1, what="the others to queue")
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    return [outcomes[index] for index in range(len(writes))]


def test_writes_queued_behind_a_commit_are_committed_together(database):
    group = GroupCommit(database.engine)
    commits = _commits(database)
    texts = [f"idé {n}" for n in range(WRITERS)]

    outcomes = _run_together(group, [_insert(text) for text in texts])

    assert outcomes == texts
    assert _stored(database) == sorted(texts)
    assert len(commits) == 2  # the first alone, then every write that queued behind it


def test_a_write_that_fails_fails_alone_and_leaves_nothing(database):
    group = GroupCommit(database.engine)

    def failing(connection):
        connection.execute(insert(notes), {"text": "halvt"})
        raise ValueError("title: too long")

    writes = [_insert("første"), _insert("før"), failing, _insert("efter")]
    outcomes = _run_together(group, writes)

    assert outcomes[:2] == ["første", "før"] and outcomes[3] == "efter"
    assert isinstance(outcomes[2], ValueError) and str(outcomes[2]) == "title: too long"
    assert _stored(database) == ["efter", "før", "første"]


def test_a_database_that_is_away_fails_every_write_and_the_group_goes_on(tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    away = Database(f"sqlite:///{folder / 'away.sqlite3'}")
    folder.rmdir()  # connecting now fails: SQLite cannot make the file
    group = GroupCommit(away.engine)
    outcomes = {}

    def run(n):
        try:
            outcomes[n] = group.run(_insert(f"n{n}"))
        except OperationalError as error:
            outcomes[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 4
    assert all(isinstance(outcome, OperationalError) for outcome in outcomes.values())
    folder.mkdir()  # back: the same group writes again
    metadata.create_all(away.engine)
    assert group.run(_insert("igen")) == "igen"
    assert _stored(away) == ["igen"]
    away.dispose()
