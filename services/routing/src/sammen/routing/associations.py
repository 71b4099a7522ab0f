"""The association register: the associations, clubs and groups agents connect initiators with."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.routing.errors import Refused
from sammen.routing.models import Association


def registered(session: Session) -> list[Association]:
    return list(session.scalars(select(Association).order_by(Association.name)))


def register(session: Session, name: str, contact: str, areas: Sequence[str]) -> Association:
    """Add an association; a name already in the register is refused (one entry per association)."""
    if session.scalar(select(Association.id).where(Association.name == name)) is not None:
        raise Refused("name", "The association is in the register already.")
    association = Association(name=name, contact=contact, areas=",".join(areas))
    session.add(association)
    session.flush()
    return association
