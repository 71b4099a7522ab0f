"""Shapes of closing a meeting, joining meetings and proposing a Gentofte Talk (the API's and
the pages' forms')."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from sammen.calendar.catalogue import TOPICS
from sammen.calendar.closing_rules import FOLLOW_UP_KINDS
from sammen.calendar.proposal_rules import PROPOSER_TYPES
from sammen.calendar.schemas import LocalDateTime, SignUpCountsSchema, listed_choice
from sammen.schemas import (
    CleanedInputSchema,
    Line,
    PersonInSchema,
    StatusOutSchema,
    optional_line,
    required_line,
    required_text,
    title_field,
)
from sammen.vocabulary import N_

_URL = r"^https?://\S+$"


class FollowUpSchema(CleanedInputSchema):
    kind = listed_choice(FOLLOW_UP_KINDS, N_("Vælg hvad der arbejdes videre med"))
    text = required_line(
        1, 300, N_("Beskriv det på højst 300 tegn"), N_("Beskriv hvad der arbejdes videre med")
    )
    url = Line(
        load_default=None,
        allow_none=True,
        validate=[
            validate.Length(max=500),
            validate.Regexp(_URL, error=N_("Skriv en adresse, der begynder med https://")),
        ],
        metadata={"description": "A link, e.g. to the recommendation in Følg realiseringen"},
    )


class CloseInSchema(CleanedInputSchema):
    summary = required_text(
        1,
        10_000,
        N_("Skriv højst 10000 tegn"),
        N_("Skriv hvad I hørte på mødet"),
        description="Det hørte vi: what the meeting heard, public",
    )
    attendees = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        validate=validate.Range(0, 100_000, error=N_("Antal deltagere skal være 0–100000")),
    )
    organisations = fields.List(
        Line(validate=validate.Length(1, 200, error=N_("Højst 200 tegn"))),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={"description": "Organisations that took part, by name"},
    )
    follow_up = fields.List(
        fields.Nested(FollowUpSchema), load_default=list, validate=validate.Length(max=20)
    )


class ClosingSchema(Schema):
    event_id = fields.String()
    summary = fields.String()
    attendees = fields.Integer(allow_none=True)
    organisations = fields.List(fields.String())
    follow_up = fields.List(fields.Dict())
    closed_at = fields.DateTime()
    told = fields.Integer(metadata={"description": "Registrants told by mail"})


class JointMeetingInSchema(CleanedInputSchema):
    event_ids = fields.List(
        Line(validate=validate.Length(max=36)),
        required=True,
        validate=validate.Length(2, 10, error=N_("Vælg 2–10 møder")),
        error_messages={"required": N_("Vælg de møder, der skal holdes sammen")},
    )
    title = Line(
        load_default=None,
        allow_none=True,
        validate=validate.Length(3, 200, error=N_("Titlen skal være 3–200 tegn")),
    )
    starts_at = LocalDateTime(load_default=None, allow_none=True)
    ends_at = LocalDateTime(load_default=None, allow_none=True)
    location = optional_line(300)
    capacity = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        validate=validate.Range(1, 100_000, error=N_("Antal pladser skal være 1–100000")),
        metadata={"description": "Seats; default: the largest of the meetings'"},
    )


class JointMeetingOutSchema(SignUpCountsSchema):
    id = fields.String()
    url = fields.String()
    cancelled = fields.List(fields.String())


class ProposerSchema(PersonInSchema):
    organisation = required_line(
        1, 200, N_("Højst 200 tegn"), N_("Skriv hvem der tager initiativet")
    )
    type = listed_choice(PROPOSER_TYPES, N_("Vælg hvem I er fra listen"), N_("Vælg hvem I er"))


class TalkProposalInSchema(CleanedInputSchema):
    title = title_field(N_("Giv dialogen en titel"))
    description = required_text(
        1, 5000, N_("Skriv højst 5000 tegn"), N_("Beskriv hvad dialogen skal handle om")
    )
    proposer = fields.Nested(
        ProposerSchema, required=True, error_messages={"required": N_("Fortæl hvem I er")}
    )
    host_event = Line(
        load_default="",
        validate=validate.Length(max=300),
        metadata={"description": "The existing arrangement the Talk joins, in words"},
    )
    wished_start = LocalDateTime(
        required=True, error_messages={"required": N_("Skriv hvornår I ønsker dialogen")}
    )
    location = Line(load_default="", validate=validate.Length(max=300))
    topics = fields.List(
        Line(validate=validate.OneOf(list(TOPICS), error=N_("Ukendt emne"))),
        load_default=list,
        validate=validate.Length(max=10),
    )


class ProposalAcceptedSchema(StatusOutSchema):
    """A proposal taken in, waiting for a coordinator's answer."""


class ApproveInSchema(CleanedInputSchema):
    starts_at = LocalDateTime(
        required=True, error_messages={"required": N_("Skriv hvornår det begynder")}
    )
    ends_at = LocalDateTime(
        required=True, error_messages={"required": N_("Skriv hvornår det slutter")}
    )
    location = required_line(1, 300, N_("Højst 300 tegn"), N_("Skriv hvor det foregår"))


class ApprovedSchema(Schema):
    id = fields.String(metadata={"description": "The Talk's event id"})
    proposal_id = fields.String()
    url = fields.String()


class DeclineInSchema(CleanedInputSchema):
    reason = required_text(
        1, 2000, N_("Skriv højst 2000 tegn"), N_("Skriv en begrundelse til forslagsstilleren")
    )


class DeclinedSchema(StatusOutSchema):
    """A proposal a coordinator declined."""
