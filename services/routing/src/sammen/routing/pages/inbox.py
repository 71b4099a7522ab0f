"""The inbox: an agent's or coordinator's list of cases, and an agent's absence."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from sammen.auth import signed_in_staff, staff_page
from sammen.routing import queries, sla
from sammen.routing.domain import STATUS_NAMES, THEME_NAMES
from sammen.routing.models import StaffAccount
from sammen.routing.pages.blueprint import CASE_ROLES, database, pages
from sammen.vocabulary import N_
from sammen.web.clock import now

VIEWS = {
    "mine": N_("Mine sager"),
    "team": N_("Mit team"),
    "ufordelt": N_("Ufordelte"),
    "alle": N_("Alle sager"),
}


@pages.get("/")
@staff_page()
def home() -> Response:
    return redirect(url_for("pages.inbox"))


@pages.get("/indbakke")
@staff_page(*CASE_ROLES)
def inbox() -> str:
    staff = signed_in_staff()
    default_view = "ufordelt" if staff.has_any(("coordinator",)) else "mine"
    view = request.args.get("visning", default_view)
    if view not in VIEWS:
        view = "mine"
    status = request.args.get("status", "")
    flt = queries.CaseFilter(
        view={"mine": "mine", "team": "team", "ufordelt": "unassigned"}.get(view, ""),
        status=status if status in STATUS_NAMES else "",
        theme=request.args.get("tema", "") if request.args.get("tema") in THEME_NAMES else "",
        text=request.args.get("q", "").strip()[:200],
        include_closed=request.args.get("lukkede") == "ja" or bool(status),
    )
    at = now()
    with database().transaction() as session:
        account = session.get(StaffAccount, staff.id)
        cases = queries.find_cases(session, flt, at, staff.id, account.team if account else None)
        rows = [(case, sla.case_sla(case, at)) for case in cases]
        return render_template(
            "routing/inbox.html",
            rows=rows,
            view=view,
            views=VIEWS,
            args=request.args,
            account=account,
        )


@pages.post("/fravaer")
@staff_page("agent")
def toggle_absence() -> Response:
    """An agent marks themself absent (no new cases) or back."""
    with database().transaction() as session:
        account = session.get(StaffAccount, signed_in_staff().id)
        if account is None:
            abort(404)
        account.available = request.form.get("available") == "ja"
        flash(
            _("Du får nye sager igen.")
            if account.available
            else _("Du er markeret som fraværende og får ikke nye sager.")
        )
    return redirect(url_for("pages.inbox"), 303)
