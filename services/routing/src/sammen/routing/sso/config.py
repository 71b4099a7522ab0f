"""Single sign-on's settings: the municipality's OpenID provider, Sammen as its client, and how
the provider's claims become Sammen's roles and a council secretary's councils."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from sammen.auth import ROLES
from sammen.config import Settings

CALLBACK_PATH = "/login/sso/callback"
TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post")
# With no SAMMEN_OIDC_ROLE_MAP, an app role named as Sammen's role is that role (Entra ID's app
# roles are defined by the operator in Sammen's own app registration).
DEFAULT_ROLE_MAP = ",".join(f"{role}:{role}" for role in ROLES)


class InvalidSsoSettings(ValueError):
    """The single sign-on settings are incomplete or name something unknown."""


@dataclass(frozen=True)
class SsoSettings:
    issuer: str
    client_id: str
    client_secret: str
    token_auth_method: str
    roles_claim: str
    role_map: Mapping[str, frozenset[str]]
    groups_claim: str
    council_map: Mapping[str, frozenset[str]]
    redirect_uri: str
    signed_out_uri: str
    # The operator's break-glass admin keeps the password login when the provider serves everyone.
    break_glass_email: str
    replaces_passwords: bool

    def roles_for(self, values: Iterable[str]) -> tuple[str, ...]:
        """Sammen's roles for the provider's role values, in Sammen's order."""
        granted = {role for value in values for role in self.role_map.get(value, ())}
        return tuple(role for role in ROLES if role in granted)

    def councils_for(self, groups: Iterable[str]) -> list[str]:
        """The calendar organizers a council secretary writes for, from the provider's groups."""
        return sorted({slug for group in groups for slug in self.council_map.get(group, ())})


def parse_value_map(
    text: str, setting: str, allowed: Collection[str] | None = None
) -> dict[str, frozenset[str]]:
    """`idp-value:target,…` → {idp value: targets}; a value may appear more than once. The value
    may itself hold colons (a URN): the target is what follows the last one."""
    mapping: dict[str, set[str]] = {}
    for pair in (part.strip() for part in text.split(",")):
        if not pair:
            continue
        value, colon, target = pair.rpartition(":")
        if not colon or not value.strip() or not target.strip():
            raise InvalidSsoSettings(f"{setting}: {pair!r} is not idp-value:target")
        if allowed is not None and target.strip() not in allowed:
            raise InvalidSsoSettings(
                f"{setting}: unknown role {target.strip()!r} (one of {', '.join(allowed)})"
            )
        mapping.setdefault(value.strip(), set()).add(target.strip())
    return {value: frozenset(targets) for value, targets in mapping.items()}


def sso_settings(settings: Settings) -> SsoSettings | None:
    """The single sign-on settings, or None when SAMMEN_OIDC_ISSUER is not set."""
    issuer = settings.get("SAMMEN_OIDC_ISSUER").strip().rstrip("/")
    if not issuer:
        return None
    if urlsplit(issuer).scheme not in ("http", "https"):
        raise InvalidSsoSettings("SAMMEN_OIDC_ISSUER must be an https:// address")
    client_id = settings.get("SAMMEN_OIDC_CLIENT_ID").strip()
    client_secret = settings.get("SAMMEN_OIDC_CLIENT_SECRET")
    if not client_id or not client_secret:
        raise InvalidSsoSettings(
            "SAMMEN_OIDC_CLIENT_ID and SAMMEN_OIDC_CLIENT_SECRET must be set with SAMMEN_OIDC_ISSUER"
        )
    method = settings.get("SAMMEN_OIDC_TOKEN_AUTH_METHOD", TOKEN_AUTH_METHODS[0])
    if method not in TOKEN_AUTH_METHODS:
        raise InvalidSsoSettings(
            f"SAMMEN_OIDC_TOKEN_AUTH_METHOD must be one of {', '.join(TOKEN_AUTH_METHODS)}"
        )
    routing = settings.base_url("routing")
    return SsoSettings(
        issuer=issuer,
        client_id=client_id,
        client_secret=client_secret,
        token_auth_method=method,
        roles_claim=settings.get("SAMMEN_OIDC_ROLES_CLAIM", "roles").strip() or "roles",
        role_map=parse_value_map(
            settings.get("SAMMEN_OIDC_ROLE_MAP") or DEFAULT_ROLE_MAP, "SAMMEN_OIDC_ROLE_MAP", ROLES
        ),
        groups_claim=settings.get("SAMMEN_OIDC_GROUPS_CLAIM", "groups").strip() or "groups",
        council_map=parse_value_map(
            settings.get("SAMMEN_OIDC_COUNCIL_MAP"), "SAMMEN_OIDC_COUNCIL_MAP"
        ),
        redirect_uri=f"{routing}{CALLBACK_PATH}",
        signed_out_uri=f"{routing}/login",
        break_glass_email=settings.get("SAMMEN_ADMIN_EMAIL").strip().lower(),
        replaces_passwords=settings.is_production,
    )
