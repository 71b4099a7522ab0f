"""The routing JSON API under /api/v1: staff tokens and accounts, cases, the agent directory, privacy
requests, and the platform's audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from flask import current_app
from flask_smorest import abort

from sammen import privacy
from sammen.auth import StaffIdentity, issue_token, signed_in_staff, staff_api
from sammen.db import LARGEST_ID, Database
from sammen.routing import (
    accounts,
    audit,
    cases,
    event_data,
    handover,
    lifecycle,
    login_attempts,
    privacy_requests,
    queries,
    sla,
)
from sammen.routing.accounts import create_account, find_by_email, identity
from sammen.routing.domain import TransitionRefused, team_for_theme
from sammen.routing.errors import Conflict, NotAllowed, NotFound, Refused
from sammen.routing.models import Case, StaffAccount
from sammen.routing.principles import Figure, default_period
from sammen.routing.schemas import (
    AccountChangeSchema,
    AccountSchema,
    AgentInSchema,
    AuditEntrySchema,
    AuditQuerySchema,
    CaseQuerySchema,
    CaseSchema,
    CaseSummarySchema,
    CredentialsSchema,
    PasswordChangeSchema,
    PrincipleSchema,
    PrinciplesQuerySchema,
    PrivacyRequestReportSchema,
    PrivacyRequestSchema,
    PrivacyResultSchema,
    PublicAgentSchema,
    PublishSchema,
    TokenSchema,
    TransitionSchema,
)
from sammen.routing.settings import login_rate_limit
from sammen.routing.sso.web import password_login_provider
from sammen.web import Blueprint, json_call, limiter
from sammen.web.clock import now

blp = Blueprint("routing_api", __name__, url_prefix="/api/v1", description="Cases and agents")
CASE_ROLES = ("agent", "coordinator")
PRIVACY_ROLES = ("coordinator",)


def _database() -> Database:
    return current_app.config["SAMMEN_DATABASE"]


def refuse(status: int, field: str, message: str) -> NoReturn:
    abort(status, message=f"{field}: {message}", errors={"json": {field: [message]}})


def _login_limit() -> str:
    return login_rate_limit(current_app.config["SAMMEN_SETTINGS"])


def refuse_while_locked(email: str) -> None:
    """429 while the account takes no password (too many failed logins from anywhere)."""
    if wait := login_attempts.seconds_locked(email):
        message = "Too many failed logins for this account; try again later."
        abort(
            429,
            message=f"email: {message}",
            errors={"json": {"email": [message]}},
            headers={"Retry-After": str(wait)},
        )


# --- auth -------------------------------------------------------------------------------------


@blp.route("/auth/token", methods=["POST"])
@limiter.limit(_login_limit)
@json_call(blp, CredentialsSchema, 200, TokenSchema)
@blp.alt_response(401, description="Wrong email or password")
@blp.alt_response(429, description="Too many attempts from this address or on this account")
def token(credentials: dict[str, str]) -> dict[str, str]:
    """A staff token for `Authorization: Bearer <token>` on every service's staff API."""
    refuse_while_locked(credentials["email"])
    with _database().transaction() as session:
        account = password_login_provider().authenticate(
            session, credentials["email"], credentials["password"]
        )
        staff = identity(account) if account else None
    if staff is None:
        login_attempts.record_failure(credentials["email"])
        abort(401, message="Wrong email or password.")
    return {"token": issue_token(current_app.config["SECRET_KEY"], staff)}


@blp.route("/auth/password", methods=["POST"])
@limiter.limit(_login_limit)
@staff_api()
@json_call(blp, PasswordChangeSchema, 200, TokenSchema)
@blp.alt_response(422, description="The current password is wrong, or the new one too short")
@blp.alt_response(429, description="Too many attempts from this address or on this account")
def change_password(payload: dict[str, str]) -> dict[str, str]:
    """Change your own password. Every session of the account ends, on every service; the answer
    carries a new token."""
    me = signed_in_staff()
    refuse_while_locked(me.email)
    with _database().transaction() as session:
        account = session.get(StaffAccount, me.id)
        staff = None
        if account is not None and accounts.change_password(
            session, account, payload["current_password"], payload["new_password"]
        ):
            staff = identity(account)
    if staff is None:
        # A wrong current password counts as a failed login: a stolen token must not let anyone
        # guess the password at leisure.
        login_attempts.record_failure(me.email)
        refuse(422, "current_password", "This is not the account's password.")
    return {"token": issue_token(current_app.config["SECRET_KEY"], staff)}


# --- accounts ---------------------------------------------------------------------------------


def account_view(account: StaffAccount) -> dict[str, Any]:
    return {
        "id": account.id,
        "email": account.email,
        "name": account.name,
        "roles": list(account.role_list),
        "active": account.active,
    }


