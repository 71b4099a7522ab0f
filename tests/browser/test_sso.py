"""Staff single sign-on in Debian's chromium: routing (as `make run` starts it) against a real
OpenID provider (panva's oidc-provider). Sign in with the mapped role and out again, at Sammen
and at the provider; a person without a role in Sammen is told so, in Danish and in English.
Sammen's pages are checked with axe-core; the provider's own pages are not Sammen's to check."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from sammen.auth import STAFF_COOKIE
from tests.platform.harness import Platform
from tests.sso.openid_provider import OpenIdProvider, ProviderUser
from tests.sso.support import People, client, sso_settings


@dataclass(frozen=True)
class SingleSignOn:
    platform: Platform
    provider: OpenIdProvider
    people: People

    @property
    def routing(self) -> str:
        return self.platform.url("routing")


@pytest.fixture(scope="module")
def sso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SingleSignOn]:
    people = People.make()
    work_dir = tmp_path_factory.mktemp("sso")
    # Routing's address is known once it runs: the provider registers it then (and restarts).
    with contextlib.ExitStack() as stack:
        op = stack.enter_context(
            OpenIdProvider(work_dir, [client("sammen", "client_secret_basic")], people.all())
        )
        platform = stack.enter_context(
            Platform.start(work_dir, only="routing", settings=sso_settings(op))
        )
        op.allow_redirect_uris("sammen", [f"{platform.url('routing')}/login/sso/callback"])
        yield SingleSignOn(platform, op, people)


def sign_in_at_provider(page: Page, sso: SingleSignOn, user: ProviderUser) -> None:
    page.wait_for_url(f"{sso.provider.issuer}/interaction/**")
    page.fill("#username", user.username)
    page.fill("#password", user.password)
    page.click("#sign-in")


def test_an_agent_signs_in_and_out_with_the_municipalitys_login(sso, visitor):
    agent = visitor(name="agent")
    page = agent.goto(f"{sso.routing}/login")
    agent.check("login-with-single-sign-on")
    page.click("#log-ind-sso")
    sign_in_at_provider(page, sso, sso.people.agent)
    page.wait_for_url(f"{sso.routing}/indbakke**")
    expect(page.locator(".site-header")).to_contain_text("Agnete Holm")
    agent.check("inbox")

    page.click("#log-ud")  # Sammen's session ends, then the provider asks to end its own
    page.wait_for_url(f"{sso.provider.issuer}/session/end**")
    page.click("button[name=logout]")
    page.wait_for_url(f"{sso.routing}/login**")
    assert STAFF_COOKIE not in {cookie["name"] for cookie in page.context.cookies()}
    page.click("#log-ind-sso")  # signed out at the provider too: it asks for the password again
    page.wait_for_url(f"{sso.provider.issuer}/interaction/**")
    expect(page.locator("#password")).to_be_visible()


def test_a_person_without_a_role_is_told_so_in_danish_and_english(sso, visitor):
    outsider = visitor(name="no-role")
    page = outsider.goto(f"{sso.routing}/login")
    page.click("#log-ind-sso")
    sign_in_at_provider(page, sso, sso.people.outsider)
    page.wait_for_url(f"{sso.routing}/login/sso/callback**")
    expect(page.locator("h1")).to_have_text("Du har ikke adgang til Sammen")
    outsider.check("no-role-da")
    assert STAFF_COOKIE not in {cookie["name"] for cookie in page.context.cookies()}

    # The language link reloads the callback: that answer is spent, and the page says so.
    page.click("a[hreflang=en]")
    expect(page.locator("h1")).to_have_text("Login was not completed")
    outsider.check("spent-answer-en")
    page.click("#til-login")
    page.click("#log-ind-sso")  # still signed in at the provider: straight back
    page.wait_for_url(f"{sso.routing}/login/sso/callback**")
    expect(page.locator("h1")).to_have_text("You do not have access to Sammen")
    outsider.check("no-role-en")
