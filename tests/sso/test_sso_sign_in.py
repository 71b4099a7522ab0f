"""Staff single sign-on against a real OpenID provider (panva's oidc-provider): routing built in
this process, the person's browser a requests session at the provider. Every refusal leaves no
session, stores nothing, says what to do, logs only the reason and counts it."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client import REGISTRY
from sqlalchemy import select

from sammen.auth import STAFF_COOKIE, StaffIdentity, read_token
from sammen.config import UnsafeProductionSettings
from sammen.routing.models import StaffAccount
from sammen.testing import free_port, queued_events
from tests.security.apps import row_counts
from tests.sso.openid_provider import JWKS_PATH, follow_to_client, sign_out_at_provider
from tests.sso.support import CLIENT_SECRET, INTRANET, ROUTING, make_account


def start(client: FlaskClient) -> str:
    """`GET /login/sso`: the provider's authorization URL Sammen sends the browser to."""
    response = client.get("/login/sso?next=/indbakke")
    assert response.status_code == 302, response.text
    return response.location


def callback(client: FlaskClient, url: str):  # type: ignore[no-untyped-def]
    """The browser arrives back at routing's callback with the provider's answer."""
    return client.get(url.removeprefix(ROUTING))


def sign_in(app: Flask, user, browser: requests.Session | None = None):  # type: ignore[no-untyped-def]
    client = app.test_client()
    answer = follow_to_client(browser or requests.Session(), start(client), user, ROUTING)
    return client, callback(client, answer)


def signed_in(app: Flask, client: FlaskClient) -> StaffIdentity | None:
    cookie = client.get_cookie(STAFF_COOKIE)
    return read_token(app.config["SECRET_KEY"], cookie.value) if cookie else None


def accounts(app: Flask) -> list[StaffAccount]:
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        return list(session.scalars(select(StaffAccount)))


def refusals(reason: str) -> float:
    return REGISTRY.get_sample_value("sammen_staff_sso_refusals_total", {"reason": reason}) or 0


class Refusal:
    """Before a refused sign-in: what must stay as it is."""

    def __init__(self, app: Flask, reason: str) -> None:
        self.app, self.reason = app, reason
        self.rows = row_counts(app)
        self.counted = refusals(reason)

    def check(self, client: FlaskClient, response, status: int, caplog, *personal: str) -> None:  # type: ignore[no-untyped-def]
        assert response.status_code == status, response.text
        assert f'<code id="fejlkode">{self.reason}</code>' in response.text
        assert STAFF_COOKIE not in " ".join(response.headers.getlist("Set-Cookie"))
        assert signed_in(self.app, client) is None
        assert row_counts(self.app) == self.rows
        assert refusals(self.reason) == self.counted + 1
        assert f"single sign-on refused: {self.reason}" in caplog.messages
        for text in personal:
            assert not [line for line in caplog.messages if text in line]
        caplog.clear()


# --- the way in -------------------------------------------------------------------------------


def test_the_login_page_offers_single_sign_on_and_the_request_asks_for_code_with_pkce(
    routing, provider
):
    login = routing.test_client().get("/login?next=/indbakke")
    page = login.text
    # Sign-out goes on to the provider: a browser checks form-action on that redirect too.
    assert (
        f"form-action 'self' http://localhost:8002 {provider.issuer};"
        in (login.headers["Content-Security-Policy"])
    )
    assert 'href="/login/sso?next=/indbakke"' in page
    assert "Log ind med Gentofte Kommunes login" in page
    assert 'id="felt-password"' in page  # outside production the password form stays
    url = start(routing.test_client())
    query = parse_qs(urlsplit(url).query)
    discovery = f"{provider.issuer}/.well-known/openid-configuration"
    metadata = requests.get(discovery, timeout=10).json()
    assert url.startswith(metadata["authorization_endpoint"] + "?")
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["sammen"]
    assert query["redirect_uri"] == [f"{ROUTING}/login/sso/callback"]
    assert "openid" in query["scope"][0].split()
    assert query["code_challenge_method"] == ["S256"]
    for name in ("state", "nonce", "code_challenge"):
        assert len(query[name][0]) >= 32


def test_a_first_sign_in_creates_the_account_with_the_mapped_roles(routing, people):
    counted = REGISTRY.get_sample_value("sammen_staff_sso_sign_ins_total") or 0
    client, response = sign_in(routing, people.agent)
    assert response.status_code == 303 and response.location == "/indbakke"
    staff = signed_in(routing, client)
    assert staff is not None
    assert (staff.email, staff.name, staff.roles) == (
        "agnete.holm@gentofte.dk",
        "Agnete Holm",
        ("agent",),
    )
    [account] = accounts(routing)
    assert (account.id, account.oidc_subject, account.password_hash) == (
        staff.id,
        people.agent.sub,
        None,
    )
    assert client.get("/indbakke").status_code == 200  # the same session as a password login
    assert REGISTRY.get_sample_value("sammen_staff_sso_sign_ins_total") == counted + 1


