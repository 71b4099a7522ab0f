"""A public consultation's course, as a hearing and a theme discussion share it: something put out
in parts (a hearing's sections, a discussion's questions) that people answer until its closing
time, each public answer waiting for the hub's moderators; staff read and export the answers on
the audit log; its closing is announced once; the conclusions per part follow, and everyone who
answered is told once, in their language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sammen.audit import record_opened
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.config import Settings
from sammen.contracts import Contract, NotificationRequested
from sammen.errors import Refused
from sammen.pilot_formats.answers import announce_closing, answers_to, count_answers, read_by_staff
from sammen.pilot_formats.contributors import Contributor, first_unknown_part, told_once
from sammen.pilot_formats.mails import mail_each, queue_mail, to_contributor
from sammen.pilot_formats.moderation import contribution_reported
from sammen.requested_mail import one_line

SIGNATURE = "Gentofte Kommune"


class Part(Protocol):
    """One part of what a consultation puts out: a hearing's section, a discussion's question."""

    id: int


P = TypeVar("P", bound=Part)


@dataclass(frozen=True)
class Consultation:
    """What a format puts out for answers: its table's `closes` column (the time answers stop),
    and its public page, `<base URL>/<path>/<id>`."""

    service: str
    closes: InstrumentedAttribute[datetime]
    path: str

    def url(self, settings: Settings, record_id: str) -> str:
        return f"{settings.base_url(self.service)}/{self.path}/{record_id}"

    def listed(self, session: Session) -> list[Any]:
        """Every one, the latest closing time first."""
        model: Any = self.closes.class_
        return list(session.scalars(select(model).order_by(self.closes.desc())))

    def opened(
        self, session: Session, record: Any, opened: Callable[[Any], Contract], now: datetime
    ) -> None:
        """`record` stored, and the event `opened` makes of it in the same transaction."""
        session.add(record)
        session.flush()
        emit(session, opened(record).to_event(self.service, now))

    def close_due(self, session: Session, now: datetime, closed: Callable[[Any], Contract]) -> int:
        """Announce, once, each one whose closing time has passed (the event `closed` makes)."""
        return announce_closing(session, self.service, self.closes, now, closed)


@dataclass(frozen=True)
class Answers:
    """A consultation's answers in their table: `parent` is the column naming what they answer,
    `kind` names them on the audit log (`<kind>_listed`, `<kind>_exported`), `writer` reads who
    wrote one, and `reason` is what the hub's moderators are asked of a new public one."""

    service: str
    parent: InstrumentedAttribute[str]
    kind: str
    writer: Callable[[Any], Contributor]
    reason: str

    def to(self, session: Session, parent_id: str, published_only: bool = False) -> list[Any]:
        """The answers to `parent_id`, oldest first (with `published_only`, those let through)."""
        return answers_to(session, self.parent, parent_id, published_only)

    def count(self, session: Session, parent_id: str) -> int:
        return count_answers(session, self.parent, parent_id)

    def read(
        self, session: Session, parent_id: str, staff: StaffIdentity, now: datetime
    ) -> list[Any]:
        """Every answer with its writer's name and address, as `staff` open them."""
        found = self.to(session, parent_id)
        action = f"{self.kind}_listed"
        return read_by_staff(session, self.service, staff, action, parent_id, found, now)

    def record_export(
        self, session: Session, parent_id: str, staff: StaffIdentity, now: datetime
    ) -> None:
        """On the audit log: `staff` exported the answers to `parent_id`. The file takes every
        writer's name and address out of the service."""
        record_opened(session, self.service, staff, f"{self.kind}_exported", parent_id, now)

    def writers(self, session: Session, parent_id: str) -> list[Contributor]:
        """Who answered `parent_id`, each once."""
        return told_once(self.writer(answer) for answer in self.to(session, parent_id))

    def taken(
        self,
        session: Session,
        settings: Settings,
        answer: Any,
        *,
        text: str,
        receipt: Callable[[Contributor], NotificationRequested],
        submitted: Contract,
        moderated_at: str | None,
        now: datetime,
    ) -> None:
        """`answer` (its `text`) stored with, in its transaction, the `receipt` to its writer, the
        event that it came and, for an answer that shows once a moderator lets it through, its
        report to the hub's moderation queue, which links to it `moderated_at` that page."""
        session.add(answer)
        session.flush()
        writer = self.writer(answer)
        queue_mail(session, self.service, receipt(writer), answer.id, now)
        emit(session, submitted.to_event(self.service, now))
        if moderated_at is not None:
            reported = contribution_reported(
                settings,
                answer.id,
                text=text,
                author_email=writer.email,
                reason=self.reason,
                url=moderated_at,
                now=now,
            )
            emit(session, reported)

    def tell_concluded(
        self,
        session: Session,
        parent_id: str,
        concluded: Callable[[list[Contributor]], Contract],
        mail: Callable[[Contributor], NotificationRequested],
        now: datetime,
    ) -> None:
        """The event `concluded` makes of who answered, and the `mail` to each of them once."""
        told = self.writers(session, parent_id)
        emit(session, concluded(told).to_event(self.service, now))
        mail_each(session, self.service, told, mail, now)


class UnknownPart(Refused):
    """A part named that the consultation does not have: an answer's (on `field`), or one that the
    conclusions answer (on `conclusions_field`, with the part's id in the message)."""

    conclusions_field = ""

    def __init__(self, part_id: int | None = None) -> None:
        if part_id is None:
            super().__init__()
        else:
            message = f"{self.message.rstrip('.')}: {part_id}"
            super().__init__(message, self.conclusions_field)
        self.part_id = part_id


def part_named(parts: Iterable[P], part_id: int, unknown: type[Exception]) -> P:
    """The part with the id, else `unknown` is raised."""
    part = next((p for p in parts if p.id == part_id), None)
    if part is None:
        raise unknown
    return part


def parts_answered(
    parts: Iterable[P],
    answers: Sequence[Mapping[str, Any]],
    key: str,
    unknown: Callable[[int], Exception],
) -> list[tuple[P, Mapping[str, Any]]]:
    """Each of `answers` (the conclusions per part) with the part it names by `key`; `unknown` of
    the first id that is not one of `parts` is raised instead, before anything changes."""
    by_id = {part.id: part for part in parts}
    missing = first_unknown_part(by_id, answers, key)
    if missing is not None:
        raise unknown(missing)
    return [(by_id[answer[key]], answer) for answer in answers]


def letter(
    writer: Contributor, category: str, words: Callable[[], tuple[str, list[str]]]
) -> NotificationRequested:
    """A mail of `category` to someone who answered: the subject and paragraphs `words` gives in
    their language, between the greeting and the municipality's signature."""
    with force_locale(writer.language):
        subject, paragraphs = words()
        greeting = _("Kære %(name)s", name=one_line(writer.name))
        signed = _("Venlig hilsen") + "\n" + SIGNATURE
    return to_contributor(writer, category, subject, [greeting, *paragraphs, signed])
