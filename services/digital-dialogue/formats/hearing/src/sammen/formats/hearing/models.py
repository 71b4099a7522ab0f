"""The hearing's tables: hearings with their sections, and the answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import columns
from sammen.pilot_formats.moderation import ModeratedColumns
from sammen.pilot_formats.tables import ConsultationColumns, PartColumns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Hearing(ConsultationColumns, Base):
    """A hearing; its `summary` is the høringsnotat, `closed_at` when hearing_closed was sent."""

    __tablename__ = "hearings"

    introduction: Mapped[columns.Prose]
    opens_at: Mapped[datetime]
    deadline: Mapped[datetime] = mapped_column(index=True)
    answer_mode: Mapped[str] = mapped_column(String(20))  # "public" or "internal"
    summary_published_at: Mapped[datetime | None]

    sections: Mapped[list[Section]] = columns.parts("Section.position")


class Section(PartColumns, Base):
    __tablename__ = "sections"

    hearing_id: Mapped[str] = columns.owned_by("hearings.id")
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[columns.Prose]
    # The høringsnotat for this section: the municipality's answer, and whether the text changes.
    answer: Mapped[columns.Prose | None]
    changed: Mapped[bool | None]


class Response(ModeratedColumns, Base):
    __tablename__ = "responses"

    id: Mapped[columns.UuidKey]
    hearing_id: Mapped[str] = columns.owned_by("hearings.id")
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    # The respondent's contact: shown to staff and in the export, never in events or logs.
    respondent_name: Mapped[columns.PersonName]
    respondent_email: Mapped[columns.PersonEmail]
    organisation: Mapped[str | None] = mapped_column(String(160))
    # The language the respondent wrote in ("da" or "en"): the mails to them are in it.
    language: Mapped[str] = mapped_column(String(5), default="da", server_default="da")
    body: Mapped[columns.Prose]

    section: Mapped[Section | None] = relationship()

    @property
    def signature(self) -> str:
        """The name a published answer is shown under: the organisation, else the respondent."""
        return self.organisation or self.respondent_name
