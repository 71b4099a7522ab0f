"""Staff identity shared by every service: routing signs a token at login, every service checks it.

The token is signed with SAMMEN_SECRET_KEY, so a service verifies a login without calling routing.
Pages read it from the `sammen_staff` cookie (one login serves every service's pages on the same
host); APIs read it from `Authorization: Bearer <token>`. A token carries the moment it was issued:
when routing ends an account's sessions (logout, a disabled account, a new password or new roles),
every service refuses the account's tokens issued up to then (`sammen.staff_sessions`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from flask import abort, current_app, g, redirect, request
from flask_smorest import abort as api_abort
from itsdangerous import BadData, URLSafeTimedSerializer

from sammen import staff_sessions
from sammen.db import LARGEST_ID

ROLES = ("agent", "coordinator", "council_secretary", "moderator", "admin")
ROLE_NAMES_DA = {
    "agent": "Sparringsagent",
    "coordinator": "Koordinator",
    "council_secretary": "Rådssekretær",
    "moderator": "Moderator",
    "admin": "Administrator",
}
STAFF_COOKIE = "sammen_staff"
TOKEN_SECONDS = 8 * 3600
TOKEN_SALT = "sammen-staff-token"  # noqa: S105 — names what is signed; no secret

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class StaffIdentity:
    id: int
    email: str
    name: str
    roles: tuple[str, ...]

    def has_any(self, roles: tuple[str, ...]) -> bool:
        """Admins may do everything; others need one of `roles` (none asked: any staff)."""
        return not roles or "admin" in self.roles or any(role in self.roles for role in roles)


@dataclass(frozen=True)
class SignedToken:
    """What a valid token says: who, and when routing issued it (to the microsecond, so a login
    right after a logout is not mistaken for a token the logout ended)."""

    staff: StaffIdentity
    issued_at: datetime


def issue_token(secret_key: str, staff: StaffIdentity, issued_at: datetime | None = None) -> str:
    at = (issued_at or datetime.now(UTC)).astimezone(UTC)
    payload = {
        "id": staff.id,
        "email": staff.email,
        "name": staff.name,
        "roles": list(staff.roles),
        "issued_at": at.isoformat(timespec="microseconds"),
    }
    return URLSafeTimedSerializer(secret_key, salt=TOKEN_SALT).dumps(payload)


def read_signed_token(
    secret_key: str, token: str, max_age: int = TOKEN_SECONDS
) -> SignedToken | None:
    """The token's staff member and time of issue; None unless it is signed, unexpired and well
    formed."""
    try:
        payload = URLSafeTimedSerializer(secret_key, salt=TOKEN_SALT).loads(token, max_age=max_age)
    except BadData:
        return None
    return _parse_payload(payload)


def read_token(secret_key: str, token: str, max_age: int = TOKEN_SECONDS) -> StaffIdentity | None:
    signed = read_signed_token(secret_key, token, max_age)
    return signed.staff if signed else None


def _parse_payload(payload: object) -> SignedToken | None:
    # A signature proves who wrote a token, not that it has today's shape: a payload of any
    # other shape (an older or a faulty issuer) is no login, never a server error.
    if not isinstance(payload, dict):
        return None
    staff_id, email, name = payload.get("id"), payload.get("email"), payload.get("name")
    roles, issued_at = payload.get("roles"), _aware_time(payload.get("issued_at"))
    if type(staff_id) is not int or not 0 < staff_id <= LARGEST_ID:
        return None
    if not isinstance(email, str) or not isinstance(name, str) or issued_at is None:
        return None
    if not isinstance(roles, list) or not all(isinstance(r, str) and r in ROLES for r in roles):
        return None
    return SignedToken(StaffIdentity(staff_id, email, name, tuple(roles)), issued_at)


def _aware_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_staff() -> StaffIdentity | None:
    """The staff member behind this request: a Bearer token for APIs, the cookie for pages."""
    if "staff" not in g:
        token = (
            _bearer_token()
            if request.path.startswith("/api/")
            else request.cookies.get(STAFF_COOKIE)
        )
        g.staff = _signed_in(token) if token else None
    return g.staff


def _signed_in(token: str) -> StaffIdentity | None:
    """The token's staff member, unless the token is not valid or routing has ended the account's
    sessions since it was issued (read from this service's own copy of those ends)."""
    signed = read_signed_token(current_app.config["SECRET_KEY"], token)
    if signed is None:
        return None
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        if staff_sessions.ended_since(session, signed.staff.id, signed.issued_at):
            return None
    return signed.staff


def signed_in_staff() -> StaffIdentity:
    """The staff member in a view behind `staff_api` or `staff_page`, which let only them in."""
    staff = current_staff()
    if staff is None:
        raise RuntimeError("signed_in_staff() outside a staff view")
    return staff


def staff_api(*roles: str) -> Callable[[F], F]:
    """An API endpoint for staff: 401 without a valid token, 403 without one of `roles`."""
    return _staff_view(
        "api",
        roles,
        signed_out=lambda: api_abort(401, message="Log in: send Authorization: Bearer <token>."),
        refused=lambda: api_abort(403, message="Your role does not allow this."),
    )


def _staff_view(
    kind: str,
    roles: tuple[str, ...],
    signed_out: Callable[[], Any],
    refused: Callable[[], Any],
) -> Callable[[F], F]:
    """A view only staff with one of `roles` reach: `signed_out` answers without a signed-in staff
    member, `refused` (which raises) one whose roles do not allow it."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            staff = current_staff()
            if staff is None:
                return signed_out()
            if not staff.has_any(roles):
                refused()
            return view(*args, **kwargs)

        _mark(wrapper, kind, roles)
        return cast(F, wrapper)

    return decorate


def _mark(wrapper: Callable[..., Any], kind: str, roles: tuple[str, ...]) -> None:
    # Read by the authorization matrix test, which finds every staff view in an app's url_map;
    # functools.wraps in outer decorators (flask-smorest's) copies the attributes outwards.
    vars(wrapper).update(staff_kind=kind, staff_roles=roles)


def login_url(next_url: str) -> str:
    routing = current_app.config["SAMMEN_SETTINGS"].base_url("routing")
    return f"{routing}/login?{urlencode({'next': next_url})}"


def staff_page(*roles: str) -> Callable[[F], F]:
    """A staff page: to the shared login without a session, 403 without one of `roles`."""
    return _staff_view(
        "page",
        roles,
        signed_out=lambda: redirect(login_url(request.url)),
        refused=lambda: abort(403),
    )
