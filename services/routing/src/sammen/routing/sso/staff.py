"""From the provider's claims to Sammen's staff account: who the person is, which roles the
provider gives them, and the account created on their first sign-in and brought up to date at
every one after (name, e-mail, roles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.contracts import SecretaryOrganizersAssigned
from sammen.routing.accounts import create_account, set_roles
from sammen.routing.models import StaffAccount
from sammen.routing.sso.client import SignInRefused
from sammen.routing.sso.config import SsoSettings


@dataclass(frozen=True)
class ProviderPerson:
    """What the provider vouches for in a validated ID token."""

    subject: str
    email: str
    name: str
    roles: tuple[str, ...]
    groups: tuple[str, ...]


def _claim_values(claim: Any) -> tuple[str, ...]:
    """A claim of several values: a JSON list (Entra ID's roles and groups) or one string."""
    if isinstance(claim, str):
        return tuple(claim.split())
    if isinstance(claim, list):
        return tuple(value for value in claim if isinstance(value, str))
    return ()


def person_from_claims(config: SsoSettings, claims: dict[str, Any]) -> ProviderPerson:
    """Entra ID names the address `email` when the tenant has one, else `preferred_username`."""
    subject = claims.get("sub")
    email = claims.get("email") or claims.get("preferred_username")
    if not isinstance(subject, str) or not isinstance(email, str) or "@" not in email:
        raise SignInRefused("claims")
    email = email.strip().lower()
    name = claims.get("name") if isinstance(claims.get("name"), str) else ""
    return ProviderPerson(
        subject=subject,
        email=email,
        name=(name or email).strip()[:120],
        roles=config.roles_for(_claim_values(claims.get(config.roles_claim))),
        groups=_claim_values(claims.get(config.groups_claim)),
    )


def _account_of(
    session: Session, config: SsoSettings, person: ProviderPerson
) -> StaffAccount | None:
    """The person's account: by the provider's id, else an account made for their e-mail before
    single sign-on (never the break-glass admin's, which stays the operator's own)."""
    account = session.scalar(
        select(StaffAccount).where(StaffAccount.oidc_subject == person.subject)
    )
    holder = session.scalar(
        select(StaffAccount).where(func.lower(StaffAccount.email) == person.email)
    )
    if account is None and holder is not None and holder.oidc_subject is None:
        account, holder = holder, None
    if (holder is not None and holder is not account) or person.email == config.break_glass_email:
        raise SignInRefused("account_conflict")
    return account


def record_sign_in(
    session: Session, config: SsoSettings, person: ProviderPerson, now: datetime
) -> StaffAccount | None:
    """The person's account as the provider describes them now; None when the provider gives
    them no role in Sammen (an existing account then loses its roles, so nothing of it remains
    usable)."""
    account = _account_of(session, config, person)
    if account is not None and not account.active:
        raise SignInRefused("account_inactive")
    if not person.roles:
        if account is not None:
            set_roles(session, account, ())
        return None
    if account is None:
        account = create_account(
            session,
            email=person.email,
            name=person.name,
            roles=person.roles,
            password=None,
            now=now,
        )
    account.oidc_subject = person.subject
    account.email, account.name = person.email, person.name
    set_roles(session, account, person.roles)
    session.flush()
    if config.council_map and "council_secretary" in person.roles:
        _assign_secretary_organizers(session, account, config.councils_for(person.groups), now)
    return account


def _assign_secretary_organizers(
    session: Session, account: StaffAccount, organizers: list[str], now: datetime
) -> None:
    """The provider's groups decide which organizers a council secretary writes for in the
    calendar: the whole set, at every sign-in."""
    assigned = SecretaryOrganizersAssigned(
        staff_id=account.id, email=account.email, organizers=organizers, assigned_at=now.isoformat()
    )
    emit(session, assigned.to_event("routing", now))
