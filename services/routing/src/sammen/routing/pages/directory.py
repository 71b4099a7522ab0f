"""The public directory of sparring agents, to be embedded on gentofte.dk."""

from __future__ import annotations

from flask import Response, render_template

from sammen.routing import cases
from sammen.routing.pages.blueprint import database, pages
from sammen.web.security_headers import allow_framing

GENTOFTE_DK = "https://www.gentofte.dk"


@pages.get("/sparringsagenter")
def directory() -> Response:
    """The public directory, made to be embedded on gentofte.dk."""
    with database().transaction() as session:
        body = render_template("routing/directory.html", agents=cases.agents(session))
    response = Response(body)
    allow_framing(response, GENTOFTE_DK)
    return response
