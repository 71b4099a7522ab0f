"""The hearing's tables: hearings with their sections, and the answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Hearing(Base):
    __tablename__ = "hearings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text)
    opens_at: Mapped[datetime]
    deadline: Mapped[datetime] = mapped_column(index=True)
    answer_mode: Mapped[str] = mapped_column(String(20))  # "public" or "internal"
    created_at: Mapped[datetime]
    created_by: Mapped[int]
    closed_at: Mapped[datetime | None]  # when hearing_closed was sent
    summary: Mapped[str | None] = mapped_column(Text)  # the høringsnotat
    summary_published_at: Mapped[datetime | None]

    sections: Mapped[list[Section]] = relationship(
        order_by="Section.position", cascade="all, delete-orphan"
    )


class Section(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    hearing_id: Mapped[str] = mapped_column(
        ForeignKey("hearings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # The høringsnotat for this section: the municipality's answer, and whether the text changes.
    answer: Mapped[str | None] = mapped_column(Text)
    changed: Mapped[bool | None]


class Response(Base):
    __tablename__ = "responses"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hearing_id: Mapped[str] = mapped_column(
        ForeignKey("hearings.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    # The respondent's contact: shown to staff and in the export, never in events or logs.
    respondent_name: Mapped[str] = mapped_column(String(120))
    respondent_email: Mapped[str] = mapped_column(String(254), index=True)
    organisation: Mapped[str | None] = mapped_column(String(160))
    # The language the respondent wrote in ("da" or "en"): the mails to them are in it.
    language: Mapped[str] = mapped_column(String(5), default="da", server_default="da")
    body: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime]
    moderation: Mapped[str] = mapped_column(String(20))
    moderation_reason: Mapped[str | None] = mapped_column(Text)

    section: Mapped[Section | None] = relationship()

    @property
    def signature(self) -> str:
        """The name a published answer is shown under: the organisation, else the respondent."""
        return self.organisation or self.respondent_name
