"""SQLite's writers: a process's threads take turns, another process's writer is waited for briefly."""

import sqlite3
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from sammen.db import Database


def _counter(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'writers.sqlite3'}")
    with db.transaction() as session:
        session.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        session.execute(text("INSERT INTO counter VALUES (0)"))
    return db


def test_the_threads_of_a_process_each_commit_their_write(tmp_path):
    db = _counter(tmp_path)
    failures = []

    def add_ten() -> None:
        try:
            for _ in range(10):
                with db.transaction() as session:
                    n = session.execute(text("SELECT n FROM counter")).scalar_one()
                    session.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=add_ten) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with db.transaction() as session:
        # Each read-then-write ran alone: no update was lost.
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 80


def test_a_writer_held_by_another_process_makes_the_unit_of_work_fail_not_hang(tmp_path):
    db = _counter(tmp_path)
    other = sqlite3.connect(tmp_path / "writers.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OperationalError, match="locked"), db.transaction() as session:
            session.execute(text("UPDATE counter SET n = 1"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The lock is given back: the next unit of work goes through.
    with db.transaction() as session:
        session.execute(text("UPDATE counter SET n = 2"))
    with db.transaction() as session:
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 2
