"""The routing API's shapes (marshmallow); error messages are plain strings naming the problem."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from sammen.auth import ROLES
from sammen.db import LARGEST_ID
from sammen.routing.domain import STATUSES, THEME_TEAMS
from sammen.schemas import (
    CleanedInputSchema,
    EmailAddress,
    IdeaHeadlineSchema,
    Line,
    Text,
    TimelineEntrySchema,
    choice,
    list_limit,
    optional_line,
    optional_text,
    required_line,
)


class CredentialsSchema(Schema):
    email = required_line(
        3, 254, "Give the account's email address.", "Give the account's email address."
    )
    password = required_line(1, 500, "Give the password.", "Give the password.")


class TokenSchema(Schema):
    token = fields.String()


class PasswordChangeSchema(Schema):
    current_password = required_line(
        1, 500, "Give the current password.", "Give the current password."
    )
    new_password = required_line(
        12, 500, "A password has at least 12 characters.", "Give the new password."
    )


def _roles(**options: Any) -> fields.List:
    return fields.List(
        Line(validate=validate.OneOf(ROLES, error="Unknown role.")),
        **options,
    )


class AccountChangeSchema(Schema):
    """What an admin changes on an account; either change ends the account's sessions."""

    active = fields.Boolean(metadata={"description": "false disables the account"})
    roles = _roles(validate=validate.Length(min=1, error="Give at least one role."))

    @validates_schema
    def something_to_change(self, data: dict, **_kwargs: object) -> None:
        if not data:
            raise ValidationError("Give active or roles.", "active")


class AccountSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    active = fields.Boolean()


class CaseQuerySchema(Schema):
    tracking_code = Line(load_default="")
    status = Line(
        load_default="",
        validate=validate.OneOf(("", *STATUSES), error="Unknown status."),
    )
    assignee = fields.Integer(
        load_default=None,
        validate=validate.Range(1, LARGEST_ID, error="The assignee is a staff id."),
        error_messages={"invalid": "The assignee is a staff id (a number)."},
    )


class AgentContactSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    email = fields.String()
    phone = fields.String(allow_none=True)


class HistorySchema(TimelineEntrySchema):
    from_status = fields.String(allow_none=True)
    to_status = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    author_name = fields.String(allow_none=True)


class LinkSchema(Schema):
    kind = fields.String()
    target = fields.String()
    label = fields.String()


class InitiatorSchema(Schema):
    name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)
    age_group = fields.String(allow_none=True)


class ResponsibleSchema(CleanedInputSchema):
    """Who takes over a handed-over case: the unit, and where known the person and their e-mail."""

    unit = required_line(
        1,
        160,
        "Name the unit that takes over (1–160 characters).",
        "Name the unit that takes over.",
    )
    name = optional_line(120)
    email = EmailAddress(
        load_default=None, allow_none=True, error_messages={"invalid": "Not a valid email."}
    )


class CaseSummarySchema(IdeaHeadlineSchema):
    id = fields.String()
    idea_id = fields.String()
    channel = fields.String()
    team = fields.String()
    assignee = fields.Nested(AgentContactSchema, allow_none=True)
    submitted_at = fields.DateTime()
    first_response_due = fields.DateTime()
    first_response_at = fields.DateTime(allow_none=True)
    sla = fields.String(metadata={"description": "ok, at_risk, breached or answered"})


class CaseSchema(CaseSummarySchema):
    description = fields.String()
    location = fields.String(allow_none=True)
    consent_publish = fields.Boolean()
    published_at = fields.DateTime(allow_none=True)
    initiator = fields.Nested(
        InitiatorSchema,
        allow_none=True,
        metadata={"description": "Null for an agent the case is not assigned to"},
    )
    history = fields.List(fields.Nested(HistorySchema))
    links = fields.List(fields.Nested(LinkSchema))
    responsible = fields.Nested(
        ResponsibleSchema,
        allow_none=True,
        metadata={"description": "Who took the case over at its last hand-over."},
    )


class TransitionSchema(Schema):
    to = choice(STATUSES, "Unknown status.", "Give the status to move the case to.")
    message = optional_text(5000)
    note = optional_text(5000)
    responsible = fields.Nested(
        ResponsibleSchema,
        load_default=None,
        allow_none=True,
        metadata={"description": "Required with `to` = `handed_over`: who takes over."},
    )


class PublishSchema(Schema):
    summary = Text(
        required=True,
        validate=validate.Length(max=2000, error="At most 2000 characters."),
        error_messages={"required": "Give the screened public text."},
    )


class PublicAgentSchema(AgentContactSchema):
    """The public directory: name, areas and work contact only."""

    title = fields.String(allow_none=True)
    team = fields.String(allow_none=True)
    areas = fields.List(fields.String())


