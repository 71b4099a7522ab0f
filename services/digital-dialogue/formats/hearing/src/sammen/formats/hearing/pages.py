"""The Danish pages: hearings for everyone, and the staff pages to open and close them."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.auth import current_staff, signed_in_staff, staff_page
from sammen.formats.hearing import domain, service
from sammen.formats.hearing.api import STAFF, csv_response
from sammen.formats.hearing.metrics import responses_submitted
from sammen.formats.hearing.models import Hearing
from sammen.formats.hearing.schemas import HearingInSchema, ResponseInSchema, SummaryInSchema
from sammen.pilot_formats.forms import posted_values, public_submission
from sammen.pilot_formats.web import found_or_404
from sammen.requested_mail import page_language
from sammen.web import limit_from_setting, limiter
from sammen.web.clock import now
from sammen.web.form_errors import field_errors
from sammen.web.form_guard import HONEYPOT

pages = Blueprint("pages", __name__, template_folder="templates")


_rate_limit = limit_from_setting("HEARING_FORM_RATE_LIMIT")


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _hearing(session: Any, hearing_id: str) -> Hearing:
    return found_or_404(session, Hearing, hearing_id)


# --- public -------------------------------------------------------------------------------------


@pages.get("/")
def index() -> str:
    with _database().transaction() as session:
        moment = now()
        listed = [
            (h, domain.phase(h.opens_at, h.deadline, moment)) for h in service.hearings(session)
        ]
        return render_template("hearing/index.html", hearings=listed, phases=domain.PHASE_NAMES)


def _render_hearing(
    hearing_id: str, values: dict[str, Any], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        hearing = _hearing(session, hearing_id)
        page = render_template(
            "hearing/hearing.html",
            hearing=hearing,
            phase=domain.phase(hearing.opens_at, hearing.deadline, now()),
            phases=domain.PHASE_NAMES,
            published=service.responses(session, hearing.id, public_only=True),
            values=values,
            errors=errors,
            honeypot=HONEYPOT,
        )
    return page, code


@pages.get("/hoeringer/<hearing_id>")
def hearing_page(hearing_id: str) -> Any:
    return _render_hearing(hearing_id, {"section": request.args.get("afsnit", "")}, {})


@pages.post("/hoeringer/<hearing_id>/svar")
@limiter.limit(_rate_limit, methods=["POST"])
def answer(hearing_id: str) -> Any:
    sent = public_submission(
        ResponseInSchema(),
        lambda values: {
            **values,
            "section": values.get("section") or None,
            "language": page_language(),
        },
    )
    values, payload = sent.values, sent.payload
    if payload is None:
        return _render_hearing(hearing_id, values, sent.errors, sent.status)
    settings = current_app.config["SAMMEN_SETTINGS"]
    with _database().transaction() as session:
        hearing = _hearing(session, hearing_id)
        try:
            response = service.submit_response(session, settings, hearing, payload, now())
        except service.HearingClosed:
            session.rollback()
            message = _(
                "Høringen er ikke åben for svar. Fristen er overskredet, eller den er ikke begyndt."
            )
            return _render_hearing(hearing_id, values, {"form": message}, 422)
        except service.UnknownSection:
            session.rollback()
            return _render_hearing(
                hearing_id, values, {"section": _("Vælg et afsnit fra listen")}, 422
            )
        public = response.moderation == domain.PENDING
    responses_submitted.labels("section" if payload["section"] else "overall").inc()
    return redirect(url_for("pages.thanks", hearing_id=hearing_id, offentligt=int(public)), 303)


@pages.get("/hoeringer/<hearing_id>/tak")
def thanks(hearing_id: str) -> str:
    with _database().transaction() as session:
        hearing = _hearing(session, hearing_id)
        return render_template(
            "hearing/thanks.html", hearing=hearing, public=request.args.get("offentligt") == "1"
        )


# --- staff --------------------------------------------------------------------------------------


@pages.get("/personale")
@staff_page(*STAFF)
def staff_index() -> str:
    with _database().transaction() as session:
        moment = now()
        listed = [
            (h, domain.phase(h.opens_at, h.deadline, moment)) for h in service.hearings(session)
        ]
        return render_template(
            "hearing/staff_index.html",
            hearings=listed,
            phases=domain.PHASE_NAMES,
            staff=current_staff(),
        )


def _render_new(values: dict[str, str], errors: dict[str, str], code: int = 200) -> Any:
    page = render_template(
        "hearing/staff_new.html",
        values=values,
        errors=errors,
        answer_modes={key: _(name) for key, name in domain.ANSWER_MODES.items()},
        staff=current_staff(),
    )
    return page, code


@pages.get("/personale/ny")
@staff_page(*STAFF)
def staff_new() -> Any:
    return _render_new({"answers": "public"}, {})


@pages.post("/personale/ny")
@staff_page(*STAFF)
def staff_create() -> Any:
    values = posted_values()
    try:
        sections = domain.parse_sections(values.get("sections", ""))
    except ValueError as error:
        return _render_new(values, {"sections": _(str(error))}, 422)
    try:
        payload = HearingInSchema().load({**values, "sections": sections})
    except ValidationError as error:
        return _render_new(values, field_errors(error), 422)
    settings = current_app.config["SAMMEN_SETTINGS"]
    with _database().transaction() as session:
        hearing = service.create_hearing(session, settings, payload, signed_in_staff(), now())
        hearing_id = hearing.id
    return redirect(url_for("pages.staff_hearing", hearing_id=hearing_id), 303)


def _render_staff_hearing(
    hearing_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        hearing = _hearing(session, hearing_id)
        responses = service.RESPONSES.read(session, hearing.id, signed_in_staff(), now())
        page = render_template(
            "hearing/staff_hearing.html",
            hearing=hearing,
            phase=domain.phase(hearing.opens_at, hearing.deadline, now()),
            phases=domain.PHASE_NAMES,
            responses=responses,
            moderation_names=domain.MODERATION_NAMES,
            values=values or {"summary": hearing.summary or ""},
            errors=errors,
            staff=current_staff(),
            show_contact=signed_in_staff().has_any(domain.CONTACT_READERS),
        )
    return page, code


@pages.get("/personale/hoeringer/<hearing_id>")
@staff_page(*STAFF)
def staff_hearing(hearing_id: str) -> Any:
    return _render_staff_hearing(hearing_id, {}, {})


@pages.get("/personale/hoeringer/<hearing_id>/svar.csv")
@staff_page(*domain.CONTACT_READERS)
def staff_export(hearing_id: str) -> Any:
    with _database().transaction() as session:
        hearing = _hearing(session, hearing_id)
        # Before the deadline: a 409 page.
        text = service.exported(session, hearing, signed_in_staff(), now())
    return csv_response(text, hearing_id)


@pages.post("/personale/hoeringer/<hearing_id>/hoeringsnotat")
@staff_page(*STAFF)
def staff_summary(hearing_id: str) -> Any:
    values = {"summary": request.form.get("summary", "")}
    try:
        payload = SummaryInSchema().load(values)
    except ValidationError as error:
        return _render_staff_hearing(hearing_id, values, field_errors(error), 422)
    with _database().transaction() as session:
        hearing = _hearing(session, hearing_id)
        try:
            service.publish_summary(
                session,
                current_app.config["SAMMEN_SETTINGS"],
                hearing,
                payload["summary"],
                None,
                now(),
            )
        except service.NotYetClosed:
            session.rollback()
            message = _("Høringsnotatet kan først offentliggøres, når fristen er overskredet.")
            return _render_staff_hearing(hearing_id, values, {"summary": message}, 409)
    return redirect(url_for("pages.hearing_page", hearing_id=hearing_id), 303)
