"""Fixtures for the tests that cross services: `platform` is the whole platform, started once per
test session (`make test` runs these tests in a pytest run of their own, without xdist)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.platform.harness import Platform, describe_missing


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the whole platform are slow ones."""
    for item in items:
        if "platform" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """Every available Procfile process with free ports, a fresh vhost and a tmp var dir.
    SAMMEN_PLATFORM_POSTGRES=1 gives each service a fresh PostgreSQL database instead of SQLite.

    Production's layout, a process per worker (`SAMMEN_WORKER_IN_WEB=0`), so the journeys run on
    it; the fault and supervision tests run `make run`'s, each worker inside its web process."""
    work_dir = tmp_path_factory.mktemp("platform")
    postgres = os.environ.get("SAMMEN_PLATFORM_POSTGRES", "") == "1"
    settings = {"SAMMEN_WORKER_IN_WEB": "0"}
    with Platform.start(work_dir, postgres=postgres, settings=settings) as running:
        print(f"\nplatform in {work_dir}; {describe_missing(running)}")
        yield running
