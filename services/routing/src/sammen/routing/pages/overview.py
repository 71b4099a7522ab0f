"""The coordinators' views: the overview, the reach view and the six principles."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from marshmallow import EXCLUDE, ValidationError

from sammen.auth import staff_page
from sammen.routing import queries
from sammen.routing.pages.blueprint import database, pages
from sammen.routing.principles import default_period
from sammen.routing.schemas import PrinciplesQuerySchema
from sammen.web.clock import now

REACH_MONTHS = 12


@pages.get("/overblik")
@staff_page("coordinator")
def overview() -> str:
    with database().transaction() as session:
        return render_template("routing/overview.html", o=queries.overview(session, now()))


@pages.get("/raekkevidde")
@staff_page("coordinator")
def reach() -> str:
    since = now() - timedelta(days=31 * REACH_MONTHS)
    with database().transaction() as session:
        return render_template("routing/reach.html", r=queries.reach(session, since))


@pages.get("/principper")
@staff_page("coordinator")
def principles() -> Any:
    """The six principles for a chosen period (the API's figures, as a table)."""
    try:
        # Other query parameters (the page's language) are not the period's business.
        args = PrinciplesQuerySchema(unknown=EXCLUDE).load(request.args)
    except ValidationError as invalid:
        field = "to" if "to" in invalid.messages else "from"
        error = _("Vælg en periode: fra-datoen før til-datoen, skrevet som ÅÅÅÅ-MM-DD")
        page = render_template(
            "routing/principles.html", figures=[], period=None, errors={field: error}
        )
        return page, 422
    period = default_period(now(), args["first"], args["last"])
    with database().transaction() as session:
        return render_template(
            "routing/principles.html",
            figures=queries.principle_figures(session, period),
            period=period,
            days=(format_date(period.first, "long"), format_date(period.last, "long")),
            errors={},
        )
