"""Test support for the apps staff and citizens use in-process: an app started and disposed of,
an environment without a broker, the fixtures of an app whose deadlines tests move past, staff
signed in by token or cookie, a form posted with its CSRF token, a deadline job run once and a
staff export read."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.testing import SetClock, running_worker, service_environment, wired_worker

# A port nobody listens on: the app starts, and anything it would publish stays in its outbox.
NO_BROKER = "amqp://guest:guest@127.0.0.1:1/%2F"


@contextlib.contextmanager
def started_app(create_app: Callable[[], Any], *, csrf: bool = True) -> Iterator[Any]:
    """The app `create_app` makes, with CSRF checked as in production unless `csrf` is off; its
    database is disposed of afterwards."""
    app = create_app()
    if csrf:
        app.config["WTF_CSRF_ENABLED"] = True
    try:
        yield app
    finally:
        app.config["SAMMEN_DATABASE"].dispose()


def without_broker(
    monkeypatch: pytest.MonkeyPatch, service: str, database_url: str, tmp_path: Path
) -> None:
    """The service's environment for tests that need no broker: no virtual host to make and
    delete."""
    env = service_environment(service, database_url, NO_BROKER, str(tmp_path / "var"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def clocked_app_fixtures(
    name: str, service: str, create_app: Callable[..., Any], handlers: ModuleType, start: datetime
) -> tuple[Any, Any, Any, Any]:
    """The fixtures of an app whose deadlines tests move past, for its conftest to bind: `clock`
    (set at `start`), `<name>_app` (on the test's broker and database), `offline_<name>_app` (no
    broker, CSRF off) and `<name>_worker` (the app's worker, running)."""

    @pytest.fixture(name="clock")
    def clock() -> SetClock:
        return SetClock(start)

    @pytest.fixture(name=f"{name}_app")
    def app(service_env: Any, database_url: str, clock: SetClock) -> Iterator[Any]:
        service_env(service, database_url)
        with started_app(lambda: create_app(clock=clock)) as started:
            yield started

    @pytest.fixture(name=f"offline_{name}_app")
    def offline_app(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str, clock: SetClock
    ) -> Iterator[Any]:
        without_broker(monkeypatch, service, database_url, tmp_path)
        with started_app(lambda: create_app(clock=clock), csrf=False) as started:
            yield started

    @pytest.fixture(name=f"{name}_worker")
    def worker(request: pytest.FixtureRequest) -> Iterator[Any]:
        with running_worker(wired_worker(handlers, request.getfixturevalue(f"{name}_app"))) as w:
            yield w

    return clock, app, offline_app, worker


@dataclass(frozen=True)
class SignIn:
    """Signs staff in to an app: `default` unless a test names someone else."""

    default: StaffIdentity

    def bearer(self, app: Any, staff: StaffIdentity | None = None) -> dict[str, str]:
        """The API's Authorization header."""
        token = issue_token(app.config["SECRET_KEY"], staff or self.default)
        return {"Authorization": f"Bearer {token}"}

    def log_in(self, app: Any, client: Any, staff: StaffIdentity | None = None) -> Any:
        """The pages' staff cookie on `client`; returns the client."""
        return signed_in(app, client, staff or self.default)


def signed_in(app: Any, client: Any, staff: StaffIdentity | None) -> Any:
    """`client` with `staff`'s cookie for `app`'s pages, or with none for None; returns it."""
    client.delete_cookie(STAFF_COOKIE)
    if staff is not None:
        client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


def csrf_from(page: str) -> str:
    """The CSRF token of the first form on `page`."""
    match = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def post_form(client: Any, url: str, page: str, data: dict[str, str]) -> Any:
    """POST `data` to `url` as the form on `page` sends it, with the page's CSRF token."""
    return client.post(url, data=data | {"csrf_token": csrf_from(page)})


def run_job(app: Any, job: Callable[[Any, Any, datetime], int], now: datetime) -> int:
    """A deadline job (`close_due(session, settings, now)`) run once in its own transaction: how
    many it acted on."""
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        return job(session, app.config["SAMMEN_SETTINGS"], now)


def export_rows(response: Any) -> list[dict[str, str]]:
    """The rows of a staff CSV export: semicolons and a byte order mark, for Danish Excel."""
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))
