"""Ideas from concurrent requests stored together: every item is committed once `run` returns,
one that fails fails alone, and a database that is away fails them without wedging the group."""

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


def _store_notes(connection, texts):
    """The group's `store`: every text of the batch in one statement; "fails" fails it."""
    connection.execute(insert(notes), [{"text": text} for text in texts])
    if "fails" in texts:
        raise ValueError("title: too long")


def _stored(database):
    with database.engine.connect() as connection:
        return sorted(connection.scalars(select(notes.c.text)))


def _run_together(database, texts):
    """Run each text on a thread of its own while the first one's batch is held until all the
    others are queued behind it; the outcome per text (None, stored, or an exception)."""
    leading, release = threading.Event(), threading.Event()

    def store(connection, batch):
        if batch == texts[:1] and not leading.is_set():
            leading.set()
            release.wait(timeout=30)
        _store_notes(connection, batch)

    group = GroupCommit(database.engine, store)
    outcomes = {}

    def run(index, text):
        try:
            outcomes[index] = group.run(text)
        except Exception as error:
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(0, texts[0]))]
    threads[0].start()
    wait_for(leading.is_set, what="the first text to lead its batch")
    threads += [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(texts) if i]
    for thread in threads[1:]:
        thread.start()
    wait_for(lambda: group.waiting == len(texts) - 1, what="the others to queue")
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    return [outcomes[index] for index in range(len(texts))]


def test_items_queued_behind_a_commit_are_stored_together(database):
    commits = _commits(database)
    texts = [f"idé {n}" for n in range(WRITERS)]

    outcomes = _run_together(database, texts)

    assert outcomes == [None] * WRITERS
    assert _stored(database) == sorted(texts)
    assert len(commits) == 2  # the first alone, then every text that queued behind it


def test_an_item_that_fails_fails_alone_and_leaves_nothing(database):
    outcomes = _run_together(database, ["første", "før", "fails", "efter"])

    assert outcomes[:2] == [None, None] and outcomes[3] is None
    assert isinstance(outcomes[2], ValueError) and str(outcomes[2]) == "title: too long"
    assert _stored(database) == ["efter", "før", "første"]


def test_a_database_that_is_away_fails_every_write_and_the_group_goes_on(tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    away = Database(f"sqlite:///{folder / 'away.sqlite3'}")
    folder.rmdir()  # connecting now fails: SQLite cannot make the file
    group = GroupCommit(away.engine, _store_notes)
    outcomes = {}

    def run(n):
        try:
            outcomes[n] = group.run(f"n{n}")
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
    group.run("igen")
    assert _stored(away) == ["igen"]
    away.dispose()
