"""The realisation API's shapes (marshmallow), which also validate the pages' forms."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from sammen.formats.realisation.domain import (
    COMMITTEE_KINDS,
    MEDIA_KINDS,
    MEMBER_ROLES,
    NEEDS_TRANSCRIPT,
    STATUS_NAMES,
)
from sammen.pilot_formats.fields import mail_language
from sammen.schemas import (
    CleanedInputSchema,
    EmailAddress,
    Line,
    PersonInSchema,
    Text,
    choice,
    optional_choice,
    optional_line,
    optional_text,
    person_email,
    required_email,
    required_line,
    required_text,
)
from sammen.vocabulary import N_

LINK_KINDS = ("idea", "hearing", "theme_discussion", "other")
MAILS_LANGUAGE = "da or en: the language of the mails (default: the call's)"


def _web_address(error: str) -> Line:
    return Line(
        required=True,
        validate=[
            validate.Length(max=500, error=N_("Højst 500 tegn")),
            validate.URL(schemes={"http", "https"}, error=error),
        ],
    )


class MemberInSchema(CleanedInputSchema):
    name = Line(
        required=True,
        validate=validate.Length(1, 120, error=N_("Skriv navnet (højst 120 tegn)")),
    )
    email = EmailAddress(
        required=True,
        validate=validate.Length(max=254),
        error_messages={"invalid": N_("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk")},
    )
    role = choice(
        MEMBER_ROLES, N_("Vælg borger eller politiker"), description="citizen or politician"
    )
    language = mail_language(MAILS_LANGUAGE)


class CommitteeInSchema(CleanedInputSchema):
    name = Line(
        required=True,
        validate=validate.Length(3, 200, error=N_("Navnet skal være 3–200 tegn")),
    )
    kind = choice(
        COMMITTEE_KINDS,
        N_("Vælg en slags udvalg"),
        description="task_committee, council, political_committee or think_tank",
    )
    description = optional_text(5000)
    organizer = Line(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^[a-z0-9-]{1,80}$", error=N_("Skriv kalenderens kortnavn")),
        metadata={"description": "The calendar organizer slug whose public meetings are shown"},
    )
    members = fields.List(fields.Nested(MemberInSchema), load_default=list)


class ResponsibleInSchema(CleanedInputSchema):
    unit = required_line(2, 200, N_("Skriv den ansvarlige enhed"), N_("Skriv den ansvarlige enhed"))
    name = required_line(2, 120, N_("Skriv den ansvarliges navn"), N_("Skriv den ansvarliges navn"))
    email = required_email(
        N_("Skriv den ansvarliges arbejdsmail"),
        N_("Skriv en gyldig e-mailadresse, fx navn@gentofte.dk"),
    )


class MilestoneInSchema(CleanedInputSchema):
    title = Line(required=True, validate=validate.Length(2, 200, error=N_("Skriv milepælen")))
    due_on = fields.Date(load_default=None, allow_none=True)


class LinkInSchema(CleanedInputSchema):
    kind = choice(LINK_KINDS)
    label = Line(required=True, validate=validate.Length(2, 200))
    url = _web_address(N_("Skriv en webadresse, der begynder med https://"))


class RecommendationInSchema(CleanedInputSchema):
    committee_id = Line(required=True, validate=validate.Length(1, 36))
    title = Line(
        required=True,
        validate=validate.Length(3, 200, error=N_("Titlen skal være 3–200 tegn")),
    )
    summary = Text(
        required=True,
        validate=validate.Length(10, 10000, error=N_("Resuméet skal være 10–10000 tegn")),
    )
    decided_by = Line(
        required=True,
        validate=validate.Length(2, 200),
        metadata={"description": "Who decided the recommendation (e.g. Kommunalbestyrelsen)"},
    )
    decided_on = fields.Date(required=True)
    responsible = fields.Nested(
        ResponsibleInSchema,
        required=True,
        error_messages={"required": N_("Anbefalingen skal have en ansvarlig enhed og person")},
        metadata={"description": "The named owner: {unit, name, email} (work contact)"},
    )
    status = optional_choice(
        STATUS_NAMES, description="planned (default), in_progress, done, paused or dropped"
    )
    dropped_reason = optional_text(5000)
    progress = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(0, 100))
    how_to_contribute = optional_text(
        5000, description="Sådan kan du bidrage: what a citizen can do now"
    )
    milestones = fields.List(fields.Nested(MilestoneInSchema), load_default=list)
    links = fields.List(fields.Nested(LinkInSchema), load_default=list)


class MediaInSchema(CleanedInputSchema):
    kind = choice(
        MEDIA_KINDS, N_("Vælg podcast, film eller tekst"), description="audio, video or text"
    )
    url = _web_address(N_("Skriv en webadresse, der begynder med https://"))
    title = optional_line(200)
    transcript = optional_text(100000, description="Required for audio and video")

    @validates_schema
    def transcript_for_sound_and_film(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("kind") in NEEDS_TRANSCRIPT and not data.get("transcript"):
            raise ValidationError(
                N_("En podcast eller en film skal have en udskrift (tilgængelighed)"),
                "transcript",
            )


class UpdateInSchema(CleanedInputSchema):
    text = required_text(
        3, 10000, N_("Opdateringen skal være 3–10000 tegn"), N_("Skriv, hvad der er sket")
    )
    status = optional_choice(STATUS_NAMES, N_("Vælg en status fra listen"))
    reason = optional_text(5000, description="The public reason; required with status dropped")
    progress = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(0, 100, error=N_("Fremdriften er et tal fra 0 til 100")),
        error_messages={"invalid": N_("Fremdriften er et tal fra 0 til 100")},
    )
    milestone_done = fields.Integer(load_default=None, allow_none=True)
    media = fields.Nested(MediaInSchema, load_default=None, allow_none=True)


class FollowInSchema(CleanedInputSchema):
    email = person_email()
    language = mail_language(MAILS_LANGUAGE)


class QuestionInSchema(PersonInSchema):
    text = required_text(
        5, 5000, N_("Spørgsmålet skal være 5–5000 tegn"), N_("Skriv dit spørgsmål")
    )
    language = mail_language(MAILS_LANGUAGE)


class AnswerInSchema(CleanedInputSchema):
    answer = required_text(3, 10000, N_("Svaret skal være 3–10000 tegn"), N_("Skriv svaret"))


# --- out ----------------------------------------------------------------------------------------


class MemberSchema(Schema):
    """A member as coordinators see them."""

    id = fields.String()
    name = fields.String()
    email = fields.String()
    role = fields.String()
    language = fields.String()
    unsubscribed = fields.Boolean()


class CommitteeSchema(Schema):
    """A committee as the public sees it: no members' names or addresses."""

    id = fields.String()
    name = fields.String()
    kind = fields.String()
    description = fields.String(allow_none=True)
    organizer = fields.String(allow_none=True)
    url = fields.String()


class MilestoneSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    title = fields.String()
    due_on = fields.Date(allow_none=True)
    done_at = fields.DateTime(allow_none=True)


class LinkSchema(Schema):
    kind = fields.String()
    label = fields.String()
    url = fields.String()


class UpdateSchema(Schema):
    id = fields.String()
    text = fields.String()
    status = fields.String()
    progress = fields.Integer()
    milestone_done = fields.Integer(attribute="milestone_id", allow_none=True)
    media_kind = fields.String(allow_none=True)
    media_url = fields.String(allow_none=True)
    media_title = fields.String(allow_none=True)
    transcript = fields.String(allow_none=True)
    published_at = fields.DateTime()


class ResponsibleSchema(Schema):
    """The public face of the owner: the unit and the name (the address stays internal)."""

    unit = fields.String()
    name = fields.String()


class PublicQuestionSchema(Schema):
    """An answered question as the page shows it: never the asker."""

    id = fields.String()
    text = fields.String()
    answer = fields.String()
    asked_at = fields.DateTime()
    answered_at = fields.DateTime()


class RecommendationSchema(Schema):
    id = fields.String()
    committee = fields.Nested(CommitteeSchema)
    title = fields.String()
    summary = fields.String()
    decided_by = fields.String()
    decided_on = fields.Date()
    responsible = fields.Nested(ResponsibleSchema)
    status = fields.String(metadata={"description": "planned, in_progress, done, paused, dropped"})
    dropped_reason = fields.String(allow_none=True)
    progress = fields.Integer(metadata={"description": "0–100"})
    how_to_contribute = fields.String(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneSchema))
    links = fields.List(fields.Nested(LinkSchema))
    updates = fields.List(fields.Nested(UpdateSchema))
    questions = fields.List(fields.Nested(PublicQuestionSchema))
    url = fields.String()


class QuestionCreatedSchema(Schema):
    id = fields.String()
    recommendation_id = fields.String()
    due_at = fields.DateTime(metadata={"description": "The answer's deadline: 5 working days"})


class StaffQuestionSchema(Schema):
    """A question as its owner and coordinators see it, with the deadline's state."""

    id = fields.String()
    recommendation_id = fields.String()
    recommendation_title = fields.String()
    responsible_name = fields.String()
    text = fields.String()
    asked_at = fields.DateTime()
    due_at = fields.DateTime()
    deadline = fields.String(metadata={"description": "ok, at_risk, breached or answered"})
    answer = fields.String(allow_none=True)
    answered_at = fields.DateTime(allow_none=True)
