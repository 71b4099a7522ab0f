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


def all_organizers(session: Session) -> list[Organizer]:
    """Every organizer, by kind and name."""
    return list(session.scalars(select(Organizer).order_by(Organizer.kind, Organizer.name)))


def organizer_names(session: Session) -> dict[str, str]:
    """Slug → name of every organizer."""
    return {slug: name for slug, name in session.execute(select(Organizer.slug, Organizer.name))}


def check_known(session: Session, slugs: Iterable[str], field: str = "organizers") -> None:
    """Every slug names an organizer; the first that does not is refused as `<field>.<index>`."""
    known = set(organizer_names(session))
    for index, slug in enumerate(slugs):
        if slug not in known:
            raise InvalidValue(f"{field}.{index}", N_("Ukendt arrangør: %(slug)s"), slug=slug)
