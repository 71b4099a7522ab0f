"""Routing's tables: staff accounts, cases with their timeline and links, associations, audit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sammen.db import columns


class Base(columns.UTCTimes, DeclarativeBase):
    pass


class StaffAccount(Base):
    """A staff member: login, roles, and for agents the areas they cover and their work contact."""

    __tablename__ = "staff_accounts"

    id: Mapped[columns.SerialKey]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[columns.PersonName]
    # None for accounts that log in through an outside provider (OIDC), never through a password.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # The provider's stable id (`sub`) of a person who signs in with single sign-on.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    roles: Mapped[str] = mapped_column(String(200))  # comma-separated sammen.auth.ROLES
    team: Mapped[str | None] = mapped_column(String(60))
    areas: Mapped[str] = mapped_column(String(1000), default="")  # comma-separated theme slugs
    phone: Mapped[columns.Phone | None]
    title: Mapped[str | None] = mapped_column(String(120))
    available: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]

    @property
    def role_list(self) -> tuple[str, ...]:
        return tuple(r for r in self.roles.split(",") if r)

    @property
    def area_list(self) -> list[str]:
        return [a for a in self.areas.split(",") if a]


class Case(columns.InitiatorContact, Base):
    __tablename__ = "cases"

    id: Mapped[columns.UuidKey]
    idea_id: Mapped[str] = mapped_column(String(36), unique=True)  # one case per idea
    tracking_code: Mapped[str] = mapped_column(String(12), index=True)
    title: Mapped[columns.Title]
    description: Mapped[columns.Prose]
    theme: Mapped[str] = mapped_column(String(60), index=True)
    channel: Mapped[str] = mapped_column(String(30))
    location: Mapped[str | None] = mapped_column(String(200))
    status_url: Mapped[str | None] = mapped_column(String(300))
    team: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(30), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    first_response_due: Mapped[datetime]
    sla_at_risk_from: Mapped[datetime]
    first_response_at: Mapped[datetime | None]
    sla_at_risk_sent_at: Mapped[datetime | None]
    sla_breached_sent_at: Mapped[datetime | None]
    consent_contact: Mapped[bool]
    consent_publish: Mapped[bool]
    published_at: Mapped[datetime | None]
    # Who took the case over at its last hand-over (work contact, shown publicly without e-mail).
    responsible_unit: Mapped[str | None] = mapped_column(String(160))
    responsible_name: Mapped[columns.PersonName | None]
    responsible_email: Mapped[columns.Email | None]
    erased_at: Mapped[datetime | None]

    assignee: Mapped[StaffAccount | None] = relationship(lazy="joined")
    entries: Mapped[list[CaseEntry]] = columns.parts("CaseEntry.id")
    links: Mapped[list[CaseLink]] = columns.parts("CaseLink.id")

    @property
    def has_personal_data(self) -> bool:
        return self.erased_at is None and bool(self.initiator_email or self.initiator_name)


class CaseEntry(columns.TimelineEntry, Base):
    """One line of the case's timeline: submission, assignment, message, note, status, link…"""

    __tablename__ = "case_entries"

    case_id: Mapped[str] = columns.owned_by("cases.id")
    author_id: Mapped[int | None] = mapped_column(Integer)
    author_name: Mapped[columns.PersonName | None]
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str | None] = mapped_column(String(30))
    text: Mapped[columns.Prose | None]


class CaseLink(Base):
    __tablename__ = "case_links"
    __table_args__ = (UniqueConstraint("case_id", "kind", "target"),)

    id: Mapped[columns.SerialKey]
    case_id: Mapped[str] = columns.owned_by("cases.id")
    kind: Mapped[str] = mapped_column(String(20))  # case, association, council, colleague
    target: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(Integer)


class AnswerTemplate(Base):
    """A short answer text agents start a message to the initiator from, per status and language."""

    __tablename__ = "answer_templates"

    id: Mapped[columns.SerialKey]
    status: Mapped[str] = mapped_column(String(30), index=True)
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(80))
    text: Mapped[columns.Prose]
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)


class Association(Base):
    """The small register of associations agents connect initiators with (public contact data)."""

    __tablename__ = "associations"

    id: Mapped[columns.SerialKey]
    name: Mapped[str] = mapped_column(String(160), unique=True)
    contact: Mapped[columns.Email]
    areas: Mapped[str] = mapped_column(String(1000), default="")


class AuditEntry(Base):
    """Who opened or exported personal data, and when (no personal data itself), in any service:
    routing writes its own entries, every other service's arrive as `audit.data_opened`."""

    __tablename__ = "audit_log"

    id: Mapped[columns.SerialKey]
    at: Mapped[datetime] = mapped_column(index=True)
    service: Mapped[str] = mapped_column(String(40), server_default="routing")
    staff_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)  # routing's entries
    subject: Mapped[str | None] = mapped_column(String(120))  # other services': the id opened


class PrivacyReport(Base):
    """One service's answer to an erasure or access request (`person.data_reported`)."""

    __tablename__ = "privacy_reports"
    __table_args__ = (UniqueConstraint("request_id", "service"),)

    id: Mapped[columns.SerialKey]
    request_id: Mapped[str] = mapped_column(String(36), index=True)
    service: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    summary: Mapped[columns.Prose]  # JSON: what was found or erased, counted
    data: Mapped[columns.Prose | None]  # JSON export, access requests only
    received_at: Mapped[datetime]
