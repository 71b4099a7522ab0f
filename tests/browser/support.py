"""What the browser tests share: Debian's chromium through Playwright, axe-core, screenshots,
reflow and keyboard helpers, the demo staff's tokens, an idea sent to intake."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from sammen.testing.ideas import INTAKE_AUTH
from tests.platform.harness import Platform

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium only: Playwright never downloads a browser here. No network of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The password of every demo staff account (routing seeds them for development).
DEMO_PASSWORD = "sammen-demo"
_AXE = Axe()


def staff_token(platform: Platform, email: str) -> str:
    """A Bearer token of the demo staff member `email`, from routing's login API."""
    response = requests.post(
        f"{platform.url('routing')}/api/v1/auth/token",
        json={"email": email, "password": DEMO_PASSWORD},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()["token"]


def staff_headers(platform: Platform, email: str) -> dict[str, str]:
    """The Authorization header of the demo staff member `email`."""
    return {"Authorization": f"Bearer {staff_token(platform, email)}"}


def made_by_staff(url: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    """What staff make by POSTing `body` to a service's API: the JSON of its 201 answer."""
    response = requests.post(url, json=body, headers=headers, timeout=10)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def sent_idea(platform: Platform, body: dict[str, Any], query: str = "") -> str:
    """The tracking code of `body` sent through intake's API, as gentofte.dk would."""
    response = requests.post(
        f"{platform.url('intake')}/api/v1/ideas{query}", json=body, headers=INTAKE_AUTH, timeout=10
    )
    assert response.status_code == 201, response.text
    return response.json()["tracking_code"]


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations of the WCAG 2.1 A and AA rules on the page as it is now."""
    results = _AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    "
        + "\n    ".join(node["html"][:160] for node in v["nodes"][:5])
        for v in violations
    )


def assert_reflows(page: Page) -> None:
    """No horizontal scrolling: the page fits the viewport's width (WCAG 1.4.10)."""
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5).map(e => e.outerHTML.slice(0, 120))"""
    )
    assert scroll <= client, f"{page.url} is {scroll}px wide in a {client}px viewport: {wide}"


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused: proves it is reachable by keyboard, in order."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} not reached with {limit} × Tab on {page.url}")


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


@dataclass
class Visitor:
    """A browser tab that saves a screenshot of every page it is shown (var/screenshots/)."""

    page: Page
    prefix: str
    shots: list[Path] = field(default_factory=list)

    def goto(self, url: str, label: str = "") -> Page:
        response = self.page.goto(url)
        assert response is not None and response.ok, f"GET {url}: {response and response.status}"
        self.snap(label)
        return self.page

    def snap(self, label: str = "") -> Path:
        """A full-page screenshot of the page as it is now."""
        self.page.wait_for_load_state("load")
        name = label or re.sub(r"[^a-z0-9]+", "-", self.page.url.split("//", 1)[-1].lower())
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}-{len(self.shots) + 1:02d}-{name.strip('-')}.png"
        self.page.screenshot(path=path, full_page=True)
        self.shots.append(path)
        return path

    def check(self, label: str = "") -> Page:
        """Screenshot, then no axe-core violation of WCAG 2.1 A/AA."""
        self.snap(label)
        assert_accessible(self.page)
        return self.page
