"""The organizers that hold events: the seeded ones, and looking them up by slug."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.calendar.catalogue import seeded_organizers
from sammen.calendar.errors import InvalidValue
from sammen.calendar.models import Organizer
from sammen.vocabulary import N_


def seed_organizers(session: Session, committees: str) -> None:
    """The councils, the committees of CALENDAR_COMMITTEES and the dialogue formats (idempotent)."""
    existing = set(session.scalars(select(Organizer.slug)))
    for slug, name, kind in seeded_organizers(committees):
        if slug not in existing:
            session.add(Organizer(slug=slug, name=name, kind=kind))


def all_organizers(session: Session, kind: str | None = None) -> list[Organizer]:
    """Every organizer (or those of one kind), by kind and name."""
    query = select(Organizer).order_by(Organizer.kind, Organizer.name)
    if kind is not None:
        query = query.where(Organizer.kind == kind)
    return list(session.scalars(query))


def add_organizer(session: Session, slug: str, name: str, kind: str) -> Organizer:
    """A new organizer, with its own feed; secretaries are then mapped to it as to a council."""
    if session.get(Organizer, slug) is not None:
        raise InvalidValue(
            "slug", N_("Der findes allerede en arrangør med adressen %(slug)s"), slug=slug
        )
    organizer = Organizer(slug=slug, name=name, kind=kind)
    session.add(organizer)
    session.flush()
    return organizer


def organizer_names(session: Session) -> dict[str, str]:
    """Slug → name of every organizer."""
    return {slug: name for slug, name in session.execute(select(Organizer.slug, Organizer.name))}


def check_known(session: Session, slugs: Iterable[str], field: str = "organizers") -> None:
    """Every slug names an organizer; the first that does not is refused as `<field>.<index>`."""
    known = set(organizer_names(session))
    for index, slug in enumerate(slugs):
        if slug not in known:
            raise InvalidValue(f"{field}.{index}", N_("Ukendt arrangør: %(slug)s"), slug=slug)
