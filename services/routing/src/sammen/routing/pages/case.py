"""The case page and its actions: answer the initiator, note, assign, link, publish."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from sammen.auth import signed_in_staff, staff_page
from sammen.routing import cases, history, lifecycle, links, queries, sla
from sammen.routing.domain import (
    MIN_DECLINE_REASON,
    MIN_MESSAGE,
    STATUS_NAMES,
    TransitionRefused,
    allowed_targets,
)
from sammen.routing.errors import Conflict, NotAllowed, NotFound, Refused
from sammen.routing.pages.answer_templates import template_choices, template_prefill
from sammen.routing.pages.blueprint import (
    CASE_ROLES,
    database,
    one_line_error,
    pages,
    routing_url,
    valid_email,
)
from sammen.schemas import is_one_line
from sammen.web.clock import now


def _render_case(case_id: str, errors: dict[str, str] | None = None, status: int = 200) -> Any:
    staff, at = signed_in_staff(), now()
    with database().transaction() as session:
        try:
            case = cases.open_case(session, case_id, staff, at)
        except NotFound:
            abort(404)
        targets = sorted(allowed_targets(case.status), key=list(STATUS_NAMES).index)
        choices = template_choices(session, case, targets)
        chosen = request.args.get("skabelon", type=int)
        page = render_template(
            "routing/case.html",
            case=case,
            sla=sla.case_sla(case, at),
            targets=targets,
            answer_templates=choices,
            chosen_template=chosen,
            may_act=cases.may_act_on(staff, case),
            may_assign=staff.has_any(("coordinator",))
            or (case.assignee_id is None and "agent" in staff.roles),
            agents=cases.agents(session),
            similar=queries.similar_cases(session, case),
            councils=queries.suggested_councils(case),
            associations=queries.associations_for(session, case.theme),
            errors=errors or {},
            values=request.form if errors else template_prefill(choices, chosen),
            min_message=MIN_MESSAGE,
            min_decline=MIN_DECLINE_REASON,
            staff=staff,
        )
    return page, status


@pages.get("/sager/<case_id>")
@staff_page(*CASE_ROLES)
def case_page(case_id: str) -> Any:
    return _render_case(case_id)


def _acted(case_id: str, message: str) -> Response:
    flash(message)
    return redirect(url_for("pages.case_page", case_id=case_id), 303)


def _find(session: Any, case_id: str) -> Any:
    try:
        return cases.get_case(session, case_id)
    except NotFound:
        abort(404)


def _load_for_action(session: Any, case_id: str) -> Any:
    """The case, if this staff member may act on it: the API's rule (`cases.case_to_act_on`)."""
    try:
        return cases.case_to_act_on(session, case_id, signed_in_staff())
    except NotFound:
        abort(404)
    except NotAllowed:
        abort(403)


def responsible_from_form(form: Any) -> dict[str, str]:
    """The hand-over fields of the answer form, as the API's `responsible`."""
    return {key: form.get(f"responsible_{key}", "") for key in ("unit", "name", "email")}


def _refusal_texts(target: str | None) -> dict[str, str]:
    message = _("Skriv en besked til initiativtageren på mindst %(n)s tegn", n=MIN_MESSAGE)
    if target == "declined":
        message = _(
            "Et afslag kræver en begrundelse til initiativtageren på mindst %(n)s tegn",
            n=MIN_DECLINE_REASON,
        )
    return {
        "to": _("Vælg en status, sagen kan gå til"),
        "message": message,
        "responsible_unit": _("Skriv, hvilken enhed der overtager sagen"),
    }


