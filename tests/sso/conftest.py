"""Fixtures for single sign-on: a real OpenID provider (one per test process) and routing built
in this process against it, with a clock the tests move."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask

from sammen.testing import SetClock
from sammen.web.clock import CONFIG_KEY as CLOCK_KEY
from tests.security.apps import built
from tests.sso.openid_provider import OpenIdProvider
from tests.sso.support import INTRANET, People, client, sso_settings


@pytest.fixture(scope="session")
def people() -> People:
    return People.make()


@pytest.fixture(scope="session")
def provider(tmp_path_factory: pytest.TempPathFactory, people: People) -> Iterator[OpenIdProvider]:
    clients = [
        client("sammen", "client_secret_basic"),
        client("sammen-post", "client_secret_post"),
        client("intranet", "client_secret_basic", INTRANET),
    ]
    with OpenIdProvider(tmp_path_factory.mktemp("provider"), clients, people.all()) as running:
        yield running


@pytest.fixture
def clock() -> SetClock:
    return SetClock(datetime.now(UTC))


@pytest.fixture
def routing_with(
    tmp_path: Path, database_url: str, provider: OpenIdProvider, clock: SetClock, caplog
):  # type: ignore[no-untyped-def]
    """routing_with(**settings): routing with single sign-on against the provider."""
    with contextlib.ExitStack() as stack:

        def build(**changes: str) -> Flask:
            settings = sso_settings(provider, **changes)
            app = stack.enter_context(built("routing", tmp_path, database_url, **settings))
            app.config[CLOCK_KEY] = clock
            # The app's JSON logging replaces the root logger's handlers: keep caplog's.
            logging.getLogger().addHandler(caplog.handler)
            return app

        yield build


@pytest.fixture
def routing(routing_with) -> Flask:
    return routing_with()
