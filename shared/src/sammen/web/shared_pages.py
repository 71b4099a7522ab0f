"""What every service serves alike for its pages: the shared look, the language choice, /was."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, request
from werkzeug.wrappers import Response

from sammen.config import Settings
from sammen.web.language import LANGUAGE_COOKIE, LANGUAGES
from sammen.web.redirects import same_site_target


def accessibility_statement_url(settings: Settings) -> str:
    """SAMMEN_WAS_URL: the statement made in Digitaliseringsstyrelsen's WAS-Tool, as the law
    wants; without it, intake's own page."""
    return (
        settings.get("SAMMEN_WAS_URL").strip() or f"{settings.base_url('intake')}/tilgaengelighed"
    )


def shared_blueprint() -> Blueprint:
    """The shared base template and stylesheet, at /_sammen/static/…"""
    blueprint = Blueprint(
        "sammen",
        __name__,
        template_folder="templates",
        static_folder="static",
        static_url_path="/_sammen/static",
    )

    @blueprint.get("/sprog/<language>")
    def choose_language(language: str) -> Response:
        """Remember the chosen language for a year and go back to the page."""
        response = redirect(same_site_target(request.args.get("next")))
        if language in LANGUAGES:
            response.set_cookie(
                LANGUAGE_COOKIE,
                language,
                max_age=365 * 86400,
                secure=current_app.config["SAMMEN_SETTINGS"].cookies_secure,
                samesite="Lax",
                httponly=True,
            )
        return response

    @blueprint.get("/was")
    def accessibility_statement() -> Response:
        """Every service's short address for the accessibility statement."""
        return redirect(accessibility_statement_url(current_app.config["SAMMEN_SETTINGS"]))

    return blueprint