@pages.post("/sager/<case_id>/svar")
@staff_page(*CASE_ROLES)
def answer(case_id: str) -> Any:
    """Write to the initiator, moving the case to the chosen status (or keeping it)."""
    form = request.form
    responsible = responsible_from_form(form)
    if responsible["email"].strip() and not valid_email(responsible["email"].strip()):
        return _render_case(case_id, {"responsible_email": _("Skriv en gyldig e-mailadresse")}, 422)
    if broken := [key for key, text in responsible.items() if not is_one_line(text)]:
        return _render_case(case_id, {f"responsible_{broken[0]}": one_line_error()}, 422)
    try:
        with database().transaction() as session:
            case = _load_for_action(session, case_id)
            lifecycle.transition(
                session,
                case,
                form.get("to") or case.status,
                form.get("message"),
                form.get("note"),
                signed_in_staff(),
                now(),
                responsible=responsible if responsible["unit"].strip() else None,
            )
    except TransitionRefused as refused:
        field = {"responsible": "responsible_unit"}.get(refused.field, refused.field)
        field = field if field in ("message", "responsible_unit") else "to"
        return _render_case(case_id, {field: _refusal_texts(form.get("to"))[field]}, 422)
    return _acted(case_id, _("Beskeden er sendt til initiativtageren."))


@pages.post("/sager/<case_id>/note")
@staff_page(*CASE_ROLES)
def note(case_id: str) -> Any:
    try:
        with database().transaction() as session:
            case = _load_for_action(session, case_id)
            history.add_note(
                session, case, request.form.get("note_text", ""), signed_in_staff(), now()
            )
    except Refused:
        return _render_case(case_id, {"note_text": _("Skriv noten")}, 422)
    return _acted(case_id, _("Noten er gemt. Den er kun synlig for medarbejdere."))


@pages.post("/sager/<case_id>/tildel")
@staff_page(*CASE_ROLES)
def assign(case_id: str) -> Any:
    agent = request.form.get("agent", "")
    if not agent.isdigit():
        return _render_case(case_id, {"agent": _("Vælg en sparringsagent")}, 422)
    staff = signed_in_staff()
    try:
        with database().transaction() as session:
            case = _find(session, case_id)
            if not cases.may_assign(staff, case, int(agent)):
                abort(403)
            cases.reassign(session, case, int(agent), staff, now())
    except Refused:
        return _render_case(case_id, {"agent": _("Vælg en anden aktiv sparringsagent")}, 422)
    return _acted(case_id, _("Sagen er tildelt."))


@pages.post("/sager/<case_id>/kobling")
@staff_page(*CASE_ROLES)
def link(case_id: str) -> Any:
    kind = request.form.get("kind", "")
    target = request.form.get(f"target_{kind}", "") if kind else ""
    try:
        with database().transaction() as session:
            case = _load_for_action(session, case_id)
            links.add_link(
                session, case, kind, target, signed_in_staff(), now(), base_url=routing_url()
            )
    except Refused as refused:
        field = "kind" if refused.field == "kind" else f"target_{kind}"
        texts = {
            "kind": _("Vælg, hvad sagen skal kobles til"),
        }
        return _render_case(case_id, {field: texts.get(field, _("Vælg et gyldigt mål"))}, 422)
    return _acted(case_id, _("Koblingen er gemt."))


@pages.post("/sager/<case_id>/offentliggoer")
@staff_page(*CASE_ROLES)
def publish(case_id: str) -> Any:
    try:
        with database().transaction() as session:
            case = _load_for_action(session, case_id)
            lifecycle.publish(
                session, case, request.form.get("summary", ""), signed_in_staff(), now()
            )
    except Refused as refused:
        texts = {
            "consent": _("Initiativtageren har ikke givet samtykke til offentliggørelse"),
            "case": _("Sagen er allerede offentliggjort"),
            "summary": _(
                "Skriv en gennemset offentlig tekst på mindst %(n)s tegn", n=lifecycle.MIN_SUMMARY
            ),
        }
        status = 409 if isinstance(refused, Conflict) else 422
        return _render_case(case_id, {"summary": texts[refused.field]}, status)
    return _acted(case_id, _("Idéen er offentliggjort i Idébanken."))
