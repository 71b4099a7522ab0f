"""The default rate-limit store: counters in the service's own database (both kinds), so every app
instance on that database counts together, with windows that end and rows that go when they do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from limits import parse
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import func, select

from sammen.config import load_settings
from sammen.db import Database
from sammen.web import create_service_app, limiter, rate_limits


@pytest.fixture
def database(database_url):
    database = Database(database_url)
    with database.engine.begin() as connection:
        rate_limits.create_table(connection)
    yield database
    database.dispose()


def instance(database: Database, tmp_path, name: str) -> Flask:
    """One web worker of a service: its own app, on the shared database."""
    settings = load_settings("intake", {"SAMMEN_VAR_DIR": str(tmp_path / name)})
    app, _api = create_service_app(settings, database, __name__, "test")
    return app


@contextmanager
def serving(app: Flask) -> Iterator[rate_limits.ServiceDatabaseStorage]:
    with app.test_request_context():
        yield rate_limits.ServiceDatabaseStorage()


def rows(database: Database) -> list[tuple[str, int]]:
    table = rate_limits.rate_limits_table
    with database.transaction() as session:
        return [tuple(row) for row in session.execute(select(table.c.key, table.c.count))]


def test_the_default_store_is_the_services_database(database, tmp_path):
    app = instance(database, tmp_path, "a")
    assert app.config["RATELIMIT_STORAGE_URI"] == rate_limits.STORAGE_URI
    assert isinstance(limiter.storage, rate_limits.ServiceDatabaseStorage)


def test_two_instances_on_one_database_share_each_count(database, tmp_path):
    first, second = instance(database, tmp_path, "a"), instance(database, tmp_path, "b")
    with serving(first) as store:
        assert store.incr("login/10.0.0.1", 60) == 1
    with serving(second) as store:
        assert store.get("login/10.0.0.1") == 1
        assert store.incr("login/10.0.0.1", 60) == 2
        assert store.incr("login/10.0.0.2", 60) == 1  # another address, its own count
    with serving(first) as store:
        assert store.get("login/10.0.0.1") == 2


def test_a_limit_counted_in_two_instances_holds_for_both(database, tmp_path):
    first, second = instance(database, tmp_path, "a"), instance(database, tmp_path, "b")
    per_minute = parse("2/minute")
    for app in (first, second):
        with serving(app) as store:
            assert FixedWindowRateLimiter(store).hit(per_minute, "10.0.0.3")
    for app in (first, second):
        with serving(app) as store:
            assert not FixedWindowRateLimiter(store).hit(per_minute, "10.0.0.3")


def test_an_ended_window_starts_again_and_its_row_goes(database, tmp_path):
    app = instance(database, tmp_path, "a")
    with serving(app) as store:
        store.incr("form/10.0.0.1", 0)  # a window that ends at once
        store.incr("form/10.0.0.1", 0)
        assert store.get("form/10.0.0.1") == 0
        assert store.incr("form/10.0.0.1", 60) == 1  # a new window from here
        assert store.get_expiry("form/10.0.0.1") > store.get_expiry("nothing counted")
        store.incr("form/10.0.0.9", 0)
        store.incr("form/10.0.0.2", 60)  # counting deletes what has ended
    assert len(rows(database)) == 2


def test_keys_are_stored_hashed_and_cleared(database, tmp_path):
    app = instance(database, tmp_path, "a")
    with serving(app) as store:
        store.incr("login-account/anna@example.dk", 60)
        [(key, count)] = rows(database)
        assert "anna" not in key and len(key) == 64 and count == 1
        store.clear("login-account/anna@example.dk")
        assert rows(database) == []
        store.incr("a", 60)
        store.incr("b", 60)
        assert store.reset() == 2 and store.check()
    with database.transaction() as session:
        table = rate_limits.rate_limits_table
        assert session.scalar(select(func.count()).select_from(table)) == 0
