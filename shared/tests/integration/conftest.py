"""The database the shared parts' integration tests run against, unless a test names its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sammen.db import Database
from sammen.testing import effects_metadata, outbox_database


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The outbox's tables and `effects`, as a service's database would have them."""
    with outbox_database(database_url, effects_metadata) as db:
        yield db