class AgentInSchema(Schema):
    name = required_line(2, 120, "The name is 2–120 characters.", "Give the agent's name.")
    email = EmailAddress(
        required=True,
        error_messages={"required": "Give the work email.", "invalid": "Not a valid email."},
    )
    phone = optional_line(40)
    title = optional_line(120)
    areas = fields.List(
        Line(validate=validate.OneOf(list(THEME_TEAMS), error="Unknown theme.")),
        required=True,
        validate=validate.Length(min=1, error="Give at least one theme."),
        error_messages={"required": "Give the themes the agent covers."},
    )
    password = Line(
        load_default=None,
        allow_none=True,
        validate=validate.Length(12, 500, error="A password has at least 12 characters."),
        metadata={"description": "Omit for accounts that log in through OIDC."},
    )
    roles = _roles(load_default=["agent"])


class PrivacyRequestSchema(Schema):
    email = EmailAddress(
        load_default=None, allow_none=True, error_messages={"invalid": "Not a valid email."}
    )
    tracking_code = Line(load_default=None, allow_none=True, validate=validate.Length(4, 12))

    @validates_schema
    def one_of_them(self, data: dict, **_kwargs: object) -> None:
        if bool(data.get("email")) == bool(data.get("tracking_code")):
            raise ValidationError("Give either email or tracking_code.", "email")


class PrivacyReportSchema(Schema):
    service = fields.String()
    kind = fields.String()
    summary = fields.Dict(metadata={"description": "what the service found or erased, counted"})
    kept = fields.String(allow_none=True, metadata={"description": "what was kept, and why"})
    data = fields.Raw(allow_none=True, metadata={"description": "the export (access only)"})
    received_at = fields.DateTime()


class PrivacyRequestReportSchema(Schema):
    request_id = fields.String()
    reports = fields.List(fields.Nested(PrivacyReportSchema))


class PrivacyResultSchema(Schema):
    request_id = fields.String()
    tracking_codes = fields.List(fields.String())
    data = fields.List(fields.Dict(), allow_none=True)


# Beyond these a time with an offset cannot be turned into UTC (Python's datetime overflows).
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def _check_period(data: dict, start: str, end: str, keys: tuple[str, str]) -> None:
    """Refuse a period that ends before it starts; `keys` are the names the client sent."""
    first, last = data.get(start), data.get(end)
    if first is not None and last is not None and first > last:
        raise ValidationError(f"{keys[0]} comes after {keys[1]}.", keys[0])


def _moment(description: str) -> fields.AwareDateTime:
    return fields.AwareDateTime(
        load_default=None,
        default_timezone=UTC,
        validate=validate.Range(_EARLIEST, _LATEST, error="A time between 1970 and 9998."),
        error_messages={"invalid": "An ISO 8601 time, e.g. 2026-12-01T09:00:00Z."},
        metadata={"description": description},
    )


class AuditQuerySchema(Schema):
    staff_id = fields.Integer(
        load_default=None,
        validate=validate.Range(1, LARGEST_ID, error="The staff_id is a staff id."),
        error_messages={"invalid": "The staff_id is a staff id (a number)."},
    )
    service = Line(load_default=None, validate=validate.Length(1, 40))
    case_id = Line(load_default=None, validate=validate.Length(1, 36))
    subject = Line(
        load_default=None,
        validate=validate.Length(1, 120),
        metadata={"description": "The id of what was opened (an event, a hearing, …)"},
    )
    since = _moment("Entries at or after this time (UTC when no offset is given)")
    until = _moment("Entries before this time (UTC when no offset is given)")
    limit = list_limit()

    @validates_schema
    def since_before_until(self, data: dict, **_kwargs: object) -> None:
        _check_period(data, "since", "until", ("since", "until"))


class AuditEntrySchema(Schema):
    """Who opened personal data, where and when; ids only."""

    id = fields.Integer()
    at = fields.DateTime()
    service = fields.String()
    staff_id = fields.Integer()
    action = fields.String()
    case_id = fields.String(allow_none=True, metadata={"description": "routing's cases"})
    subject = fields.String(
        allow_none=True, metadata={"description": "what was opened in another service"}
    )


# Dates before this cannot be a case of Sammen's; it also keeps the period's arithmetic in range.
_FIRST_DAY = date(2000, 1, 1)
_LAST_DAY = date(9998, 12, 31)


def _day(description: str, key: str) -> fields.Date:
    return fields.Date(
        data_key=key,
        load_default=None,
        validate=validate.Range(_FIRST_DAY, _LAST_DAY, error="A date between 2000 and 9998."),
        error_messages={"invalid": "A date as YYYY-MM-DD, e.g. 2026-12-01."},
        metadata={"description": description},
    )


class PrinciplesQuerySchema(Schema):
    first = _day("The period's first day (default: 89 days before `to`)", "from")
    last = _day("The period's last day, included (default: today)", "to")

    @validates_schema
    def first_before_last(self, data: dict, **_kwargs: object) -> None:
        _check_period(data, "first", "last", ("from", "to"))


class PrincipleSchema(Schema):
    """One principle's figure: `numerator` of `denominator`, and what is counted."""

    principle = fields.String()
    label = fields.String()
    numerator = fields.Integer()
    denominator = fields.Integer()
    counts = fields.String(metadata={"description": "what numerator and denominator count"})
    breakdown = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        allow_none=True,
        metadata={"description": "ideas by channel (where_people_are only)"},
    )
