"""The idea board's shapes (marshmallow): the forms' validation and the API's answers."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from sammen.formats.idea_board.domain import OFFERS, REPORT_REASONS, SORTS
from sammen.schemas import (
    CleanedInputSchema,
    IdeaHeadlineSchema,
    Line,
    PersonInSchema,
    choice,
    person_email,
    person_name,
    required_text,
)
from sammen.vocabulary import N_


class JoinInSchema(CleanedInputSchema):
    offer = choice(OFFERS, N_("Vælg, hvad du tilbyder"), N_("Vælg, hvad du tilbyder"))
    name = person_name()
    email = person_email()
    message = required_text(
        3, 1000, N_("Skriv en kort besked (3–1000 tegn)"), N_("Skriv en kort besked")
    )


class CommentInSchema(PersonInSchema):
    body = required_text(
        3, 2000, N_("Skriv 3–2000 tegn"), N_("Skriv dit spørgsmål eller din kommentar")
    )


class ReportInSchema(CleanedInputSchema):
    reason = choice(REPORT_REASONS, N_("Vælg en grund"), N_("Vælg en grund"))


class BoardQuerySchema(Schema):
    sort = Line(
        load_default="new",
        validate=validate.OneOf(list(SORTS), error="Use new or active."),
        metadata={"description": "new (published) or active (latest activity); never popularity"},
    )
    theme = Line(load_default=None)


class AgentSchema(Schema):
    name = fields.String(attribute="agent_name", allow_none=True)
    email = fields.String(attribute="agent_email", allow_none=True)
    phone = fields.String(attribute="agent_phone", allow_none=True)


class CommentSchema(Schema):
    id = fields.String()
    name = fields.Method("shown_name")
    body = fields.Method("shown_body")
    hidden = fields.Boolean()
    created_at = fields.DateTime()

    def shown_name(self, comment: Any) -> str | None:
        return None if comment.hidden else comment.author_name

    def shown_body(self, comment: Any) -> str | None:
        return None if comment.hidden else comment.body


class IdeaSchema(IdeaHeadlineSchema):
    case_id = fields.String()
    # Null only in rows from before the board kept it.
    tracking_code = fields.String(allow_none=True)
    summary = fields.String()
    agent = fields.Function(lambda idea: AgentSchema().dump(idea))
    published_at = fields.DateTime()
    last_activity_at = fields.DateTime()


class IdeaDetailSchema(IdeaSchema):
    comments = fields.List(fields.Nested(CommentSchema))