def test_each_sign_in_updates_an_account_made_before_single_sign_on(routing, people):
    make_account(
        routing, "Rikke.Raad@gentofte.dk", "R. Råd", "agent", None, areas=["kultur-og-fritid"]
    )
    client, response = sign_in(routing, people.secretary)
    assert response.status_code == 303
    [account] = accounts(routing)
    assert (account.name, account.role_list, account.oidc_subject) == (
        "Rikke Rådssekretær",
        ("council_secretary",),  # Other.App.Reader maps to nothing
        people.secretary.sub,
    )
    assert account.area_list == ["kultur-og-fritid"]  # what Sammen keeps itself stays
    assert signed_in(routing, client).roles == ("council_secretary",)
    # The provider's groups decide the calendar organizers she writes for.
    [assigned] = queued_events(
        routing.config["SAMMEN_DATABASE"], "staff.secretary_organizers_assigned"
    )
    assert assigned.data["organizers"] == ["seniorraadet"]
    assert (assigned.data["staff_id"], assigned.data["email"]) == (account.id, account.email)


def test_the_client_may_authenticate_with_client_secret_post(routing_with, people):
    app = routing_with(
        SAMMEN_OIDC_CLIENT_ID="sammen-post", SAMMEN_OIDC_TOKEN_AUTH_METHOD="client_secret_post"
    )
    client, response = sign_in(app, people.agent)
    assert response.status_code == 303
    assert signed_in(app, client).roles == ("agent",)


# --- refused ----------------------------------------------------------------------------------


def test_a_wrong_state_is_refused(routing, people, caplog):
    client = routing.test_client()
    answer = follow_to_client(requests.Session(), start(client), people.agent, ROUTING)
    state = parse_qs(urlsplit(answer).query)["state"][0]
    refusal = Refusal(routing, "state")
    response = callback(client, answer.replace(f"state={state}", "state=someone-elses-%C3%B8"))
    refusal.check(client, response, 400, caplog)
    assert "Start forfra fra login-siden" in response.text
    # The request is spent: the right state afterwards is refused too.
    refusal = Refusal(routing, "state")
    refusal.check(client, callback(client, answer), 400, caplog)


def test_a_token_for_another_audience_is_refused(routing, provider, people, caplog):
    client = routing.test_client()
    url = start(client)
    browser = requests.Session()
    answer = follow_to_client(browser, url, people.agent, ROUTING)
    nonce = parse_qs(urlsplit(url).query)["nonce"][0]
    provider.relay.swap_next_id_token(intranet_id_token(provider, browser, people.agent, nonce))
    refusal = Refusal(routing, "audience")
    response = callback(client, answer)
    refusal.check(client, response, 401, caplog, people.agent.claims["email"])
    assert "Vi kunne ikke bekræfte dit login" in response.text


def intranet_id_token(provider, browser: requests.Session, user, nonce: str) -> str:  # type: ignore[no-untyped-def]
    """Another app of the municipality signs the same person in and gets its own genuine ID
    token from the provider — with Sammen's nonce, even."""
    oauth = OAuth2Session(
        "intranet",
        CLIENT_SECRET,
        scope="openid profile email",
        redirect_uri=f"{INTRANET}/login/sso/callback",
        code_challenge_method="S256",
    )
    verifier = generate_token(48)
    url, _ = oauth.create_authorization_url(
        f"{provider.issuer}/auth", code_verifier=verifier, nonce=nonce
    )
    code = parse_qs(urlsplit(follow_to_client(browser, url, user, INTRANET)).query)["code"][0]
    token = oauth.fetch_token(f"{provider.issuer}/token", code=code, code_verifier=verifier)
    return token["id_token"]


def test_a_wrong_nonce_is_refused(routing, people, caplog):
    client = routing.test_client()
    url = start(client)
    nonce = parse_qs(urlsplit(url).query)["nonce"][0]
    # Someone replays a sign-in made for another request: the provider signs another nonce.
    answer = follow_to_client(
        requests.Session(), url.replace(f"nonce={nonce}", "nonce=replayed"), people.agent, ROUTING
    )
    refusal = Refusal(routing, "nonce")
    refusal.check(client, callback(client, answer), 401, caplog, people.agent.claims["email"])


