"""The security headers of every response: CSP with the forms' targets, framing, caching."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, g, request

from sammen.config import Settings


def allow_framing(response: Response, ancestors: str) -> None:
    """Let the pages at `ancestors` (CSP frame-ancestors sources) embed this one response."""
    vars(response)["frame_ancestors"] = ancestors


def add_security_headers(app: Flask, response: Response) -> None:
    frame_ancestors = getattr(response, "frame_ancestors", "'none'")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"form-action 'self' {_form_targets(app)}; base-uri 'none'; object-src 'none'; "
        f"frame-ancestors {frame_ancestors}",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if frame_ancestors == "'none'":
        response.headers.setdefault("X-Frame-Options", "DENY")
    settings: Settings = app.config["SAMMEN_SETTINGS"]
    if settings.is_production:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.path.startswith("/api/") or ("staff" in g and g.staff is not None):
        response.headers.setdefault("Cache-Control", "no-store")


def _form_targets(app: Flask) -> str:
    # Staff pages of every service post to the shared login and logout in routing, and routing's
    # logout goes on to the OpenID provider's (a browser checks form-action on redirects too).
    settings: Settings = app.config["SAMMEN_SETTINGS"]
    targets = [settings.base_url("routing")]
    if issuer := settings.get("SAMMEN_OIDC_ISSUER").strip():
        parts = urlsplit(issuer)
        targets.append(f"{parts.scheme}://{parts.netloc}")
    return " ".join(targets)
