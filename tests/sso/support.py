"""What the single sign-on tests share: the provider's clients and people, and routing's
settings for it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sammen.routing.accounts import create_account
from tests.sso.openid_provider import OpenIdProvider, ProviderUser

ROUTING = "http://localhost:8002"  # routing's development base URL: the registered redirect
INTRANET = "http://127.0.0.1:9"  # another app of the municipality at the same provider
CLIENT_SECRET = secrets.token_urlsafe(24)
ROLE_MAP = (
    "Sammen.Agent:agent,Sammen.Coordinator:coordinator,Sammen.Secretary:council_secretary,"
    "Sammen.Admin:admin"
)
COUNCIL_MAP = "grp-seniorraad:seniorraadet,grp-handicapraad:handicapraadet"


def client(client_id: str, method: str, base_url: str = ROUTING) -> dict[str, Any]:
    """A client registered at the provider, with routing's callback and sign-out addresses."""
    return {
        "client_id": client_id,
        "client_secret": CLIENT_SECRET,
        "token_endpoint_auth_method": method,
        "redirect_uris": [f"{base_url}/login/sso/callback"],
        "post_logout_redirect_uris": [f"{base_url}/login"],
    }


def person(
    username: str, name: str, roles: list[str], groups: tuple[str, ...] = ()
) -> ProviderUser:
    """A person at the provider, with Entra ID's claims: app roles and group ids."""
    return ProviderUser(
        username=username,
        password=secrets.token_urlsafe(12),
        sub=f"entra-{secrets.token_hex(8)}",
        claims={
            "email": f"{username}@gentofte.dk",
            "email_verified": True,
            "name": name,
            "preferred_username": f"{username}@gentofte.dk",
            "roles": roles,
            "groups": list(groups),
        },
    )


@dataclass(frozen=True)
class People:
    agent: ProviderUser
    secretary: ProviderUser
    outsider: ProviderUser  # signs in at the municipality, but has no role of Sammen's
    leaver: ProviderUser  # an agent whose role the operator takes away during a test

    @classmethod
    def make(cls) -> People:
        return cls(
            agent=person("agnete.holm", "Agnete Holm", ["Sammen.Agent"]),
            secretary=person(
                "rikke.raad",
                "Rikke Rådssekretær",
                ["Sammen.Secretary", "Other.App.Reader"],
                ("grp-seniorraad", "grp-unrelated"),
            ),
            outsider=person("ole.udenfor", "Ole Udenfor", ["Other.App.Reader"]),
            leaver=person("lars.leaver", "Lars Leaver", ["Sammen.Agent"]),
        )

    def all(self) -> list[ProviderUser]:
        return [self.agent, self.secretary, self.outsider, self.leaver]


def sso_settings(provider: OpenIdProvider, **changes: str) -> dict[str, str]:
    """Routing's settings for single sign-on at the provider."""
    return {
        "SAMMEN_OIDC_ISSUER": provider.issuer,
        "SAMMEN_OIDC_CLIENT_ID": "sammen",
        "SAMMEN_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "SAMMEN_OIDC_ROLE_MAP": ROLE_MAP,
        "SAMMEN_OIDC_COUNCIL_MAP": COUNCIL_MAP,
        **changes,
    }


def make_account(
    routing: Any, email: str, name: str, role: str, password: str | None, **more: Any
) -> None:
    """A staff account in routing's database, made as an admin makes one before anyone signs in."""
    with routing.config["SAMMEN_DATABASE"].transaction() as session:
        create_account(session, email=email, name=name, roles=(role,), password=password, **more)
