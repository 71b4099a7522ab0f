"""The notify API's shapes (marshmallow)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from sammen.notify.mail import TEMPLATES
from sammen.notify.requested import TEMPLATE as REQUESTED
from sammen.schemas import Line, list_limit

STATUSES = (
    "created",
    "sending",
    "delivered",
    "temporary-failure",
    "permanent-failure",
    "technical-failure",
    "held",
    "digested",
    "suppressed",
)


class NotificationQuerySchema(Schema):
    status = Line(
        validate=validate.OneOf(
            STATUSES, error="Unknown status; use one of: " + ", ".join(STATUSES)
        )
    )
    template = Line(
        validate=validate.OneOf(
            [*TEMPLATES, REQUESTED],
            error="Unknown template; use one of: " + ", ".join([*TEMPLATES, REQUESTED]),
        ),
        metadata={"description": f"`{REQUESTED}`: the mails other services word themselves"},
    )
    reference = Line(
        validate=validate.Length(1, 80, error="reference: 1–80 characters"),
        metadata={"description": "The id of the event that caused the message"},
    )
    tracking_code = Line(validate=validate.Length(1, 20, error="tracking_code: 1–20 characters"))
    limit = list_limit()


class NotificationSchema(Schema):
    """A message and its delivery status; the text only while the retention period lasts."""

    id = fields.String()
    template = fields.String()
    template_version = fields.Integer()
    category = fields.String(allow_none=True, metadata={"description": "of a requested message"})
    reference = fields.String(attribute="event_id")
    event_type = fields.String()
    tracking_code = fields.String(allow_none=True)
    recipient_kind = fields.String()
    essential = fields.Boolean()
    status = fields.String()
    attempts = fields.Integer()
    failure_reason = fields.String(allow_none=True)
    created_at = fields.DateTime()
    status_changed_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)
    next_attempt_at = fields.DateTime(allow_none=True)
    subject = fields.String(allow_none=True)
    body_text = fields.String(allow_none=True)
    bodies_deleted_at = fields.DateTime(allow_none=True)
