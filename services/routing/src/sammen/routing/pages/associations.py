"""The association register's page: the associations agents can link a case to."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from sammen.auth import staff_page
from sammen.routing import associations as association_register
from sammen.routing.domain import parse_areas
from sammen.routing.errors import Refused
from sammen.routing.pages.blueprint import CASE_ROLES, database, one_line_error, pages
from sammen.schemas import is_one_line
from sammen.web.form_errors import form_page


@pages.get("/foreninger")
@staff_page(*CASE_ROLES)
def associations() -> str:
    return _render_associations({}, {})[0]


def _render_associations(values: dict[str, Any], errors: dict[str, str]) -> tuple[str, int]:
    with database().transaction() as session:
        listed = association_register.registered(session)
        return form_page("routing/associations.html", errors, associations=listed, values=values)


@pages.post("/foreninger")
@staff_page(*CASE_ROLES)
def add_association() -> Any:
    form = request.form
    values = {"name": form.get("name", "").strip(), "contact": form.get("contact", "").strip()}
    areas = parse_areas(form.getlist("areas"))
    errors = {}
    if not 2 <= len(values["name"]) <= 160:
        errors["name"] = _("Skriv foreningens navn")
    if not 3 <= len(values["contact"]) <= 254:
        errors["contact"] = _("Skriv en kontakt (e-mail eller telefon)")
    errors |= {key: one_line_error() for key, text in values.items() if not is_one_line(text)}
    if not errors:
        try:
            with database().transaction() as session:
                association_register.register(session, values["name"], values["contact"], areas)
        except Refused:
            errors["name"] = _("Foreningen findes allerede i registret")
    if errors:
        return _render_associations(values | {"areas": areas}, errors)
    flash(_("Foreningen er tilføjet."))
    return redirect(url_for("pages.associations"), 303)
