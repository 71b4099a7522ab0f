"""The theme discussion API's shapes (marshmallow), which also validate the pages' forms."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from sammen.formats.theme_discussion.domain import MAX_QUESTIONS
from sammen.local_time import LocalDateTime
from sammen.pilot_formats.fields import each_part_once, mail_language
from sammen.pilot_formats.schemas import ConsultationSchema, PartSchema
from sammen.schemas import (
    CleanedInputSchema,
    Line,
    person_email,
    person_name,
    required_line,
    required_text,
    title_field,
)
from sammen.vocabulary import N_


class DiscussionInSchema(CleanedInputSchema):
    title = title_field(N_("Giv temadrøftelsen en titel"))
    committee = required_line(
        2,
        160,
        N_("Udvalgets navn skal være 2–160 tegn"),
        N_("Skriv hvilket udvalg der spørger"),
        description="The committee that asks, e.g. Kultur-, Unge- og Fritidsudvalget",
    )
    intro = required_text(
        10, 10000, N_("Indledningen skal være 10–10000 tegn"), N_("Skriv en indledning")
    )
    event_id = Line(
        load_default=None,
        allow_none=True,
        validate=validate.Length(1, 36, error=N_("Mødets id i kalenderen er højst 36 tegn")),
        metadata={"description": "The committee's meeting in the calendar (its event id)"},
    )
    questions = fields.List(
        Line(validate=validate.Length(3, 500, error=N_("Hvert spørgsmål skal være 3–500 tegn"))),
        required=True,
        validate=validate.Length(1, MAX_QUESTIONS, error=N_("Stil mellem ét og ti spørgsmål")),
        error_messages={"required": N_("Stil mindst ét spørgsmål")},
    )
    closes_at = LocalDateTime(
        required=True,
        error_messages={
            "required": N_("Vælg hvornår der lukkes for svar"),
            "invalid": N_("Skriv dato og klokkeslæt, fx 2026-12-01T12:00"),
        },
        metadata={"description": "ISO 8601; without an offset, Copenhagen time"},
    )


class ContributionInSchema(CleanedInputSchema):
    question_id = fields.Integer(
        required=True,
        strict=True,
        metadata={"description": "The id of one of the discussion's questions"},
        error_messages={
            "required": N_("Vælg et spørgsmål"),
            "invalid": N_("Vælg et spørgsmål fra listen"),
        },
    )
    text = required_text(3, 5000, N_("Svaret skal være 3–5000 tegn"), N_("Skriv dit svar"))
    name = person_name()
    email = person_email()
    language = mail_language("da or en: the mails' language (default: the call's, ?lang=)")


class QuestionConclusionInSchema(CleanedInputSchema):
    question_id = fields.Integer(
        required=True,
        strict=True,
        metadata={"description": "The question's id"},
        error_messages={"required": N_("Vælg et spørgsmål fra listen")},
    )
    text = required_text(
        1,
        20000,
        N_("Konklusionen skal være 1–20000 tegn"),
        N_("Skriv udvalgets konklusion på spørgsmålet"),
    )


class ConclusionsInSchema(CleanedInputSchema):
    summary = required_text(
        10,
        50000,
        N_("Konklusionerne skal være 10–50000 tegn"),
        N_("Skriv udvalgets samlede konklusion"),
    )
    per_question = fields.List(
        fields.Nested(QuestionConclusionInSchema),
        load_default=list,
        metadata={"description": "The conclusion per question; questions not named keep theirs"},
    )
    each_question_once = each_part_once(
        "per_question", "question_id", N_("Hvert spørgsmål må kun nævnes én gang")
    )


class QuestionSchema(PartSchema):
    text = fields.String()
    conclusion = fields.String(allow_none=True, metadata={"description": "the committee's"})


class DiscussionSchema(ConsultationSchema):
    """A theme discussion; its `summary` is the committee's conclusions overall."""

    committee = fields.String()
    intro = fields.String()
    event_id = fields.String(allow_none=True)
    sign_up_url = fields.String(
        allow_none=True, metadata={"description": "the meeting's sign-up in the calendar"}
    )
    closes_at = fields.DateTime()
    phase = fields.String(metadata={"description": "open, closed or concluded"})
    questions = fields.List(fields.Nested(QuestionSchema))
    concluded_at = fields.DateTime(allow_none=True)


class ContributionCreatedSchema(Schema):
    id = fields.String()
    discussion_id = fields.String()
    question_id = fields.Integer()
    moderation = fields.String()


class ContributionSchema(ContributionCreatedSchema):
    """What staff see of an answer, with the contributor's contact."""

    name = fields.String(attribute="contributor_name")
    email = fields.String(attribute="contributor_email")
    text = fields.String()
    language = fields.String()
    submitted_at = fields.DateTime()
