"""What the digital-dialogue web apps serve alike: the app itself (the hub's too) with the pages
the formats share (`templates/pilot_formats/`) and what their pages show text, times and parts
with, a 404 for an unknown id, and the CSV download of a format's answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from flask import Blueprint, Flask
from flask import Response as HttpResponse
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_smorest import abort
from markupsafe import Markup

from sammen.clock import Clock, utc_now
from sammen.runtime import boot
from sammen.web import create_service_app, csrf
from sammen.web.arguments import Blueprint as ApiBlueprint

Record = TypeVar("Record")
# Templates only (no routes): the layouts every format's pages extend, and the functions below.
shared_pages = Blueprint("pilot_formats", __name__, template_folder="templates")


@shared_pages.app_template_global()
def paragraphs(text: str | None) -> Markup:
    """A text's paragraphs (split at blank lines), each in its <p>."""
    parts = (text or "").split("\n\n")
    return Markup("").join(Markup("<p>%s</p>") % part for part in parts if part.strip())


@shared_pages.app_template_global()
def when(moment: datetime) -> Markup:
    """A moment as a <time>, in Copenhagen time as the page's language writes it."""
    shown = format_datetime(moment, _("d. MMMM y 'kl.' HH:mm"))
    return Markup('<time datetime="%s">%s</time>') % (moment.isoformat(), shown)


@shared_pages.app_template_global()
def part_options(parts: Iterable[Any], title: str) -> dict[str, str]:
    """A consultation's parts (a hearing's sections, a discussion's questions) as a form's select
    offers them: by id, each with its number and the attribute `title` names it by."""
    return {str(part.id): f"{part.position}. {getattr(part, title)}" for part in parts}


def create_dialogue_app(
    service: str,
    migrations: Path,
    import_name: str,
    title: str,
    api_blueprint: ApiBlueprint,
    pages: Blueprint,
    clock: Clock = utc_now,
) -> Flask:
    """The service app with its JSON API and its pages; deadlines, closing times and liveness are
    read against `clock`, so tests move it instead of waiting."""
    settings, database = boot(service, migrations)
    app, api = create_service_app(settings, database, import_name, title, clock=clock)
    # The API is for staff with Bearer tokens and for forms posted as JSON, not browser sessions.
    csrf.exempt(api_blueprint)
    api.register_blueprint(api_blueprint)
    app.register_blueprint(pages)
    app.register_blueprint(shared_pages)
    return app


def found_or_404(session: Any, model: type[Record], key: str, message: str = "") -> Record:
    """The record with the id, or a 404: the API's says `message`, a page's is the error page."""
    record = session.get(model, key)
    if record is None:
        if message:
            abort(404, message=message)
        abort(404)
    return record


def csv_download(text: str, filename: str) -> HttpResponse:
    """A CSV file the browser saves as `filename`."""
    return HttpResponse(
        text,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
