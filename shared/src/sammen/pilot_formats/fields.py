"""The form field every pilot format asks a contributor for beside their name and e-mail address
(`sammen.schemas.person_name` and `person_email`): the language of the mails they get back."""

from __future__ import annotations

from marshmallow import validate

from sammen.schemas import Line
from sammen.vocabulary import N_
from sammen.web import LANGUAGES


def mail_language(description: str) -> Line:
    """`da` or `en`, or none for the language of the call; `description` says which mails."""
    return Line(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(LANGUAGES, error=N_("Vælg da eller en")),
        metadata={"description": description},
    )
