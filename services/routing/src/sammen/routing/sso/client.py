"""Sammen as an OpenID Connect client of the municipality's provider, with Authlib: discovery,
the authorization request (state, nonce, PKCE S256), the code exchange and the ID token's
validation. Nothing here knows about Flask or Sammen's accounts."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import (
    ClaimError,
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyIdError,
    JoseError,
)
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from sammen.routing.sso.config import SsoSettings

SCOPE = "openid profile email"
# Clock skew allowed between the provider and Sammen when checking exp and iat.
LEEWAY_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 10
# What a refused claim says about the token, as a bounded set of reasons (a metric label).
_CLAIM_REASONS = {"iss": "issuer", "aud": "audience", "azp": "audience", "nonce": "nonce"}
_EARLY_CLAIMS = {"iat", "nbf"}


class SignInRefused(Exception):
    """A sign-in that must not give a session; `reason` is one word, for logs and metrics."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ProviderUnavailable(SignInRefused):
    """The provider did not answer (or answered nonsense): nothing the person did wrong."""

    def __init__(self) -> None:
        super().__init__("provider_unavailable")


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the browser, and what the callback must find again."""

    url: str
    state: str
    nonce: str
    code_verifier: str


class OpenIdClient:
    """One per app: the provider's discovery document and keys are fetched once and kept; an ID
    token signed by a key not kept (the provider rotated its keys) fetches the keys once more."""

    def __init__(self, config: SsoSettings, http: requests.Session | None = None) -> None:
        self.config = config
        self._http = http or requests.Session()
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None
        self._lock = threading.Lock()

    # --- the provider's documents ------------------------------------------------------------

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = self._http.get(url, timeout=HTTP_TIMEOUT_SECONDS)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable from error
        if not isinstance(document, dict):
            raise ProviderUnavailable
        return document

    def metadata(self) -> dict[str, Any]:
        """The discovery document; its issuer must be the configured one (OIDC Discovery §4.3)."""
        if self._metadata is None:
            document = self._get_json(f"{self.config.issuer}/.well-known/openid-configuration")
            needed = ("authorization_endpoint", "token_endpoint", "jwks_uri")
            if document.get("issuer", "").rstrip("/") != self.config.issuer or not all(
                document.get(name) for name in needed
            ):
                raise ProviderUnavailable
            self._metadata = document
        return self._metadata

    def _key_set(self, refresh: bool = False) -> KeySet:
        with self._lock:
            if self._keys is None or refresh:
                keys = self._get_json(self.metadata()["jwks_uri"]).get("keys")
                if not isinstance(keys, list):
                    raise ProviderUnavailable
                self._keys = KeySet.import_key_set({"keys": keys})
            return self._keys

    def _oauth(self) -> OAuth2Session:
        return OAuth2Session(
            self.config.client_id,
            self.config.client_secret,
            scope=SCOPE,
            redirect_uri=self.config.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method=self.config.token_auth_method,
            default_timeout=HTTP_TIMEOUT_SECONDS,
        )

    # --- the flow ----------------------------------------------------------------------------

    def authorization_request(self) -> AuthorizationRequest:
        state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
        with self._oauth() as oauth:
            url, _ = oauth.create_authorization_url(
                self.metadata()["authorization_endpoint"],
                state=state,
                code_verifier=verifier,
                nonce=nonce,
            )
        return AuthorizationRequest(url, state, nonce, verifier)

    def exchange(self, code: str, code_verifier: str) -> dict[str, Any]:
        """The token response for the authorization code (the client authenticates itself)."""
        with self._oauth() as oauth:
            try:
                token = oauth.fetch_token(
                    self.metadata()["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=code_verifier,
                )
            except OAuthError as error:
                raise SignInRefused("code_refused") from error
            except (requests.RequestException, ValueError) as error:
                raise ProviderUnavailable from error
        if not token.get("id_token"):
            raise SignInRefused("claims")
        return dict(token)

    def validate_id_token(
        self, token: dict[str, Any], *, nonce: str, now: datetime
    ) -> dict[str, Any]:
        """The ID token's claims once its signature, issuer, audience, times and nonce hold."""
        try:
            decoded = self._decode(token["id_token"])
            claims = CodeIDToken(
                decoded.claims,
                decoded.header,
                {
                    "iss": {"essential": True, "value": self.config.issuer},
                    "aud": {"essential": True, "value": self.config.client_id},
                },
                {
                    "nonce": nonce,
                    "client_id": self.config.client_id,
                    "access_token": token.get("access_token"),
                },
            )
            claims.validate(now=int(now.timestamp()), leeway=LEEWAY_SECONDS)
        except ExpiredTokenError as error:
            raise SignInRefused("expired") from error
        except ClaimError as error:
            raise SignInRefused(_claim_reason(error)) from error
        except JoseError as error:
            raise SignInRefused("signature") from error
        return dict(claims)

    def _decode(self, id_token: str) -> jwt.Token:
        algorithms = self.metadata().get("id_token_signing_alg_values_supported")
        registry = JWSRegistry(algorithms=algorithms, strict_check_header=False)
        try:
            return jwt.decode(id_token, self._key_set(), registry=registry)
        except InvalidKeyIdError:
            return jwt.decode(id_token, self._key_set(refresh=True), registry=registry)

    def end_session_url(self) -> str | None:
        """RP-initiated logout at the provider, back to Sammen's login; None when it has none."""
        try:
            endpoint = self.metadata().get("end_session_endpoint")
        except ProviderUnavailable:
            return None
        if not endpoint:
            return None
        query = urlencode(
            {
                "client_id": self.config.client_id,
                "post_logout_redirect_uri": self.config.signed_out_uri,
            }
        )
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _claim_reason(error: ClaimError) -> str:
    if isinstance(error, InvalidClaimError) and error.claim in _EARLY_CLAIMS:
        return "not_yet_valid"
    return _CLAIM_REASONS.get(error.claim, "claims")
