"""The form field every pilot format asks a contributor for beside their name and e-mail address
(`sammen.schemas.person_name` and `person_email`): the language of the mails they get back; and
the rule for a list that answers a publication's parts: each part named once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError, validate, validates_schema

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


def each_part_once(field: str, key: str, message: str) -> Callable[..., None]:
    """A schema's check that the items of its list `field` name each part by `key` at most once;
    else `message` (a Danish text the service translates) on `field`."""

    @validates_schema
    def named_once(_schema: Schema, data: dict[str, Any], **_kwargs: Any) -> None:
        named = [item[key] for item in data.get(field) or []]
        if len(named) != len(set(named)):
            raise ValidationError(message, field)

    return named_once
