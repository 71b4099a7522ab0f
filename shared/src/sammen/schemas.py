"""What every service's input schemas share: text from people, cleaned and checked the same way.

Every text field of an input schema is a `Line` (names, e-mail addresses, titles, places, slugs:
one line, no control character) or a `Text` (descriptions, messages: line breaks and tabs, no other
control character). A line break in a name would otherwise reach a mail header, and a control
character in any text confuses whatever shows or sends it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

from marshmallow import Schema, fields, missing, pre_load, validate

from sammen.vocabulary import N_

# C0 and C1 control characters and DEL; a Line also refuses Unicode's line and paragraph
# separators, which some mail and text libraries split lines at.
_LINE_REFUSES = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
_TEXT_REFUSES = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_STRICTER = (validate.Regexp, validate.OneOf)


def is_one_line(text: str) -> bool:
    """What a `Line` accepts, for a page form read without a schema."""
    return re.search(f"[{_LINE_REFUSES}]", text) is None


class _CheckedText(fields.String):
    """A string without the characters in `refuses` (a regular-expression character range). The
    OpenAPI document states the same rule as the field's `pattern`, unless a stricter rule of the
    field (a pattern of its own, a list of choices) already says it."""

    refuses: str
    default_error_messages = {"control_character": N_("Fjern styretegnet fra teksten")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._refused = re.compile(f"[{self.refuses}]")
        if not any(isinstance(rule, _STRICTER) for rule in self.validators):
            self.metadata = {"pattern": f"^[^{self.refuses}]*$", **self.metadata}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if self._refused.search(text):
            raise self.make_error("control_character")
        return text


class Line(_CheckedText):
    """One line of text: a name, an e-mail address, a title, a place, a slug, a code."""

    refuses = _LINE_REFUSES
    default_error_messages = {
        "control_character": N_("Skriv det på én linje, uden linjeskift eller andre styretegn")
    }


class Text(_CheckedText):
    """Text of one or more lines, as a text area sends it (line breaks and tabs)."""

    refuses = _TEXT_REFUSES


_FieldT = TypeVar("_FieldT", bound=_CheckedText)


class EmailAddress(Line, fields.Email):
    """An e-mail address: one line, and valid as an address."""


class CleanedInputSchema(Schema):
    """Surrounding spaces are noise, and a field left empty was not filled in: a required one reads
    as missing (so the person sees "Give your idea a title", not a length rule) and an optional
    one takes its default. A text longer than its field allows is left as sent, for the length
    rule to refuse: the published maxLength is about what is sent, trimmed or not."""

    @pre_load
    def strip_text(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, dict):
            return data
        cleaned = {}
        for key, value in data.items():
            field = self.fields.get(key)
            if isinstance(value, str) and not _longer_than_allowed(field, value):
                value = value.strip()
                if value == "" and field is not None:
                    if field.required:
                        continue
                    value = _default(field.load_default)
            cleaned[key] = value
        return cleaned


def _longer_than_allowed(field: fields.Field | None, text: str) -> bool:
    limits = [
        rule.max
        for rule in (field.validators if field is not None else ())
        if isinstance(rule, validate.Length) and rule.max is not None
    ]
    return any(len(text) > limit for limit in limits)


def _default(load_default: Any) -> Any:
    if load_default is missing:
        return ""
    return load_default() if callable(load_default) else load_default


def person_name() -> Line:
    """The name of a person who writes in (an initiator, a registrant, a proposer)."""
    return Line(
        required=True,
        validate=validate.Length(1, 120, error=N_("Skriv dit navn (højst 120 tegn)")),
        error_messages={"required": N_("Skriv dit navn")},
    )


def person_email() -> EmailAddress:
    """The e-mail address of a person who writes in: where the answers to them go."""
    return required_email(
        N_("Skriv din e-mailadresse"), N_("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk")
    )


def required_email(missing: str, invalid: str) -> EmailAddress:
    """An e-mail address the form must have; `missing` and `invalid` are what the person is told
    when it has none or one that is not an address."""
    return EmailAddress(
        required=True,
        validate=validate.Length(max=254),
        error_messages={"required": missing, "invalid": invalid},
    )


class PersonInSchema(CleanedInputSchema):
    """A person who writes in: their name, and the address the answers to them go to."""

    name = person_name()
    email = person_email()


def required_line(
    low: int, high: int, wrong_length: str, missing: str, description: str | None = None
) -> Line:
    """A line the person must fill in, `low`–`high` characters; `wrong_length` and `missing` are
    what they are told when it is not."""
    return _required(Line, low, high, wrong_length, missing, description)


def required_text(
    low: int, high: int, wrong_length: str, missing: str, description: str | None = None
) -> Text:
    """A text the person must write (a description, an answer, a reason), `low`–`high`
    characters; `wrong_length` and `missing` are what they are told when it is not."""
    return _required(Text, low, high, wrong_length, missing, description)


def _required(
    kind: type[_FieldT],
    low: int,
    high: int,
    wrong_length: str,
    missing: str,
    description: str | None,
) -> _FieldT:
    return kind(
        required=True,
        validate=validate.Length(low, high, error=wrong_length),
        error_messages={"required": missing},
        metadata=_described(description),
    )


def optional_line(high: int, description: str | None = None) -> Line:
    """A line the person may leave out (null), at most `high` characters."""
    return _optional(Line, high, description)


def optional_text(high: int, description: str | None = None) -> Text:
    """A text the person may leave out (null), at most `high` characters."""
    return _optional(Text, high, description)


def _optional(kind: type[_FieldT], high: int, description: str | None) -> _FieldT:
    return kind(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=high),
        metadata=_described(description),
    )


def choice(
    choices: Iterable[str],
    wrong: str | None = None,
    missing: str | None = None,
    description: str | None = None,
) -> Line:
    """One of `choices`, which the person must pick; `wrong` is what they are told of anything
    else and `missing` when they pick nothing (marshmallow's own words where not given)."""
    return Line(
        required=True,
        validate=validate.OneOf(list(choices), error=wrong),
        error_messages=_told_when_missing(missing),
        metadata=_described(description),
    )


def optional_choice(
    choices: Iterable[str], wrong: str | None = None, description: str | None = None
) -> Line:
    """One of `choices`, or nothing (null); `wrong` is what the person is told of anything else."""
    return Line(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(list(choices), error=wrong),
        metadata=_described(description),
    )


def list_limit() -> fields.Integer:
    """How many entries a list answers with at the most: 100 unless the query asks for 1–500."""
    return fields.Integer(
        load_default=100, validate=validate.Range(1, 500, error="limit: between 1 and 500")
    )


def _told_when_missing(missing: str | None) -> dict[str, str]:
    return {} if missing is None else {"required": missing}


def _described(description: str | None) -> dict[str, str]:
    return {} if description is None else {"description": description}


def title_field(missing: str) -> Line:
    """The title of what someone creates (an idea, a hearing, a meeting): 3–200 characters;
    `missing` asks for it."""
    return required_line(3, 200, N_("Titlen skal være 3–200 tegn"), missing)


class StatusOutSchema(Schema):
    """What an API answers of one thing a call made or changed: its id, and its status now."""

    id = fields.String()
    status = fields.String()


class TimelineEntrySchema(Schema):
    """A line of a timeline as the API gives it (`sammen.db.columns.TimelineEntry`): when it
    happened and what kind of thing it was."""

    at = fields.DateTime()
    kind = fields.String()


class IdeaHeadlineSchema(Schema):
    """What an answer about an idea starts with, in intake (its status) and in routing (its case):
    the tracking code, the title, the theme and the status."""

    tracking_code = fields.String()
    title = fields.String()
    theme = fields.String()
    status = fields.String()


class NamedOutSchema(Schema):
    """An entry of a list people pick from (a theme, a topic, an organizer, a format): its slug,
    and the name they read."""

    slug = fields.String()
    name = fields.String()
