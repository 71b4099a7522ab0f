"""The Danish pages: the board, an idea with its comments, joining it, reporting a comment."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.formats.idea_board import domain, metrics, service
from sammen.formats.idea_board.models import Comment
from sammen.formats.idea_board.schemas import CommentInSchema, JoinInSchema, ReportInSchema
from sammen.pilot_formats.forms import public_form, public_submission
from sammen.web import limit_from_setting, limiter
from sammen.web.clock import now
from sammen.web.form_errors import field_errors
from sammen.web.form_guard import HONEYPOT

pages = Blueprint("pages", __name__, template_folder="templates")


_rate_limit = limit_from_setting("IDEA_BOARD_FORM_RATE_LIMIT")


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


@pages.get("/")
def board() -> str:
    sort = request.args.get("sortering", "new")
    sort = sort if sort in domain.SORTS else "new"
    theme = request.args.get("tema") or None
    with _database().transaction() as session:
        return render_template(
            "idea_board/board.html",
            ideas=service.board(session, sort, theme),
            themes=service.themes_on_board(session),
            sort=sort,
            theme=theme,
            sorts=domain.SORTS,
            theme_name=domain.theme_name,
            status_names=domain.STATUS_NAMES,
        )


def _idea_or_404(session: Any, case_id: str) -> Any:
    idea = service.idea_on_board(session, case_id)
    if idea is None:
        abort(404)
    return idea


def _render_with_idea(
    template: str,
    case_id: str,
    values: dict[str, str],
    errors: dict[str, str],
    code: int,
    **extra: Any,
) -> Any:
    """A page about one idea on the board, with its form's values and errors."""
    with _database().transaction() as session:
        page = render_template(
            template,
            idea=_idea_or_404(session, case_id),
            values=values,
            errors=errors,
            honeypot=HONEYPOT,
            **extra,
        )
    return page, code


def _render_idea(
    case_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    return _render_with_idea(
        "idea_board/idea.html",
        case_id,
        values,
        errors,
        code,
        theme_name=domain.theme_name,
        status_names=domain.STATUS_NAMES,
    )


@pages.get("/ideer/<case_id>")
def idea(case_id: str) -> Any:
    return _render_idea(case_id, {}, {})


@pages.post("/ideer/<case_id>/kommentarer")
@limiter.limit(_rate_limit, methods=["POST"])
def comment(case_id: str) -> Any:
    sent = public_submission(CommentInSchema())
    if sent.payload is None:
        return _render_idea(case_id, sent.values, sent.errors, sent.status)
    payload = sent.payload
    with _database().transaction() as session:
        written = service.comment(session, _idea_or_404(session, case_id), payload, now())
        anchor = f"kommentar-{written.id}"
    metrics.comments.inc()
    return redirect(url_for("pages.idea", case_id=case_id, _anchor=anchor), 303)


def _render_join(
    case_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    return _render_with_idea(
        "idea_board/join.html", case_id, values, errors, code, offers=domain.OFFERS
    )


@pages.get("/ideer/<case_id>/kobl-paa")
def join_form(case_id: str) -> Any:
    return _render_join(case_id, {}, {})


@pages.post("/ideer/<case_id>/kobl-paa")
@limiter.limit(_rate_limit, methods=["POST"])
def join(case_id: str) -> Any:
    sent = public_submission(JoinInSchema())
    if sent.payload is None:
        return _render_join(case_id, sent.values, sent.errors, sent.status)
    payload = sent.payload
    with _database().transaction() as session:
        idea = _idea_or_404(session, case_id)
        service.join(session, current_app.config["SAMMEN_SETTINGS"], idea, payload, now())
    metrics.joins.labels(payload["offer"]).inc()
    return redirect(url_for("pages.joined", case_id=case_id), 303)


@pages.get("/ideer/<case_id>/tak")
def joined(case_id: str) -> Any:
    with _database().transaction() as session:
        return render_template("idea_board/joined.html", idea=_idea_or_404(session, case_id))


def _shown_comment_or_404(session: Any, comment_id: str) -> Comment:
    """A comment that shows on its idea's page (a hidden one is not reported again)."""
    written = session.get(Comment, comment_id)
    if written is None or written.hidden:
        abort(404)
    return written


def _render_report(
    comment_id: str, values: dict[str, str], errors: dict[str, str], code: int = 200
) -> Any:
    with _database().transaction() as session:
        page = render_template(
            "idea_board/report.html",
            comment=_shown_comment_or_404(session, comment_id),
            reasons={key: _(name) for key, name in domain.REPORT_REASONS.items()},
            values=values,
            errors=errors,
        )
    return page, code


@pages.get("/kommentarer/<comment_id>/anmeld")
def report_form(comment_id: str) -> Any:
    return _render_report(comment_id, {}, {})


@pages.post("/kommentarer/<comment_id>/anmeld")
@limiter.limit(_rate_limit, methods=["POST"])
def report(comment_id: str) -> Any:
    values, _trapped = public_form()
    try:
        payload = ReportInSchema().load(values)
    except ValidationError as error:
        return _render_report(comment_id, values, field_errors(error), 422)
    with _database().transaction() as session:
        written = _shown_comment_or_404(session, comment_id)
        service.report(
            session, current_app.config["SAMMEN_SETTINGS"], written, payload["reason"], now()
        )
        case_id = written.case_id
    metrics.reports.inc()
    return redirect(url_for("pages.idea", case_id=case_id, anmeldt=1), 303)
