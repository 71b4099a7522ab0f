"""Browser fixtures: Debian's chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, Visitor


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run scripts/install-chromium.sh (make setup does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def visitor(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Visitor]]:
    """`visitor(width=320)` opens a fresh browser context (no cookies) as a Danish visitor in
    Copenhagen; every page it is shown can be screenshot under var/screenshots/."""
    contexts = []
    test_name = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")

    def open_visitor(
        width: int = 1280,
        height: int = 900,
        scale: float = 1,
        locale: str = "da-DK",
        name: str = "",
    ) -> Visitor:
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            locale=locale,
            timezone_id="Europe/Copenhagen",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        prefix = f"{test_name}-{name}" if name else test_name
        return Visitor(context.new_page(), prefix)

    yield open_visitor
    for context in contexts:
        context.close()
