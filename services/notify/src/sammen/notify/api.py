"""The notify JSON API under /api/v1: the messages and their delivery status (staff)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import abort
from sqlalchemy import select

from sammen.audit import record_opened
from sammen.auth import signed_in_staff, staff_api
from sammen.notify.models import Message
from sammen.notify.schemas import NotificationQuerySchema, NotificationSchema
from sammen.notify.service import (
    MAIL_READERS,
    SERVICE,
    may_read_case_mails,
    readable_messages,
)
from sammen.web import Blueprint

blp = Blueprint(
    "notifications_api", __name__, url_prefix="/api/v1", description="Outgoing messages"
)


@blp.route("/notifications", methods=["GET"])
@staff_api("agent", *MAIL_READERS)
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationSchema(many=True))
@blp.alt_response(401, description="Not logged in")
@blp.alt_response(403, description="Not the case's agent, a coordinator or an admin")
def notifications(args: dict[str, Any]) -> list[Message]:
    """Messages, newest first; filter by status, template, reference (event id) or tracking code.

    Coordinators and admins read every message; an agent those of the cases assigned to them
    (another case's tracking code: 403). Addresses are never returned; subject and text are null
    once the retention period has passed.
    """
    staff = signed_in_staff()
    query = (
        select(Message)
        .where(readable_messages(staff))
        .order_by(Message.created_at.desc(), Message.id)
        .limit(args["limit"])
    )
    if "status" in args:
        query = query.where(Message.status == args["status"])
    if "template" in args:
        query = query.where(Message.template == args["template"])
    if "reference" in args:
        query = query.where(Message.event_id == args["reference"])
    if "tracking_code" in args:
        query = query.where(Message.tracking_code == args["tracking_code"])
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        code = args.get("tracking_code")
        if code and not may_read_case_mails(session, staff, code):
            abort(403, message="tracking_code: only the case's agent, coordinators and admins.")
        messages = list(session.scalars(query))
        if messages:  # their texts name the people written to: the audit log records who read them
            subject = args.get("tracking_code") or args.get("reference")
            record_opened(session, SERVICE, staff, "notifications_listed", subject)
        return messages
