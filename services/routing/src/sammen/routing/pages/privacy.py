"""Citizens' privacy requests (GDPR art. 15 and 17) as staff make them and follow their reports."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from sammen.auth import signed_in_staff, staff_page
from sammen.privacy import HOLDERS, ReportKind
from sammen.routing import audit, privacy_requests
from sammen.routing.api import PRIVACY_ROLES
from sammen.routing.pages.blueprint import database, pages, valid_email
from sammen.vocabulary import N_, normalise_tracking_code
from sammen.web.clock import now
from sammen.web.form_errors import form_page

PRIVACY_KINDS = {"access": N_("Indsigt (art. 15)"), "erasure": N_("Sletning (art. 17)")}
# What staff call each service; a holder of personal data without a name here fails at import.
SERVICE_NAMES = {
    "routing": N_("Sager"),
    "intake": N_("Idéer"),
    "notify": N_("Beskeder"),
    "calendar": N_("Kalender"),
    "dialogue": N_("Moderering (digital dialog)"),
    "idea_board": N_("Idébanken"),
    "hearing": N_("Høringer"),
    "theme_discussion": N_("Temadrøftelser"),
    "realisation": N_("Følg realiseringen"),
}
# Every holder answers each request (docs/events.md, person.*); their reports are awaited.
PRIVACY_SERVICES = {name: SERVICE_NAMES[name] for name in HOLDERS}
# The record kinds the services count in their reports; an unknown key is shown as it is.
RECORD_KINDS = {
    "cases": N_("Sager"),
    "ideas": N_("Idéer"),
    "contacts": N_("Kontaktoplysninger"),
    "messages": N_("Beskeder"),
    "preferences": N_("Mailindstillinger"),
    "registrations": N_("Tilmeldinger"),
    "joins": N_("Tilslutninger"),
    "comments": N_("Kommentarer"),
    "responses": N_("Høringssvar"),
    "contributions": N_("Anmeldte bidrag"),
    "exports": N_("Tidligere udtræk"),
    "discussion_answers": N_("Svar til temadrøftelser"),
    "members": N_("Udvalgsmedlemskaber"),
    "followers": N_("Følger anbefalinger"),
    "questions": N_("Spørgsmål til ansvarlige"),
}
TRACKING_CODE = re.compile(r"[A-Z0-9]{4}-?[A-Z0-9]{4}")


def privacy_form_errors(values: dict[str, str]) -> dict[str, str]:
    """The form's errors by field: exactly one of e-mail and tracking code, a kind, and for an
    erasure the confirmation that the citizen's identity was checked."""
    errors = {}
    email, code = values["email"], values["tracking_code"]
    if not email and not code:
        errors["email"] = _("Skriv borgerens e-mail eller en sporingskode")
    elif email and code:
        errors["tracking_code"] = _("Udfyld kun ét felt: borgerens e-mail eller sporingskoden")
    elif email:
        if not valid_email(email):
            errors["email"] = _("Skriv en gyldig e-mailadresse, fx navn@example.dk")
    elif not TRACKING_CODE.fullmatch(code):
        errors["tracking_code"] = _("Skriv sporingskoden som på kvitteringen, fx ACDF-HJKM")
    if values["kind"] not in PRIVACY_KINDS:
        errors["kind"] = _("Vælg indsigt eller sletning")
    elif values["kind"] == "erasure" and values["confirm"] != "ja":
        errors["confirm"] = _(
            "Bekræft, at du har kontrolleret borgerens identitet. En sletning kan ikke fortrydes"
        )
    return errors


def _privacy_form(values: dict[str, str], errors: dict[str, str]) -> tuple[str, int]:
    return form_page("routing/privacy.html", errors, values=values, kinds=PRIVACY_KINDS)


@pages.get("/persondata")
@staff_page(*PRIVACY_ROLES)
def privacy() -> str:
    return _privacy_form({}, {})[0]


