"""The organizer's staff page: the agenda items proposed to it, for its secretaries."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from sammen.auth import StaffIdentity, current_staff, staff_page
from sammen.calendar.access import WRITERS, may_write
from sammen.calendar.agenda_proposals import proposed_items
from sammen.calendar.catalogue import ORGANIZER_KINDS
from sammen.calendar.models import Organizer

organizer_pages = Blueprint(
    "organizer_pages", __name__, url_prefix="/personale/arrangoerer", template_folder="templates"
)


@organizer_pages.get("/<slug>")
@staff_page(*WRITERS)
def organizer(slug: str) -> str:
    """Its secretaries, coordinators and admins see what agents proposed for its agenda."""
    me: StaffIdentity | None = current_staff()
    assert me is not None  # staff_page let the request in
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
