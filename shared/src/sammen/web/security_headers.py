"""The security headers of every response: CSP with the forms' targets, framing, caching."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, g, request

from sammen.config import Settings


def allow_framing(response: Response, ancestors: str) -> None:
    """Let the pages at `ancestors` (CSP frame-ancestors sources) embed this one response."""
    vars(response)["frame_ancestors"] = ancestors


def add_security_headers(app: Flask, response: Response) -> None:
    """Every header below that the view did not set itself."""
    headers = _fixed_headers(app, getattr(response, "frame_ancestors", "'none'"))
    if request.path.startswith("/api/") or ("staff" in g and g.staff is not None):
        headers = {**headers, "Cache-Control": "no-store"}
    # One look at the view's headers, where a setdefault per header would read them all each time.
    set_by_view = {name.lower() for name, _value in response.headers.items()}
    for name, value in headers.items():
        if name.lower() not in set_by_view:
            response.headers.add(name, value)


def _fixed_headers(app: Flask, frame_ancestors: str) -> dict[str, str]:
    """The headers that depend only on the app's settings and the framing allowed: worked out
    once per app and framing rather than on every response."""
    cache: dict[str, dict[str, str]] = app.extensions.setdefault("sammen_security_headers", {})
    if frame_ancestors not in cache:
        headers = {
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"form-action 'self' {_form_targets(app)}; base-uri 'none'; object-src 'none'; "
                f"frame-ancestors {frame_ancestors}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        }
        if frame_ancestors == "'none'":
            headers["X-Frame-Options"] = "DENY"
        settings: Settings = app.config["SAMMEN_SETTINGS"]
        if settings.is_production:
            headers["Strict-Transport-Security"] = "max-age=31536000"
        cache[frame_ancestors] = headers
    return cache[frame_ancestors]


def _form_targets(app: Flask) -> str:
    # Staff pages of every service post to the shared login and logout in routing, and routing's
    # logout goes on to the OpenID provider's (a browser checks form-action on redirects too).
    settings: Settings = app.config["SAMMEN_SETTINGS"]
    targets = [settings.base_url("routing")]
    if issuer := settings.get("SAMMEN_OIDC_ISSUER").strip():
        parts = urlsplit(issuer)
        targets.append(f"{parts.scheme}://{parts.netloc}")
    return " ".join(targets)
