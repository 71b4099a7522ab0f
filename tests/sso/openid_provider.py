"""A real OpenID provider for the single sign-on tests: panva's certified `oidc-provider`
(tests/sso/openid-provider, installed by scripts/install-oidc-provider.sh) run with the machine's
Node.js, behind a small relay of the test's own.

Everything — the browser's visits and Sammen's calls for discovery, keys and tokens — goes
through the relay, which is the provider's public address (its issuer). The relay records the
paths asked for (how often were the keys fetched?) and can hand Sammen a different ID token in
the next token response — one the same provider issued to another client — which is how a test
gets a genuine token for another audience to Sammen.

    with OpenIdProvider(tmp_path, clients=[...], users=[...]) as provider:
        provider.issuer               # http://127.0.0.1:<relay port>
        provider.rotate_keys()        # a new signing key first, the old one still published
        provider.relay.swap_next_id_token(token)
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from joserfc.jwk import RSAKey

from sammen.testing import free_port, wait_for

PROVIDER_DIR = Path(__file__).parent / "openid-provider"
TOKEN_PATH = "/token"
JWKS_PATH = "/jwks"
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"}


@dataclass(frozen=True)
class ProviderUser:
    """A person at the provider: signs in with `username` and `password`."""

    username: str
    password: str
    sub: str
    claims: dict[str, Any]

    def as_config(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "password": self.password,
            "sub": self.sub,
            "claims": self.claims,
        }


class _RelayHandler(BaseHTTPRequestHandler):
    server: Relay

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        path = self.path.split("?", 1)[0]
        self.server.record(self.command, path)
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=15)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
            status, reply_headers = response.status, response.getheaders()
        finally:
            upstream.close()
        if self.command == "POST" and path == TOKEN_PATH:
            payload = self.server.rewrite_token_response(payload)
        self.send_response(status)
        for name, value in reply_headers:
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads `relay.requests` instead."""


class Relay(ThreadingHTTPServer):
    """The provider's public address: forwards every request to it, records the paths, and can
    replace the ID token of the next token response."""

    daemon_threads = True

    def __init__(self, upstream_port: int) -> None:
        super().__init__(("127.0.0.1", free_port()), _RelayHandler)
        self.upstream_port = upstream_port
        self.requests: list[tuple[str, str]] = []
        self._next_id_token: str | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for _, asked in self.requests if asked == path)

    def swap_next_id_token(self, id_token: str) -> None:
        with self._lock:
            self._next_id_token = id_token

    def rewrite_token_response(self, payload: bytes) -> bytes:
        with self._lock:
            replacement, self._next_id_token = self._next_id_token, None
        if replacement is None:
            return payload
        token = json.loads(payload)
        token["id_token"] = replacement
        return json.dumps(token).encode()


def signing_key(kid: str) -> dict[str, Any]:
    key = RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})
    return key.as_dict(private=True)


@dataclass
class OpenIdProvider:
    """The Node.js provider process and its relay; restartable (keys and clients are read at
    start, as a real provider reads its configuration)."""

    work_dir: Path
    clients: list[dict[str, Any]]
    users: list[ProviderUser]
    keys: list[dict[str, Any]] = field(default_factory=lambda: [signing_key("key-1")])
    port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self.relay = Relay(self.port)
        self._process: subprocess.Popen[bytes] | None = None
        self._relay_thread = threading.Thread(target=self.relay.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return self.relay.url

    @property
    def log_path(self) -> Path:
        return self.work_dir / "openid-provider.log"

    def __enter__(self) -> OpenIdProvider:
        if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
            raise RuntimeError(
                f"{PROVIDER_DIR}/node_modules is missing: run scripts/install-oidc-provider.sh "
                "(make test does)"
            )
        self._relay_thread.start()
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.relay.shutdown()
        self.relay.server_close()

    def start(self) -> None:
        config = self.work_dir / "openid-provider.json"
        config.write_text(
            json.dumps(
                {
                    "issuer": self.issuer,
                    "port": self.port,
                    "clients": self.clients,
                    "users": [user.as_config() for user in self.users],
                    "jwks": {"keys": self.keys},
                    "cookie_keys": ["test-provider-cookie-key"],
                }
            )
        )
        with self.log_path.open("ab") as log:  # the process keeps its own copy
            self._process = subprocess.Popen(
                ["node", "provider.mjs", str(config)],
                cwd=PROVIDER_DIR,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(self._answers, timeout=30, what=f"the OpenID provider (log: {self.log_path})")

    def _answers(self) -> bool:
        if self._process is not None and self._process.poll() is not None:
            raise RuntimeError(f"the OpenID provider exited:\n{self.log_path.read_text()}")
        with contextlib.suppress(requests.RequestException):
            discovery = f"http://127.0.0.1:{self.port}/.well-known/openid-configuration"
            return requests.get(discovery, timeout=2).ok
        return False

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=15)

    def restart(self) -> None:
        self.stop()
        self.start()

    def rotate_keys(self) -> None:
        """A new signing key, published first; the old one stays published beside it."""
        self.keys = [signing_key(f"key-{len(self.keys) + 1}"), *self.keys]
        self.restart()

    def change_claims(self, username: str, **claims: Any) -> None:
        """What the operator changes for a person at the provider (their roles, say)."""
        self.users = [
            ProviderUser(u.username, u.password, u.sub, {**u.claims, **claims})
            if u.username == username
            else u
            for u in self.users
        ]
        self.restart()

    def allow_redirect_uris(self, client_id: str, redirect_uris: list[str]) -> None:
        """Register the client's redirect URIs (known only once the app's port is) and restart."""
        for client in self.clients:
            if client["client_id"] == client_id:
                client["redirect_uris"] = redirect_uris
                client["post_logout_redirect_uris"] = [
                    uri.removesuffix("/sso/callback") for uri in redirect_uris
                ]
        self.restart()


# --- a person's browser at the provider, over HTTP -------------------------------------------------


def follow_to_client(
    browser: requests.Session, url: str, user: ProviderUser | None, client_url: str
) -> str:
    """Follow the provider's redirects from `url`, signing in on its form when it asks, until it
    sends the browser back to the client (a URL starting with `client_url`); returns that URL."""
    for _ in range(12):
        if url.startswith(client_url):
            return url
        response = browser.get(url, allow_redirects=False)
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            continue
        form = re.search(r'<form method="post" action="([^"]+)"', response.text)
        assert form and user is not None, f"no way on from {url}: {response.status_code}"
        response = browser.post(
            urljoin(url, form.group(1)),
            data={"username": user.username, "password": user.password},
            allow_redirects=False,
        )
        assert response.is_redirect, f"the provider refused {user.username}: {response.text}"
        url = urljoin(url, response.headers["Location"])
    raise AssertionError(f"the provider never sent the browser back to {client_url}")


def sign_out_at_provider(browser: requests.Session, url: str, client_url: str) -> str:
    """Confirm the provider's sign-out page at `url`; returns where it sends the browser."""
    page = browser.get(url, allow_redirects=False)
    form = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text)
    assert form and xsrf, f"no sign-out form at {url}: {page.status_code} {page.text[:300]}"
    response = browser.post(
        urljoin(url, form.group(1)),
        data={"xsrf": xsrf.group(1), "logout": "yes"},
        allow_redirects=False,
    )
    assert response.is_redirect, response.text
    location = urljoin(url, response.headers["Location"])
    return follow_to_client(browser, location, None, client_url)