@blp.route(f"/accounts/<int(max={LARGEST_ID}):account_id>", methods=["PATCH"])
@staff_api("admin")
@json_call(blp, AccountChangeSchema, 200, AccountSchema)
@blp.alt_response(404, description="No such account")
def change_account(payload: dict[str, Any], account_id: int) -> dict[str, Any]:
    """Disable or enable an account, or give it other roles (admins). Disabling it or changing its
    roles ends every session of the account, on every service."""
    with _database().transaction() as session:
        account = session.get(StaffAccount, account_id)
        if account is None:
            abort(404, message="No account has that id.")
        if "roles" in payload:
            accounts.set_roles(session, account, tuple(dict.fromkeys(payload["roles"])))
        if "active" in payload:
            accounts.set_active(session, account, payload["active"])
        return account_view(account)


# --- cases ------------------------------------------------------------------------------------


def case_summary(case: Case, at: datetime) -> dict[str, Any]:
    return {
        "id": case.id,
        "idea_id": case.idea_id,
        "tracking_code": case.tracking_code,
        "title": case.title,
        "theme": case.theme,
        "channel": case.channel,
        "team": case.team,
        "status": case.status,
        "assignee": event_data.agent_contact(case.assignee),
        "submitted_at": case.submitted_at,
        "first_response_due": case.first_response_due,
        "first_response_at": case.first_response_at,
        "sla": sla.case_sla(case, at),
    }


def case_detail(case: Case, at: datetime, staff: StaffIdentity) -> dict[str, Any]:
    """The case; its initiator's contact only for those who may act on it (else null)."""
    initiator = {
        "name": case.initiator_name,
        "email": case.initiator_email,
        "phone": case.initiator_phone,
        "organisation": case.initiator_organisation,
        "age_group": case.initiator_age_group,
    }
    return case_summary(case, at) | {
        "description": case.description,
        "location": case.location,
        "consent_publish": case.consent_publish,
        "published_at": case.published_at,
        "initiator": initiator if cases.may_act_on(staff, case) else None,
        "history": list(case.entries),
        "links": list(case.links),
        "responsible": owner.as_data() if (owner := handover.current_responsible(case)) else None,
    }


@blp.route("/cases", methods=["GET"])
@staff_api(*CASE_ROLES)
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(200, CaseSummarySchema(many=True))
def list_cases(args: dict[str, Any]) -> list[dict[str, Any]]:
    """Cases, breached and at risk first; filter by tracking_code, status, assignee (staff id)."""
    at = now()
    flt = queries.CaseFilter(
        tracking_code=args["tracking_code"], status=args["status"], assignee=args["assignee"]
    )
    with _database().transaction() as session:
        return [case_summary(c, at) for c in queries.find_cases(session, flt, at)]


def _case_or_404(session: Any, case_id: str) -> Case:
    try:
        return cases.get_case(session, case_id)
    except NotFound:
        abort(404, message="No case has that id.")


def _case_to_act_on(session: Any, case_id: str) -> Case:
    try:
        return cases.case_to_act_on(session, case_id, signed_in_staff())
    except NotFound:
        abort(404, message="No case has that id.")
    except NotAllowed:
        abort(403, message="Only the assigned agent or a coordinator may do this.")


@blp.route("/cases/<case_id>", methods=["GET"])
@staff_api(*CASE_ROLES)
@blp.response(200, CaseSchema)
@blp.alt_response(404, description="No such case")
def get_case(case_id: str) -> dict[str, Any]:
    """One case with its history; opening it is recorded in the audit log."""
    at = now()
    with _database().transaction() as session:
        _case_or_404(session, case_id)
        staff = signed_in_staff()
        case = cases.open_case(session, case_id, staff, at)
        return case_detail(case, at, staff)


@blp.route("/cases/<case_id>/transitions", methods=["POST"])
@staff_api(*CASE_ROLES)
@json_call(blp, TransitionSchema, 200, CaseSchema)
@blp.alt_response(403, description="Not your case")
@blp.alt_response(404, description="No such case")
def transition(payload: dict[str, Any], case_id: str) -> dict[str, Any]:
    """Move the case to `to`, with `message` to the initiator and an internal `note`; a hand-over
    (`handed_over`) names who takes over in `responsible`."""
    at, staff = now(), signed_in_staff()
    with _database().transaction() as session:
        case = _case_to_act_on(session, case_id)
        try:
            lifecycle.transition(
                session,
                case,
                payload["to"],
                payload["message"],
                payload["note"],
                staff,
                at,
                responsible=payload["responsible"],
            )
        except TransitionRefused as refused:
            refuse(422, refused.field, refused.message)
        return case_detail(case, at, staff)


