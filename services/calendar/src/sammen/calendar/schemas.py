"""The calendar API's shapes (marshmallow 4); they also validate the staff and registration forms."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from sammen.calendar.catalogue import KINDS, ORGANIZER_KINDS, ORGANIZER_SLUG, TOPICS
from sammen.calendar.times import (
    NONEXISTENT_TIME,
    NonexistentLocalTime,
    parse_local_datetime,
    to_local,
)
from sammen.schemas import (
    CleanedInputSchema,
    Line,
    NamedOutSchema,
    PersonInSchema,
    StatusOutSchema,
    Text,
    choice,
    optional_line,
    required_line,
    title_field,
)
from sammen.vocabulary import N_


class LocalDateTime(fields.Field):
    """ISO 8601 in and out; a time without offset is Copenhagen time. Out: with the local offset.

    The same reading for the API and the staff form: the hour skipped in March is refused, the
    hour repeated in October is its first occurrence unless an offset (+01:00) says otherwise."""

    default_error_messages = {
        "invalid": N_("Skriv et tidspunkt i ISO 8601, fx 2026-10-06T18:00"),
        "nonexistent": NONEXISTENT_TIME,
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return parse_local_datetime(value)
        except NonexistentLocalTime:
            raise self.make_error("nonexistent") from None
        except ValueError:
            raise self.make_error("invalid") from None

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else to_local(value).isoformat()


def listed_choice(choices: Collection[str], wrong: str, missing: str | None = None) -> Line:
    """One of `choices`, which the person must pick; the OpenAPI document lists them."""
    return choice(choices, wrong, missing, description=_one_of(choices))


def _one_of(choices: Collection[str]) -> str:
    return "One of " + ", ".join(choices)


class RegistrationSettingsSchema(Schema):
    capacity = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(1, 100_000, error=N_("Antal pladser skal være 1–100000")),
        error_messages={"required": N_("Skriv antal pladser")},
    )
    deadline = LocalDateTime(load_default=None, allow_none=True)


class EventInSchema(CleanedInputSchema):
    title = title_field(N_("Giv arrangementet en titel"))
    description = Text(load_default="", validate=validate.Length(max=10_000))
    starts_at = LocalDateTime(
        required=True, error_messages={"required": N_("Skriv hvornår det begynder")}
    )
    ends_at = LocalDateTime(
        required=True, error_messages={"required": N_("Skriv hvornår det slutter")}
    )
    location = Line(load_default="", validate=validate.Length(max=300))
    organizers = fields.List(
        Line(),
        required=True,
        validate=validate.Length(min=1, max=10, error=N_("Vælg 1–10 arrangører")),
        error_messages={"required": N_("Vælg mindst én arrangør")},
        metadata={"description": "Organizer slugs; several make a joint meeting"},
    )
    kind = listed_choice(KINDS, N_("Vælg en mødeform fra listen"), N_("Vælg en mødeform"))
    topics = fields.List(
        Line(validate=validate.OneOf(list(TOPICS), error=N_("Ukendt emne"))),
        load_default=list,
        validate=validate.Length(max=10),
    )
    public = fields.Boolean(load_default=True)
    rrule = optional_line(
        300, description="RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3"
    )
    exdates = fields.List(
        Line(),
        load_default=list,
        validate=validate.Length(max=200),
        metadata={"description": "Occurrences to skip: dates or local times, ISO 8601"},
    )
    registration = fields.Nested(RegistrationSettingsSchema, load_default=None, allow_none=True)


class EventPatchSchema(EventInSchema):
    """The same fields, each optional (used with partial=True)."""


class CancelSchema(CleanedInputSchema):
    reason = Text(load_default="", validate=validate.Length(max=2000))


class SignUpCountsSchema(Schema):
    """How many of a meeting's sign-ups have a seat, and how many wait for one."""

    confirmed = fields.Integer()
    waitlisted = fields.Integer()


class RegistrationOutSettingsSchema(SignUpCountsSchema):
    capacity = fields.Integer()
    deadline = LocalDateTime(allow_none=True)


class EventSchema(Schema):
    id = fields.String()
    title = fields.String()
    description = fields.String()
    starts_at = LocalDateTime(metadata={"description": "This occurrence's start"})
    ends_at = LocalDateTime()
    recurrence_id = LocalDateTime(
        allow_none=True, metadata={"description": "The original start of a recurring instance"}
    )
    timezone = fields.String()
    location = fields.String()
    organizers = fields.List(fields.String())
    kind = fields.String()
    topics = fields.List(fields.String())
    public = fields.Boolean()
    rrule = fields.String(allow_none=True)
    exdates = fields.List(fields.String())
    status = fields.String()
    sequence = fields.Integer()
    registration = fields.Nested(RegistrationOutSettingsSchema, allow_none=True)
    url = fields.String()
    ics_url = fields.String()


class EventQuerySchema(Schema):
    from_ = LocalDateTime(data_key="from", load_default=None)
    to = LocalDateTime(load_default=None)
    organizer = Line(load_default=None)
    topic = Line(load_default=None)
    kind = Line(load_default=None)
    initiative = Line(load_default=None, metadata={"description": "Who took the initiative"})


class OrganizerSchema(NamedOutSchema):
    kind = fields.String()
    feed_url = fields.String()


class OrganizerInSchema(CleanedInputSchema):
    slug = Line(
        required=True,
        validate=[
            validate.Length(2, 80, error=N_("Adressen skal være 2–80 tegn")),
            validate.Regexp(
                ORGANIZER_SLUG, error=N_("Brug små bogstaver a–z, tal og bindestreger")
            ),
        ],
        error_messages={"required": N_("Giv arrangøren en adresse (fx ny-taenketank)")},
        metadata={"description": "The organizer's address in feeds and filters, e.g. groent-raad"},
    )
    name = required_line(2, 160, N_("Navnet skal være 2–160 tegn"), N_("Giv arrangøren et navn"))
    kind = listed_choice(
        ORGANIZER_KINDS,
        N_("Vælg en slags arrangør fra listen"),
        N_("Vælg hvilken slags arrangør det er"),
    )


class OrganizerQuerySchema(Schema):
    kind = Line(
        load_default=None,
        validate=validate.OneOf(list(ORGANIZER_KINDS), error=N_("Ukendt slags arrangør")),
        metadata={"description": _one_of(ORGANIZER_KINDS)},
    )


class TopicSchema(NamedOutSchema):
    """A topic a meeting can be about."""


class RegistrationInSchema(PersonInSchema):
    """Who signs up for an event."""


class RegistrationOutSchema(StatusOutSchema):
    event_id = fields.String()
    cancel_url = fields.String()


class RegistrantSchema(StatusOutSchema):
    name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    created_at = fields.DateTime()


class SecretarySchema(Schema):
    email = fields.Email(dump_only=True)
    organizers = fields.List(Line(), required=True)


class SuggestionMeetingSchema(Schema):
    event_id = fields.String()
    title = fields.String()
    organizers = fields.List(fields.String())
    starts_at = LocalDateTime()


class SuggestionSchema(Schema):
    organizers = fields.List(fields.String())
    shared_topics = fields.List(fields.String())
    overlapping = fields.Boolean()
    meetings = fields.List(fields.Nested(SuggestionMeetingSchema))


def first_errors(error: ValidationError) -> dict[str, str]:
    """Marshmallow's nested messages → {dotted field: first message} (for the forms)."""
    flat: dict[str, str] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and value:
            flat.setdefault(prefix, str(value[0]))

    walk("", error.normalized_messages())
    return flat
