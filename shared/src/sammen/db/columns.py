"""Column types that mean the same in every service's tables, for `Mapped[...]` (`Mapped[X | None]`
where the column allows null); a column adds its own options with `mapped_column(...)`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, MappedColumn, Relationship, mapped_column, relationship

from sammen.db import UTCDateTime


class UTCTimes:
    """The declarative base's part every service's tables share: a `Mapped[datetime]` column
    keeps an aware UTC time."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


# A row's random id: a uuid4 as text.
UuidKey = Annotated[str, mapped_column(String(36), primary_key=True)]
# A row's number, counted by the database.
SerialKey = Annotated[int, mapped_column(primary_key=True, autoincrement=True)]
# A person's name: one who writes in, or a staff member.
PersonName = Annotated[str, mapped_column(String(120))]
# An e-mail address, as long as one can be.
Email = Annotated[str, mapped_column(String(254))]
# The address of a person who writes in: indexed, as erasure and access requests find them by it.
PersonEmail = Annotated[str, mapped_column(String(254), index=True)]
Phone = Annotated[str, mapped_column(String(40))]
# The language of the mails to a person: "da" or "en".
Language = Annotated[str, mapped_column(String(5))]
# The title of something created: an idea, a case, a hearing, a meeting.
Title = Annotated[str, mapped_column(String(200))]
# Text of any length that people write: a description, an answer, a reason.
Prose = Annotated[str, mapped_column(Text)]


class TimelineEntry:
    """A line of a timeline (routing's case, intake's idea): when it happened and what kind of
    thing it was; the table adds who and what."""

    id: Mapped[SerialKey]
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(30))


class InitiatorContact:
    """The contact of an idea's initiator, as the idea brought it (intake's idea, routing's case):
    staff only, never logged, erased on request; the age group stays, as it identifies nobody."""

    initiator_name: Mapped[PersonName | None]
    initiator_email: Mapped[PersonEmail | None]
    initiator_phone: Mapped[Phone | None]
    initiator_organisation: Mapped[str | None] = mapped_column(String(160))
    initiator_age_group: Mapped[str | None] = mapped_column(String(20))


class AgentContact:
    """The sparring agent's work contact, from `case.assigned`: public by design."""

    agent_name: Mapped[PersonName | None]
    agent_email: Mapped[Email | None]
    agent_phone: Mapped[Phone | None]


def owned_by(parent_key: str) -> MappedColumn[Any]:
    """The key of the row this one is part of (`parent_key`, "table.column"): deleted with it, and
    indexed, as a row's parts are read together."""
    return mapped_column(ForeignKey(parent_key, ondelete="CASCADE"), index=True)


def keyed_by(parent_key: str) -> MappedColumn[Any]:
    """The key of the row this one is part of (`parent_key`, "table.column"), which is also (part
    of) this row's own key: deleted with it, and found by the primary key's index."""
    return mapped_column(ForeignKey(parent_key, ondelete="CASCADE"), primary_key=True)


def parts(order_by: str) -> Relationship[Any]:
    """A row's parts, in the order `order_by` names: saved and deleted with the row."""
    return relationship(order_by=order_by, cascade="all, delete-orphan")
