"""Login limits that hold: the per-address count is shared by every web worker of routing (the
default store is routing's own database), and failed logins are also counted per account, from
every address together."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sammen.routing.accounts import create_account
from sammen.testing import service_environment
from sammen.testing.gunicorn import served_by_gunicorn

from .conftest import PASSWORD, UNUSED_BROKER, hidden, routing_app

WRONG = {"email": "agnete@gentofte.dk", "password": "forkert"}


@contextlib.contextmanager
def gunicorn(database_url: str, var_dir: Path, **settings: str) -> Iterator[str]:
    """Routing served by a gunicorn of its own (one worker) on the given database."""
    env = os.environ | service_environment(
        "routing", database_url, UNUSED_BROKER, str(var_dir), **settings
    )
    with served_by_gunicorn("sammen.routing.app:create_app()", env) as base:
        yield base


def test_two_web_workers_share_the_count_of_one_address(database_url, tmp_path):
    """Before, each process counted for itself: 4 a minute let 4 through in each of them."""
    limits = {"SAMMEN_RATE_LIMITS": "on", "ROUTING_LOGIN_RATE_LIMIT": "4/minute"}
    with (
        gunicorn(database_url, tmp_path / "a", **limits) as first,
        gunicorn(database_url, tmp_path / "b", **limits) as second,
    ):
        codes = [
            requests.post(f"{base}/api/v1/auth/token", json=WRONG, timeout=10).status_code
            for base in [first, second] * 4
        ]
    assert codes == [401, 401, 401, 401, 429, 429, 429, 429]


@pytest.fixture
def limited(monkeypatch, tmp_path, database_url):
    """Routing with a generous limit per address and a strict one per account."""
    app = routing_app(
        monkeypatch,
        database_url,
        UNUSED_BROKER,
        tmp_path / "var",
        SAMMEN_RATE_LIMITS="on",
        ROUTING_LOGIN_RATE_LIMIT="100/minute",
        ROUTING_LOGIN_ACCOUNT_RATE_LIMIT="3/hour",
    )
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        for email in ("agnete@gentofte.dk", "bo@gentofte.dk"):
            create_account(session, email=email, name="Agent", roles=("agent",), password=PASSWORD)
    yield app
    app.config["SAMMEN_DATABASE"].dispose()


def from_address(app, number: int, body: dict[str, str]):  # type: ignore[no-untyped-def]
    client = app.test_client()
    return client.post(
        "/api/v1/auth/token", json=body, environ_base={"REMOTE_ADDR": f"10.0.0.{number}"}
    )


def test_one_account_is_not_guessed_at_from_many_addresses(limited):
    codes = [from_address(limited, n, WRONG).status_code for n in range(1, 4)]
    assert codes == [401, 401, 401]
    locked = from_address(limited, 4, WRONG)
    assert locked.status_code == 429
    assert "email" in locked.json["errors"]["json"]
    assert 0 < int(locked.headers["Retry-After"]) <= 3600
    # Even the right password, even in capitals, from yet another address: the account is locked.
    right = {"email": "Agnete@Gentofte.dk", "password": PASSWORD}
    assert from_address(limited, 5, right).status_code == 429
    other = from_address(limited, 6, {"email": "bo@gentofte.dk", "password": PASSWORD})
    assert other.status_code == 200  # another account is not locked


def test_successful_logins_are_not_counted_against_the_account(limited):
    right = {"email": "agnete@gentofte.dk", "password": PASSWORD}
    assert [from_address(limited, n, right).status_code for n in range(1, 6)] == [200] * 5


def test_the_login_page_says_in_danish_that_the_account_is_locked(limited):
    for number in range(1, 4):
        from_address(limited, number, WRONG)
    client = limited.test_client()
    page = client.get("/login").get_data(as_text=True)
    answer = client.post(
        "/login",
        data={
            "csrf_token": hidden(page, "csrf_token"),
            "email": WRONG["email"],
            "password": PASSWORD,
        },
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert answer.status_code == 429 and answer.headers["Retry-After"]
    text = answer.get_data(as_text=True)
    assert "for mange forkerte adgangskoder til denne konto" in text
    assert "sammen_staff" not in answer.headers.get("Set-Cookie", "")


def test_wrong_current_passwords_count_against_the_account(limited):
    token = from_address(limited, 1, {"email": "bo@gentofte.dk", "password": PASSWORD}).json[
        "token"
    ]
    client = limited.test_client()
    body = {"current_password": "forkert", "new_password": "en-helt-ny-adgangskode"}
    headers = {"Authorization": f"Bearer {token}"}
    codes = [
        client.post("/api/v1/auth/password", json=body, headers=headers).status_code
        for _ in range(4)
    ]
    assert codes == [422, 422, 422, 429]
