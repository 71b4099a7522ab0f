"""The columns every consultation's tables keep (a hearing's, a theme discussion's), beside those
in its own words: what it put out, and its parts (see `sammen.pilot_formats.consultation`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped

from sammen.db import columns


class ConsultationColumns:
    """Its id and title, who put it out and when, when its closing was announced (`closed_at`,
    which `sammen.pilot_formats.answers.closing` sets once), and the conclusions overall."""

    id: Mapped[columns.UuidKey]
    title: Mapped[columns.Title]
    created_at: Mapped[datetime]
    created_by: Mapped[int]
    closed_at: Mapped[datetime | None]
    summary: Mapped[columns.Prose | None]


class PartColumns:
    """One part of what a consultation put out (a hearing's section, a discussion's question): its
    id, and its place among the others (what `columns.parts` orders them by)."""

    id: Mapped[columns.SerialKey]
    position: Mapped[int]
