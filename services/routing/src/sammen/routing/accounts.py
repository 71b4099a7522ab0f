"""Staff accounts: argon2 passwords, the password login, the admin bootstrap and the demo staff.

Two ways in: the password (`PasswordLoginProvider`, behind the `LoginProvider` seam) and single
sign-on with the municipality's OpenID provider (`sammen.routing.sso`), whose accounts have no
password (`password_hash` None) and are found by the provider's id. Roles stay in routing's table,
so the token every service reads (`sammen.auth.issue_token`) is the same either way.

Whatever makes an account's tokens untrue or unwanted — a logout, a disabled account, a new password,
other roles — calls `end_sessions`, which ends every session of the account on every service.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sammen import staff_sessions
from sammen.auth import ROLES, StaffIdentity
from sammen.config import Settings, UnsafeProductionSettings
from sammen.db import Database
from sammen.routing.domain import THEME_TEAMS, team_for_theme
from sammen.routing.models import StaffAccount

log = logging.getLogger(__name__)
hasher = PasswordHasher()  # argon2id, memory-hard, with the library's current parameters
# Spent on unknown emails too, so the answer time does not tell which emails have accounts.
_DUMMY_HASH = hasher.hash("no account has this password")

DEMO_PASSWORD = "sammen-demo"  # noqa: S105 — development only; production refuses demo accounts
DEMO_DOMAIN = "demo.gentofte.dk"


class LoginProvider(Protocol):
    """How a person proves who they are; returns their active account or None."""

    def authenticate(self, session: Session, email: str, password: str) -> StaffAccount | None: ...


class PasswordLoginProvider:
    def __init__(self, only_email: str | None = None) -> None:
        # Set when single sign-on serves everyone else: only this account may use a password.
        self.only_email = only_email

    def authenticate(self, session: Session, email: str, password: str) -> StaffAccount | None:
        account = find_by_email(session, email)
        if (
            account is None
            or not account.active
            or account.password_hash is None
            or (self.only_email is not None and account.email != self.only_email)
        ):
            _verify(_DUMMY_HASH, password)
            return None
        if not _verify(account.password_hash, password):
            return None
        if hasher.check_needs_rehash(account.password_hash):
            account.password_hash = hasher.hash(password)
        return account


def end_sessions(session: Session, account_id: int) -> None:
    """End every session of the account: routing refuses its tokens issued until now at once, every
    other service when `staff.sessions_ended` reaches it."""
    # The real time, as the tokens' issue and expiry are (not the routing clock tests move).
    staff_sessions.end_all(session, "routing", account_id)


def set_roles(session: Session, account: StaffAccount, roles: tuple[str, ...]) -> None:
    """Give the account other roles; its tokens name the old ones, so its sessions end."""
    _refuse_unknown(roles)
    if set(roles) != set(account.role_list):
        account.roles = ",".join(roles)
        end_sessions(session, account.id)


def set_active(session: Session, account: StaffAccount, active: bool) -> None:
    """Disable (or enable again) the account; disabling ends its sessions."""
    if account.active and not active:
        end_sessions(session, account.id)
    account.active = active


def change_password(session: Session, account: StaffAccount, current: str, new: str) -> bool:
    """Set a new password if `current` is the account's password (False if not); a new password
    ends every session, as anyone who had the old one may hold one."""
    if account.password_hash is None or not _verify(account.password_hash, current):
        return False
    account.password_hash = hasher.hash(new)
    end_sessions(session, account.id)
    return True


def _refuse_unknown(roles: tuple[str, ...]) -> None:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {', '.join(sorted(unknown))}")


def _verify(stored: str, password: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def find_by_email(session: Session, email: str) -> StaffAccount | None:
    return session.scalar(
        select(StaffAccount).where(func.lower(StaffAccount.email) == email.strip().lower())
    )


def identity(account: StaffAccount) -> StaffIdentity:
    return StaffIdentity(
        id=account.id, email=account.email, name=account.name, roles=account.role_list
    )


def create_account(
    session: Session,
    *,
    email: str,
    name: str,
    roles: tuple[str, ...],
    password: str | None,
    password_hash: str | None = None,
    areas: list[str] | None = None,
    team: str | None = None,
    phone: str | None = None,
    title: str | None = None,
    demo: bool = False,
    now: datetime | None = None,
) -> StaffAccount:
    _refuse_unknown(roles)
    account = StaffAccount(
        email=email.strip().lower(),
        name=name,
        password_hash=hasher.hash(password) if password else password_hash,
        roles=",".join(roles),
        areas=",".join(areas or []),
        team=team,
        phone=phone,
        title=title,
        available=True,
        active=True,
        demo=demo,
        created_at=now or datetime.now(UTC),
    )
    session.add(account)
    session.flush()
    return account


def _create_once(database: Database, **fields: Any) -> None:
    """Create the account unless its email exists; several processes may start at once."""
    try:
        with database.transaction() as session:
            if find_by_email(session, str(fields["email"])) is None:
                create_account(session, **fields)
    except IntegrityError:
        log.info("account created by another process meanwhile")


# Demo staff for development: one agent per team covers every theme; a coordinator; an admin.
DEMO_AGENTS = (
    ("agnete.holm", "Agnete Holm", "boern-og-unge", "39 98 01 01"),
    ("bo.kristensen", "Bo Kristensen", "kultur-og-fritid", "39 98 01 02"),
    ("camilla.nygaard", "Camilla Nygaard", "by-og-miljoe", "39 98 01 03"),
    ("dorthe.lund", "Dorthe Lund", "social-og-sundhed", "39 98 01 04"),
    ("emil.skov", "Emil Skov", "erhverv", "39 98 01 05"),
    ("frida.berg", "Frida Berg", "faelles", "39 98 01 06"),
)
DEMO_STAFF = (
    ("koordinator", "Karen Koordinator", ("coordinator",)),
    ("admin", "Anders Admin", ("admin",)),
    ("raadssekretaer", "Rikke Rådssekretær", ("council_secretary",)),
    ("moderator", "Mads Moderator", ("moderator",)),
)


def seed_demo_staff(database: Database) -> None:
    # One hash for the one shared demo password: argon2 is slow by design, and demo is demo.
    demo_hash = hasher.hash(DEMO_PASSWORD)
    for login, name, team, phone in DEMO_AGENTS:
        areas = [slug for slug in THEME_TEAMS if team_for_theme(slug) == team]
        _create_once(
            database,
            email=f"{login}@{DEMO_DOMAIN}",
            name=name,
            roles=("agent",),
            password=None,
            password_hash=demo_hash,
            areas=areas,
            team=team,
            phone=phone,
            title="Sparringsagent",
            demo=True,
        )
    for login, name, roles in DEMO_STAFF:
        _create_once(
            database,
            email=f"{login}@{DEMO_DOMAIN}",
            name=name,
            roles=roles,
            password=None,
            password_hash=demo_hash,
            demo=True,
        )


def prepare_accounts(settings: Settings, database: Database) -> None:
    """At start: bootstrap the operator's admin, seed demo staff in development, refuse them in
    production."""
    email = settings.get("SAMMEN_ADMIN_EMAIL").strip()
    password = settings.get("SAMMEN_ADMIN_PASSWORD")
    if email and password:
        _create_once(
            database, email=email, name="Administrator", roles=("admin",), password=password
        )
    seed_default = "1" if settings.env == "development" else "0"
    if settings.get("ROUTING_SEED_DEMO", seed_default) == "1" and not settings.is_production:
        seed_demo_staff(database)
    if settings.is_production:
        with database.transaction() as session:
            demo = session.scalar(
                select(func.count()).select_from(StaffAccount).where(StaffAccount.demo.is_(True))
            )
        if demo:
            raise UnsafeProductionSettings(
                "demo staff accounts exist; remove them before starting in production"
            )
