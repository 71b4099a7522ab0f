"""The answer templates' pages, and the templates a case's answer form offers."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from sammen.auth import signed_in_staff, staff_page
from sammen.routing import answer_templates as template_store
from sammen.routing.domain import (
    INITIATOR_VISIBLE,
    MIN_DECLINE_REASON,
    MIN_MESSAGE,
    STATUS_NAMES,
    AnswerTemplateRefused,
)
from sammen.routing.errors import NotFound
from sammen.routing.pages.blueprint import CASE_ROLES, database, pages
from sammen.vocabulary import N_
from sammen.web.clock import now
from sammen.web.form_errors import form_page

TEMPLATE_FIELDS = ("status", "language", "title", "text")
LANGUAGE_NAMES = {"da": N_("På dansk"), "en": N_("På engelsk")}


def _template_error(field: str) -> str:
    texts = {
        "status": _("Vælg den status, teksten hører til"),
        "language": _("Vælg dansk eller engelsk"),
        "title": _("Skriv en kort titel (højst 80 tegn)"),
        "text": _(
            "Skriv teksten: mindst %(n)s tegn, ved afslag mindst %(d)s tegn",
            n=MIN_MESSAGE,
            d=MIN_DECLINE_REASON,
        ),
    }
    return texts[field]


def _render_templates(
    values: dict[str, str], errors: dict[str, str], editing: Any = None
) -> tuple[str, int]:
    with database().transaction() as session:
        return form_page(
            "routing/answer_templates.html",
            errors,
            templates=template_store.answer_templates(session),
            statuses=[s for s in STATUS_NAMES if s in INITIATOR_VISIBLE],
            language_names=LANGUAGE_NAMES,
            editing=editing,
            values=values,
        )


@pages.get("/svarskabeloner")
@staff_page(*CASE_ROLES)
def answer_templates() -> Any:
    return _render_templates({}, {})


@pages.get("/svarskabeloner/<int:template_id>")
@staff_page(*CASE_ROLES)
def answer_template(template_id: int) -> Any:
    with database().transaction() as session:
        try:
            template = template_store.get_answer_template(session, template_id)
        except NotFound:
            abort(404)
        values = {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    return _render_templates(values, {}, editing=template_id)


@pages.post("/svarskabeloner")
@pages.post("/svarskabeloner/<int:template_id>")
@staff_page(*CASE_ROLES)
def save_answer_template(template_id: int | None = None) -> Any:
    """Add a template, or change one: every agent keeps the shared texts up to date."""
    values = {name: request.form.get(name, "") for name in TEMPLATE_FIELDS}
    try:
        with database().transaction() as session:
            template = None
            if template_id is not None:
                try:
                    template = template_store.get_answer_template(session, template_id)
                except NotFound:
                    abort(404)
            template_store.save_answer_template(session, template, values, signed_in_staff(), now())
    except AnswerTemplateRefused as refused:
        return _render_templates(
            values, {refused.field: _template_error(refused.field)}, template_id
        )
    flash(_("Svarskabelonen er gemt."))
    return redirect(url_for("pages.answer_templates"), 303)


def template_choices(session: Any, case: Any, targets: list[str]) -> list[Any]:
    """The templates an answer on this case may start from: its status and where it can go."""
    usable = {case.status, *targets} & INITIATOR_VISIBLE
    return [t for t in template_store.answer_templates(session) if t.status in usable]


def template_prefill(choices: list[Any], chosen: int | None) -> dict[str, str]:
    """The answer form filled from the chosen template: its status and its text, to edit."""
    for template in choices:
        if template.id == chosen:
            return {"to": template.status, "message": template.text}
    return {}
