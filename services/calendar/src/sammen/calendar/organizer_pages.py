"""The organizers' staff pages: the list (where an admin adds one) and each one's proposed agenda items."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.auth import signed_in_staff, staff_page
from sammen.calendar.access import WRITERS, may_write, writable_organizers
from sammen.calendar.agenda_proposals import proposed_counts, proposed_items
from sammen.calendar.catalogue import ORGANIZER_KINDS
from sammen.calendar.errors import InvalidValue
from sammen.calendar.models import Organizer
from sammen.calendar.organizers import add_organizer, all_organizers
from sammen.calendar.schemas import OrganizerInSchema, first_errors

organizer_pages = Blueprint(
    "organizer_pages", __name__, url_prefix="/personale/arrangoerer", template_folder="templates"
)


def _list_page(
    values: dict[str, str], errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    me = signed_in_staff()
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        writable = writable_organizers(session, me)
        shown = [o for o in all_organizers(session) if writable is None or o.slug in writable]
        page = render_template(
            "calendar/staff_organizers.html",
            organizers=shown,
            proposed=proposed_counts(session),
            kinds={kind: _(name) for kind, name in ORGANIZER_KINDS.items()},
            may_add="admin" in me.roles,
            values=values,
            errors=errors,
            me=me,
        )
    return page, status


@organizer_pages.get("/")
@staff_page(*WRITERS)
def organizers() -> tuple[str, int]:
    """The organizers this staff member writes for; admins also add one here."""
    return _list_page({}, {})


@organizer_pages.post("/")
@staff_page("admin")
def add() -> Any:
    """An admin adds an organizer (the same rules as `POST /api/v1/organizers`)."""
    values = {name: request.form.get(name, "") for name in ("slug", "name", "kind")}
    try:
        payload = OrganizerInSchema().load(values)
        with current_app.config["SAMMEN_DATABASE"].transaction() as session:
            add_organizer(session, payload["slug"], payload["name"], payload["kind"])
    except ValidationError as error:
        return _list_page(values, {k: _(v) for k, v in first_errors(error).items()}, 422)
    except InvalidValue as error:
        return _list_page(values, {error.field: _(error.template, **error.values)}, 422)
    return redirect(url_for("organizer_pages.organizer", slug=payload["slug"]), 303)


@organizer_pages.get("/<slug>")
@staff_page(*WRITERS)
def organizer(slug: str) -> str:
    """Its secretaries, coordinators and admins see what agents proposed for its agenda."""
    me = signed_in_staff()
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        found = session.get(Organizer, slug)
        if found is None:
            abort(404)
        if not may_write(session, me, [slug]):
            abort(403)
        return render_template(
            "calendar/staff_organizer.html",
            organizer=found,
            kind=ORGANIZER_KINDS.get(found.kind, found.kind),
            items=proposed_items(session, slug),
            me=me,
        )
