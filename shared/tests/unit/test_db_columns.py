"""The column types and groups the services' tables share (sammen.db.columns)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped

from sammen.db import UTCDateTime, columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class Idea(columns.InitiatorContact, Base):
    __tablename__ = "ideas"

    id: Mapped[columns.UuidKey]
    title: Mapped[columns.Title]
    submitted_at: Mapped[datetime]

    notes: Mapped[list[Note]] = columns.parts("Note.id")


class Note(columns.TimelineEntry, Base):
    __tablename__ = "notes"

    idea_id: Mapped[str] = columns.owned_by("ideas.id")
    author_name: Mapped[columns.PersonName | None]


class Closing(Base):
    __tablename__ = "closings"

    idea_id: Mapped[str] = columns.keyed_by("ideas.id")


def test_a_type_gives_its_column_and_null_only_where_the_annotation_allows_it():
    ideas, notes = Idea.__table__.c, Note.__table__.c
    assert (ideas.id.primary_key, ideas.id.type.length) == (True, 36)
    assert (ideas.title.type.length, ideas.title.nullable) == (200, False)
    assert (notes.author_name.type.length, notes.author_name.nullable) == (120, True)
    assert isinstance(ideas.submitted_at.type, UTCDateTime)


def test_the_initiators_address_is_indexed_for_erasure_and_access_requests():
    email = Idea.__table__.c.initiator_email
    assert (isinstance(email.type, String), email.type.length, email.index) == (True, 254, True)
    assert Idea.__table__.c.initiator_age_group.nullable


def test_a_rows_parts_go_with_it():
    idea_id = Note.__table__.c.idea_id
    assert [key.ondelete for key in idea_id.foreign_keys] == ["CASCADE"]
    assert idea_id.index
    assert Idea.notes.property.cascade.delete_orphan


def test_a_row_keyed_by_the_row_it_is_part_of_goes_with_it_and_needs_no_index_of_its_own():
    idea_id = Closing.__table__.c.idea_id
    assert [key.ondelete for key in idea_id.foreign_keys] == ["CASCADE"]
    assert (idea_id.primary_key, idea_id.index) == (True, None)


def test_a_timeline_entry_is_numbered_and_says_when_and_what_kind():
    notes = Note.__table__.c
    assert (notes.id.primary_key, notes.id.autoincrement) == (True, True)
    assert (isinstance(notes.at.type, UTCDateTime), notes.kind.type.length) == (True, 30)
