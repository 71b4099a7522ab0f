"""Test support for the apps staff and citizens use in-process: an app started and disposed of,
an environment without a broker, staff signed in by token or cookie, and a form's CSRF token."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.testing import service_environment

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
        client.set_cookie(
            STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff or self.default)
        )
        return client


def csrf_from(page: str) -> str:
    """The CSRF token of the first form on `page`."""
    match = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)