@pages.post("/persondata")
@staff_page(*PRIVACY_ROLES)
def privacy_post() -> Any:
    """Create the request through the same use cases as the API, then show its reports."""
    form = request.form
    values = {
        "email": form.get("email", "").strip()[:254],
        "tracking_code": normalise_tracking_code(form.get("tracking_code", "")[:40]),
        "kind": form.get("kind", ""),
        "confirm": form.get("confirm", ""),
    }
    errors = privacy_form_errors(values)
    if errors:
        return _privacy_form(values, errors)
    kind: ReportKind = "access" if values["kind"] == "access" else "erasure"
    with database().transaction() as session:
        result = privacy_requests.request_for_person(
            session,
            kind,
            values["email"] or None,
            values["tracking_code"] or None,
            signed_in_staff(),
            now(),
        )
    flash(
        _("Anmodningen om indsigt er sendt til alle tjenester.")
        if values["kind"] == "access"
        else _("Anmodningen om sletning er sendt til alle tjenester.")
    )
    return redirect(url_for("pages.privacy_request", request_id=result.request_id), 303)


def privacy_rows(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per service, the expected ones first (answered or awaiting), then any other; its
    texts translated here, as plain text: what a service reports is data, never markup."""
    by_service = {report["service"]: report for report in reports}
    expected = [(name, by_service.get(name)) for name in PRIVACY_SERVICES]
    others = [(r["service"], r) for r in reports if r["service"] not in PRIVACY_SERVICES]
    rows = []
    for name, report in expected + others:
        row: dict[str, Any] = {"service": name, "name": _label(PRIVACY_SERVICES, name)}
        if report is not None:
            row["counts"] = [
                (_label(RECORD_KINDS, str(key)), count)
                for key, count in (report["summary"] or {}).items()
            ]
            row["kept"] = _(report["kept"]) if report["kept"] else None
            row["received_at"] = report["received_at"]
        rows.append(row)
    return rows


def _label(names: dict[str, str], key: str) -> str:
    return _(names[key]) if key in names else key


@pages.get("/persondata/<request_id>")
@staff_page(*PRIVACY_ROLES)
def privacy_request(request_id: str) -> str:
    with database().transaction() as session:
        reports = privacy_requests.opened_reports(session, request_id, signed_in_staff(), now())
    if not reports:  # routing's own report is stored with the request: no such request
        abort(404)
    rows = privacy_rows(reports)
    return render_template(
        "routing/privacy_request.html",
        request_id=request_id,
        kind=reports[0]["kind"],
        rows=rows,
        waiting=sum(1 for row in rows if "received_at" not in row),
        has_export=any(r["data"] is not None for r in reports if r["kind"] == "access"),
    )


def combined_export(request_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Every service's export in one document, saying which services have not answered yet."""
    answered = {report["service"] for report in reports}
    return {
        "request_id": request_id,
        "reports": [
            {
                "service": report["service"],
                "received_at": report["received_at"].isoformat(),
                "summary": report["summary"],
                "data": report["data"],
            }
            for report in reports
        ],
        "awaiting": [name for name in PRIVACY_SERVICES if name not in answered],
    }


@pages.get("/persondata/<request_id>/udtraek.json")
@staff_page(*PRIVACY_ROLES)
def privacy_export(request_id: str) -> Response:
    """The combined export to hand to the citizen; downloading it is recorded."""
    with database().transaction() as session:
        reports = [
            r
            for r in privacy_requests.privacy_reports(session, request_id)
            if r["kind"] == "access"
        ]
        if not any(r["data"] is not None for r in reports):
            abort(404)  # no such access request, or its export is dropped already
        audit.audit(session, signed_in_staff(), "privacy_export", None, now())
    body = json.dumps(combined_export(request_id, reports), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    name = re.sub(r"[^A-Za-z0-9-]", "", request_id)[:40]
    response.headers["Content-Disposition"] = f'attachment; filename="udtraek-{name}.json"'
    return response
