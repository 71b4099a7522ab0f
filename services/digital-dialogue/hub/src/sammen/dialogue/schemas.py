"""The hub API's shapes (marshmallow)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from sammen.dialogue.domain import ACTIONS, STATUS_NAMES
from sammen.schemas import CleanedInputSchema, Line, NamedOutSchema, choice, required_text
from sammen.vocabulary import N_


class FormatSchema(NamedOutSchema):
    description = fields.String()
    url = fields.String()
    staff_url = fields.String(allow_none=True)
    version = fields.String()
    ttl_seconds = fields.Float()
    started_at = fields.DateTime(allow_none=True)
    last_seen = fields.DateTime()
    expires_at = fields.DateTime()


class ReportSchema(Schema):
    reason = fields.String()
    reported_at = fields.DateTime()


class DecisionSchema(Schema):
    action = fields.String()
    reason = fields.String()
    moderator_name = fields.String()
    decided_at = fields.DateTime()


class ContributionSchema(Schema):
    id = fields.Integer()
    format = fields.String()
    contribution_id = fields.String()
    excerpt = fields.String()
    url = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "open, hidden or visible"})
    first_reported_at = fields.DateTime()
    last_reported_at = fields.DateTime()
    reports = fields.List(fields.Nested(ReportSchema))
    decisions = fields.List(fields.Nested(DecisionSchema))


class ContributionQuerySchema(Schema):
    status = Line(
        load_default="open",
        validate=validate.OneOf([*STATUS_NAMES, "all"], error="Use open, hidden, visible or all."),
    )


class DecisionInSchema(CleanedInputSchema):
    action = choice(ACTIONS, N_("Vælg skjul eller vis igen"), N_("Vælg skjul eller vis igen"))
    reason = required_text(
        3, 1000, N_("Skriv en begrundelse (3–1000 tegn)"), N_("Skriv en begrundelse")
    )
