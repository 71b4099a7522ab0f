"""The form fields every pilot format asks a contributor for: their name, their e-mail address,
and the language of the mails they get back."""

from __future__ import annotations

from marshmallow import validate

from sammen.schemas import EmailAddress, Line
from sammen.vocabulary import N_
from sammen.web import LANGUAGES


def contributor_name() -> Line:
    """The name the contributor gives (required, one line, at most 120 characters)."""
    return Line(
        required=True,
        validate=validate.Length(1, 120, error=N_("Skriv dit navn (højst 120 tegn)")),
        error_messages={"required": N_("Skriv dit navn")},
    )


def contributor_email() -> EmailAddress:
    """The contributor's address, for receipts and follow-ups (required)."""
    return EmailAddress(
        required=True,
        validate=validate.Length(max=254),
        error_messages={
            "required": N_("Skriv din e-mailadresse"),
            "invalid": N_("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk"),
        },
    )


def mail_language(description: str) -> Line:
    """`da` or `en`, or none for the language of the call; `description` says which mails."""
    return Line(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(LANGUAGES, error=N_("Vælg da eller en")),
        metadata={"description": description},
    )
