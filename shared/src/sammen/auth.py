"""Staff identity shared by every service: routing signs a token at login, every service checks it.

The token is signed with SAMMEN_SECRET_KEY, so a service verifies a login without calling routing.
Pages read it from the `sammen_staff` cookie (one login serves every service's pages on the same
host); APIs read it from `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import abort, current_app, g, redirect, request
from flask_smorest import abort as api_abort
from itsdangerous import BadSignature, URLSafeTimedSerializer

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
_SALT = "sammen-staff-token"

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


def issue_token(secret_key: str, staff: StaffIdentity) -> str:
    payload = {"id": staff.id, "email": staff.email, "name": staff.name, "roles": list(staff.roles)}
    return URLSafeTimedSerializer(secret_key, salt=_SALT).dumps(payload)


def read_token(secret_key: str, token: str, max_age: int = TOKEN_SECONDS) -> StaffIdentity | None:
    try:
        payload = URLSafeTimedSerializer(secret_key, salt=_SALT).loads(token, max_age=max_age)
    except BadSignature:
        return None
    return StaffIdentity(
        id=int(payload["id"]),
        email=str(payload["email"]),
        name=str(payload["name"]),
        roles=tuple(payload["roles"]),
    )


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
        g.staff = read_token(current_app.config["SECRET_KEY"], token) if token else None
    return g.staff


def signed_in_staff() -> StaffIdentity:
    """The staff member in a view behind `staff_api` or `staff_page`, which let only them in."""
    staff = current_staff()
    if staff is None:
        raise RuntimeError("signed_in_staff() outside a staff view")
    return staff


def staff_api(*roles: str) -> Callable[[F], F]:
    """An API endpoint for staff: 401 without a valid token, 403 without one of `roles`."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            staff = current_staff()
            if staff is None:
                api_abort(401, message="Log in: send Authorization: Bearer <token>.")
            if not staff.has_any(roles):
                api_abort(403, message="Your role does not allow this.")
            return view(*args, **kwargs)

        _mark(wrapper, "api", roles)
        return wrapper  # type: ignore[return-value]

    return decorate


def _mark(wrapper: Callable[..., Any], kind: str, roles: tuple[str, ...]) -> None:
    # Read by the authorization matrix test, which finds every staff view in an app's url_map;
    # functools.wraps in outer decorators (flask-smorest's) copies the attributes outwards.
    wrapper.staff_kind = kind  # type: ignore[attr-defined]
    wrapper.staff_roles = roles  # type: ignore[attr-defined]


def login_url(next_url: str) -> str:
    routing = current_app.config["SAMMEN_SETTINGS"].base_url("routing")
    return f"{routing}/login?{urlencode({'next': next_url})}"


def staff_page(*roles: str) -> Callable[[F], F]:
    """A staff page: to the shared login without a session, 403 without one of `roles`."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            staff = current_staff()
            if staff is None:
                return redirect(login_url(request.url))
            if not staff.has_any(roles):
                abort(403)
            return view(*args, **kwargs)

        _mark(wrapper, "page", roles)
        return wrapper  # type: ignore[return-value]

    return decorate
