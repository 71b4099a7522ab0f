"""Fixtures for the tests that cross services: `platform` is the whole platform, started once per
test session (per xdist worker that runs such a test; they are grouped onto one worker)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# `tests.platform` is imported as a package of the repository (pytest's importlib mode does not
# put the repository on sys.path; `python -m tests.bench` does).
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.platform.harness import Platform, describe_missing  # noqa: E402

PLATFORM_GROUP = "platform"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the whole platform share one platform: run them on one xdist worker
    (`--dist loadgroup`), and mark them slow."""
    for item in items:
        if "platform" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(PLATFORM_GROUP))
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """Every available Procfile process with free ports, a fresh vhost and a tmp var dir.
    SAMMEN_PLATFORM_POSTGRES=1 gives each service a fresh PostgreSQL database instead of SQLite."""
    work_dir = tmp_path_factory.mktemp("platform")
    postgres = os.environ.get("SAMMEN_PLATFORM_POSTGRES", "") == "1"
    with Platform.start(work_dir, postgres=postgres) as running:
        print(f"\nplatform in {work_dir}; {describe_missing(running)}")
        yield running
