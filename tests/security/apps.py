"""Every service's Flask app, built in this process as its tests build it (test settings, an
SQLite file of its own, no broker needed), for the tests that go over all services at once."""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import sqlalchemy
from flask import Flask

from sammen.auth import ROLES, StaffIdentity, issue_token
from sammen.testing import service_environment

# Settings name → the module whose create_app() the Procfile runs.
APPS = {
    "intake": "sammen.intake.app",
    "routing": "sammen.routing.app",
    "notify": "sammen.notify.app",
    "calendar": "sammen.calendar.app",
    "dialogue": "sammen.dialogue.app",
    "idea_board": "sammen.formats.idea_board.app",
    "hearing": "sammen.formats.hearing.app",
    "theme_discussion": "sammen.formats.theme_discussion.app",
    "realisation": "sammen.formats.realisation.app",
}
# Nothing here publishes: the outbox keeps the events; /readyz is not exercised.
UNUSED_BROKER = "amqp://guest:guest@127.0.0.1:5672/unused"


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Exactly these SAMMEN-ish settings while a factory reads them (it reads them only once)."""
    with mock.patch.dict(os.environ, values):
        yield


def build(service: str, work_dir: Path, database_url: str = "", **extra: str) -> Flask:
    """A service's app on `database_url` (default: an SQLite file under `work_dir`), with test
    settings plus `extra`."""
    env = service_environment(
        service,
        database_url or f"sqlite:///{work_dir / (service + '.sqlite3')}",
        UNUSED_BROKER,
        str(work_dir / "var"),
        **extra,
    )
    with environment(env):
        return importlib.import_module(APPS[service]).create_app()


@contextlib.contextmanager
def built(service: str, work_dir: Path, database_url: str = "", **extra: str) -> Iterator[Flask]:
    app = build(service, work_dir, database_url, **extra)
    try:
        yield app
    finally:
        app.config["SAMMEN_DATABASE"].dispose()


def row_counts(app: Flask) -> dict[str, int]:
    """Rows in every table of the app's database: what a refused request must leave unchanged."""
    engine = sqlalchemy.create_engine(app.config["SAMMEN_SETTINGS"].database_url)
    try:
        with engine.connect() as connection:
            names = sqlalchemy.inspect(connection).get_table_names()
            return {
                name: connection.execute(
                    sqlalchemy.text(f'SELECT count(*) FROM "{name}"')  # noqa: S608 - table names
                ).scalar_one()
                for name in names
            }
    finally:
        engine.dispose()


def staff(*roles: str, staff_id: int = 1) -> StaffIdentity:
    return StaffIdentity(id=staff_id, email="sikkerhed@gentofte.dk", name="Test Staff", roles=roles)


def bearer(app: Flask, who: StaffIdentity) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], who)}"}


__all__ = ["APPS", "ROLES", "bearer", "build", "built", "row_counts", "staff"]
