"""The mails a format sends the people who answered it, once each, through notify."""

from __future__ import annotations

from collections.abc import Sequence

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
