"""The hearing API's shapes (marshmallow), which also validate the pages' forms."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from sammen.formats.hearing.domain import ANSWER_MODES
from sammen.local_time import LocalDateTime
from sammen.pilot_formats.fields import each_part_once, mail_language
from sammen.pilot_formats.schemas import ConsultationSchema, PartSchema
from sammen.schemas import (
    CleanedInputSchema,
    Line,
    Text,
    choice,
    person_email,
    person_name,
    required_text,
    title_field,
)
from sammen.vocabulary import N_

# What the form says of a date-and-time input it cannot read.
NOT_A_TIME = N_("Skriv dato og klokkeslæt, fx 2026-12-01T12:00")


class SectionInSchema(CleanedInputSchema):
    heading = Line(
        required=True,
        validate=validate.Length(1, 200, error=N_("Overskriften skal være 1–200 tegn")),
    )
    body = Text(
        required=True,
        validate=validate.Length(
            1, 20000, error=N_("Hvert afsnit skal have tekst (højst 20000 tegn)")
        ),
    )


class HearingInSchema(CleanedInputSchema):
    title = title_field(N_("Giv høringen en titel"))
    introduction = required_text(
        10, 10000, N_("Indledningen skal være 10–10000 tegn"), N_("Skriv en indledning")
    )
    sections = fields.List(
        fields.Nested(SectionInSchema),
        required=True,
        validate=validate.Length(1, 50, error=N_("Dokumentet skal have 1–50 afsnit")),
        error_messages={"required": N_("Dokumentet skal have mindst ét afsnit")},
    )
    opens_at = LocalDateTime(
        required=True,
        error_messages={"required": N_("Vælg hvornår høringen åbner"), "invalid": NOT_A_TIME},
    )
    deadline = LocalDateTime(
        required=True,
        error_messages={"required": N_("Vælg en høringsfrist"), "invalid": NOT_A_TIME},
    )
    answers = choice(
        ANSWER_MODES,
        N_("Vælg offentlige eller interne svar"),
        N_("Vælg offentlige eller interne svar"),
        "public (shown after moderation) or internal",
    )

    @validates_schema(skip_on_field_errors=False)
    def deadline_after_opening(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "opens_at" in data and "deadline" in data and data["deadline"] <= data["opens_at"]:
            raise ValidationError(N_("Fristen skal ligge efter åbningen"), "deadline")


class ResponseInSchema(CleanedInputSchema):
    section = fields.Integer(
        load_default=None,
        allow_none=True,
        metadata={"description": "The section id, or null for an answer to the whole hearing"},
        error_messages={"invalid": N_("Vælg et afsnit fra listen")},
    )
    name = person_name()
    email = person_email()
    organisation = Line(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=160, error=N_("Højst 160 tegn")),
    )
    body = required_text(3, 20000, N_("Svaret skal være 3–20000 tegn"), N_("Skriv dit svar"))
    language = mail_language("da or en: the receipt's language (default: the call's, ?lang=)")


class SectionAnswerInSchema(CleanedInputSchema):
    section = fields.Integer(
        required=True,
        metadata={"description": "The section id"},
        error_messages={"required": N_("Vælg et afsnit fra listen")},
    )
    answer = required_text(
        1,
        20000,
        N_("Kommunens svar skal være 1–20000 tegn"),
        N_("Skriv kommunens svar på afsnittet"),
        description="The municipality's answer to what was said about the section",
    )
    changed = fields.Boolean(
        required=True,
        error_messages={"required": N_("Angiv, om teksten ændres")},
        metadata={"description": "Whether the section's text changes because of the answers"},
    )


class SummaryInSchema(CleanedInputSchema):
    summary = required_text(
        10, 50000, N_("Høringsnotatet skal være 10–50000 tegn"), N_("Skriv høringsnotatet")
    )
    sections = fields.List(
        fields.Nested(SectionAnswerInSchema),
        load_default=None,
        metadata={"description": "The høringsnotat per section; sections not named keep theirs"},
    )
    each_section_once = each_part_once(
        "sections", "section", N_("Hvert afsnit må kun nævnes én gang")
    )


class SectionSchema(PartSchema):
    heading = fields.String()
    body = fields.String()
    answer = fields.String(allow_none=True, metadata={"description": "the høringsnotat's answer"})
    changed = fields.Boolean(allow_none=True, metadata={"description": "the text changes"})


class HearingSchema(ConsultationSchema):
    """A hearing; its `summary` is the høringsnotat."""

    introduction = fields.String()
    opens_at = fields.DateTime()
    deadline = fields.DateTime()
    answers = fields.String(attribute="answer_mode")
    phase = fields.String(metadata={"description": "upcoming, open or closed"})
    sections = fields.List(fields.Nested(SectionSchema))
    summary_published_at = fields.DateTime(allow_none=True)


class ResponseCreatedSchema(Schema):
    id = fields.String()
    hearing_id = fields.String()
    section = fields.Integer(attribute="section_id", allow_none=True)
    moderation = fields.String()


class ResponseSchema(ResponseCreatedSchema):
    """What staff see of an answer: moderators as it is published (no `name`, no `email`)."""

    name = fields.String(
        attribute="respondent_name", metadata={"description": "Coordinators and admins only"}
    )
    email = fields.String(
        attribute="respondent_email", metadata={"description": "Coordinators and admins only"}
    )
    organisation = fields.String(allow_none=True)
    signature = fields.String(
        metadata={"description": "The name shown with the published answer: organisation or name"}
    )
    body = fields.String()
    submitted_at = fields.DateTime()