def test_an_expired_token_is_refused(routing, clock, people, caplog):
    client = routing.test_client()
    answer = follow_to_client(requests.Session(), start(client), people.agent, ROUTING)
    clock.now += timedelta(hours=2)  # the provider's ID tokens live an hour
    refusal = Refusal(routing, "expired")
    refusal.check(client, callback(client, answer), 401, caplog)


def test_a_person_without_a_mapped_role_gets_no_access(routing, people, caplog):
    refusal = Refusal(routing, "no_role")
    client, response = sign_in(routing, people.outsider)
    refusal.check(client, response, 403, caplog, "ole.udenfor", "Ole Udenfor")
    assert "Du har ikke adgang til Sammen" in response.text


def test_an_account_whose_roles_are_gone_at_the_provider_keeps_none(routing, provider, people):
    client, response = sign_in(routing, people.leaver)
    assert signed_in(routing, client).roles == ("agent",)
    provider.change_claims(people.leaver.username, roles=[])
    try:
        client, response = sign_in(routing, people.leaver)
    finally:
        provider.change_claims(people.leaver.username, roles=["Sammen.Agent"])
    assert response.status_code == 403 and signed_in(routing, client) is None
    [account] = accounts(routing)
    assert account.role_list == ()


def test_the_break_glass_admins_address_is_never_taken_over(routing_with, people, caplog):
    app = routing_with(SAMMEN_ADMIN_EMAIL=people.agent.claims["email"])
    refusal = Refusal(app, "account_conflict")
    client, response = sign_in(app, people.agent)
    refusal.check(client, response, 409, caplog)


def test_a_provider_that_does_not_answer_is_said_so(routing_with, caplog):
    app = routing_with(SAMMEN_OIDC_ISSUER=f"http://127.0.0.1:{free_port()}")
    refusal = Refusal(app, "provider_unavailable")
    client = app.test_client()
    response = client.get("/login/sso")
    refusal.check(client, response, 503, caplog)
    assert "Kommunens login svarer ikke" in response.text


# --- keys and sign-out --------------------------------------------------------------------------


def test_a_rotated_signing_key_is_fetched_once(routing, provider, people):
    assert sign_in(routing, people.agent)[1].status_code == 303
    fetched = provider.relay.count(JWKS_PATH)
    provider.rotate_keys()
    client, response = sign_in(routing, people.agent)  # signed with a key Sammen has not seen
    assert response.status_code == 303 and signed_in(routing, client) is not None
    assert provider.relay.count(JWKS_PATH) == fetched + 1
    assert sign_in(routing, people.agent)[1].status_code == 303
    assert provider.relay.count(JWKS_PATH) == fetched + 1  # kept, not fetched per sign-in


def test_sign_out_ends_the_session_here_and_at_the_provider(routing, people):
    browser = requests.Session()
    client, _ = sign_in(routing, people.agent, browser)
    routing.config["WTF_CSRF_ENABLED"] = False
    response = client.post("/logout")
    assert signed_in(routing, client) is None
    end_session = urlsplit(response.location)
    assert response.status_code == 303 and end_session.path == "/session/end"
    assert parse_qs(end_session.query) == {
        "client_id": ["sammen"],
        "post_logout_redirect_uri": [f"{ROUTING}/login"],
    }
    assert sign_out_at_provider(browser, response.location, ROUTING).startswith(f"{ROUTING}/login")
    # Signed out at the provider too: the next sign-in asks for the password again.
    assert 'name="password"' in provider_page(browser, start(routing.test_client()))


def provider_page(browser: requests.Session, url: str) -> str:
    """The page the provider shows at the end of its redirects (never back to Sammen)."""
    response = browser.get(url, allow_redirects=False)
    while response.is_redirect:
        location = urljoin(url, response.headers["Location"])
        assert not location.startswith(ROUTING), "the provider signed the person in at once"
        response = browser.get(location, allow_redirects=False)
    return response.text


def test_a_password_sign_out_does_not_visit_the_provider(routing):
    make_account(routing, "drift@gentofte.dk", "Drift", "admin", "x" * 20)
    routing.config["WTF_CSRF_ENABLED"] = False
    client = routing.test_client()
    login = client.post("/login", data={"email": "drift@gentofte.dk", "password": "x" * 20})
    assert login.status_code == 303
    response = client.post("/logout")
    assert (response.status_code, response.location) == (303, "/login")


@pytest.mark.parametrize("issuer", ["http://login.gentofte.dk", "ftp://login.gentofte.dk"])
def test_production_refuses_an_issuer_without_tls(routing_with, issuer):
    with pytest.raises(UnsafeProductionSettings, match="SAMMEN_OIDC_ISSUER"):
        routing_with(SAMMEN_ENV="production", SAMMEN_SECRET_KEY="p" * 40, SAMMEN_OIDC_ISSUER=issuer)
