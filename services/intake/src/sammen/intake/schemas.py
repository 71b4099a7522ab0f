"""The intake API's shapes (marshmallow), which also validate the public form."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from sammen.intake.domain import AGE_GROUPS, CHANNELS, N_, THEMES
from sammen.schemas import (
    CleanedInputSchema,
    IdeaHeadlineSchema,
    Line,
    NamedOutSchema,
    PersonInSchema,
    StatusOutSchema,
    TimelineEntrySchema,
    choice,
    optional_choice,
    optional_line,
    required_text,
    title_field,
)

PHONE = validate.Regexp(
    r"^\+?[0-9][0-9 ]{6,18}[0-9]$", error=N_("Skriv et telefonnummer med cifre")
)


class InitiatorSchema(PersonInSchema):
    phone = Line(load_default=None, allow_none=True, validate=PHONE)
    organisation = optional_line(160)
    age_group = optional_choice(AGE_GROUPS, N_("Vælg en af aldersgrupperne"))


class ConsentSchema(Schema):
    contact = fields.Boolean(
        required=True,
        validate=validate.Equal(True, error=N_("Vi skal have lov at kontakte dig om idéen")),
        error_messages={"required": N_("Vi skal have lov at kontakte dig om idéen")},
    )
    publish = fields.Boolean(load_default=False)


class IdeaInSchema(CleanedInputSchema):
    title = title_field(N_("Giv idéen en titel"))
    description = required_text(
        10, 5000, N_("Beskrivelsen skal være 10–5000 tegn"), N_("Beskriv idéen")
    )
    theme = choice(THEMES, N_("Vælg et emne fra listen"), N_("Vælg et emne"))
    initiator = fields.Nested(InitiatorSchema, required=True)
    consent = fields.Nested(ConsentSchema, required=True)
    channel = choice(
        CHANNELS, N_("Ukendt kanal"), description="Where the idea came in: " + ", ".join(CHANNELS)
    )
    location = optional_line(200)


# The one instance the API and the form load ideas with: a schema holds no state of a load, and
# making one (its fields copied, its nested schemas made) cost as much as the load itself.
IDEA_IN = IdeaInSchema()


class ReplyInSchema(CleanedInputSchema):
    """The initiator's reply through the private link: an update or an answer to a question."""

    text = required_text(2, 5000, N_("Svaret skal være 2–5000 tegn"), N_("Skriv dit svar"))


class IdeaCreatedSchema(StatusOutSchema):
    tracking_code = fields.String()
    status_url = fields.String()


class AgentContactSchema(Schema):
    name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class ResponsibleSchema(Schema):
    """Who took the idea over at its last hand-over: the unit, and the person where named."""

    unit = fields.String()
    name = fields.String(allow_none=True)


class HistoryLineSchema(TimelineEntrySchema):
    status = fields.String()
    message = fields.String(allow_none=True)


class PublicStatusSchema(IdeaHeadlineSchema):
    """What anyone holding the tracking code may see: never the initiator's data."""

    submitted_at = fields.DateTime()
    updated_at = fields.DateTime()
    agent = fields.Nested(AgentContactSchema, allow_none=True)
    responsible = fields.Nested(ResponsibleSchema, allow_none=True)
    history = fields.List(fields.Nested(HistoryLineSchema))


class ThemeSchema(NamedOutSchema):
    """A theme an idea can be about."""