@blp.route("/cases/<case_id>/publish", methods=["POST"])
@staff_api(*CASE_ROLES)
@json_call(blp, PublishSchema, 200, CaseSchema)
@blp.alt_response(409, description="No consent to publish, or already published")
def publish(payload: dict[str, Any], case_id: str) -> dict[str, Any]:
    """Publish the screened `summary` to the idea board — only with the initiator's consent."""
    at, staff = now(), signed_in_staff()
    with _database().transaction() as session:
        case = _case_to_act_on(session, case_id)
        try:
            lifecycle.publish(session, case, payload["summary"], staff, at)
        except Conflict as conflict:
            refuse(409, conflict.field, conflict.message)
        except Refused as refused:
            refuse(422, refused.field, refused.message)
        return case_detail(case, at, staff)


# --- the six principles ----------------------------------------------------------------------


@blp.route("/principles", methods=["GET"])
@staff_api("coordinator")
@blp.arguments(PrinciplesQuerySchema, location="query")
@blp.response(200, PrincipleSchema(many=True))
def principles(args: dict[str, Any]) -> list[Figure]:
    """One figure per principle for the ideas that came in from `from` to `to` (dates, both
    included; default the last 90 days), each as numerator and denominator with what is counted."""
    period = default_period(now(), args["first"], args["last"])
    with _database().transaction() as session:
        return queries.principle_figures(session, period)


# --- the directory of sparring agents ---------------------------------------------------------


def public_agent(account: StaffAccount) -> dict[str, Any]:
    return {
        "id": account.id,
        "name": account.name,
        "title": account.title,
        "team": account.team,
        "areas": account.area_list,
        "email": account.email,
        "phone": account.phone,
    }


@blp.route("/agents", methods=["GET"])
@blp.response(200, PublicAgentSchema(many=True))
def list_agents() -> list[dict[str, Any]]:
    """The public directory of sparring agents: name, areas and work contact."""
    with _database().transaction() as session:
        return [public_agent(a) for a in cases.agents(session)]


@blp.route("/agents", methods=["POST"])
@staff_api("admin")
@json_call(blp, AgentInSchema, 201, PublicAgentSchema)
@blp.alt_response(409, description="The email has an account already")
def create_agent(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Create a sparring agent (admins only)."""
    roles = tuple(dict.fromkeys(["agent", *payload["roles"]]))
    with _database().transaction() as session:
        if find_by_email(session, payload["email"]) is not None:
            refuse(409, "email", "An account with this email exists.")
        account = create_account(
            session,
            email=payload["email"],
            name=payload["name"],
            roles=roles,
            password=payload["password"],
            areas=payload["areas"],
            team=team_for_theme(payload["areas"][0]),
            phone=payload["phone"],
            title=payload["title"] or "Sparringsagent",
            now=now(),
        )
        return public_agent(account), 201


# --- privacy ----------------------------------------------------------------------------------


def _person_request(
    kind: privacy.ReportKind, payload: dict[str, Any]
) -> tuple[dict[str, Any], int]:
    """A privacy request for the person `payload` names, in the signed-in staff member's name."""
    with _database().transaction() as session:
        result = privacy_requests.request_for_person(
            session, kind, payload["email"], payload["tracking_code"], signed_in_staff(), now()
        )
    return vars(result), 202


@blp.route("/privacy/erasure", methods=["POST"])
@staff_api(*PRIVACY_ROLES)
@json_call(blp, PrivacyRequestSchema, 202, PrivacyResultSchema)
def erasure(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Erase a person's data here and ask every service to do the same (GDPR art. 17)."""
    return _person_request("erasure", payload)


@blp.route("/privacy/requests/<request_id>", methods=["GET"])
@staff_api(*PRIVACY_ROLES)
@blp.response(200, PrivacyRequestReportSchema)
def privacy_request(request_id: str) -> dict[str, Any]:
    """Every service's report on an erasure or access request: one place to see it was done."""
    with _database().transaction() as session:
        reports = privacy_requests.opened_reports(session, request_id, signed_in_staff(), now())
    if not reports:
        abort(404, message="No service has reported on this request yet.")
    return {"request_id": request_id, "reports": reports}


@blp.route("/privacy/access", methods=["POST"])
@staff_api(*PRIVACY_ROLES)
@json_call(blp, PrivacyRequestSchema, 202, PrivacyResultSchema)
def access(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Export routing's data about a person; every service reports its own (GDPR art. 15)."""
    return _person_request("access", payload)


# --- the audit log ----------------------------------------------------------------------------


@blp.route("/audit", methods=["GET"])
@staff_api("admin")
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditEntrySchema(many=True))
def audit_log(args: dict[str, Any]) -> list[Any]:
    """Which staff member opened which person's data, in every service, newest first (admins).

    Entries hold ids only, so reading the log opens nobody's data and is not itself recorded.
    """
    with _database().transaction() as session:
        return audit.audit_log(session, audit.AuditFilter(**args))
