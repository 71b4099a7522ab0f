"""The mails a format sends the people who answered it, once each, through notify."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.contracts import NotificationRequested
from sammen.pilot_formats.contributors import Contributor
from sammen.requested_mail import mail_request


def to_contributor(
    contributor: Contributor, category: str, subject: str, paragraphs: Sequence[str]
) -> NotificationRequested:
    """`notification.requested` of one mail of `category` to the contributor, in their language.

    Its reference is the category and their first answer, so a repeated publication never mails
    them twice."""
    return mail_request(
        f"{category}:{contributor.first_answer_id}",
        (contributor.name, contributor.email),
        contributor.language,
        category,
        subject,
        "\n\n".join(paragraphs) + "\n",
    )


def queue_mail(
    session: Session, service: str, mail: NotificationRequested, about: str, now: datetime
) -> None:
    """`mail` to notify through the outbox, in the same transaction as the change behind it; the
    event's subject is `about`, the answer it concerns."""
    emit(session, mail.to_event(service, now, about))


def mail_each(
    session: Session,
    service: str,
    told: Iterable[Contributor],
    write: Callable[[Contributor], NotificationRequested],
    now: datetime,
) -> None:
    """The mail `write` words for each of `told`, queued as `queue_mail` does; each event's subject
    is the contributor's first answer."""
    for contributor in told:
        queue_mail(session, service, write(contributor), contributor.first_answer_id, now)
