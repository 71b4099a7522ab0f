"""The idea board's JSON API under /api/v1: the published ideas (read only)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import abort

from sammen.formats.idea_board import service
from sammen.formats.idea_board.schemas import BoardQuerySchema, IdeaDetailSchema, IdeaSchema
from sammen.web import Blueprint

blp = Blueprint("idea_board_api", __name__, url_prefix="/api/v1", description="Published ideas")


@blp.route("/ideas", methods=["GET"])
@blp.arguments(BoardQuerySchema, location="query")
@blp.response(200, IdeaSchema(many=True))
def ideas(query: dict[str, Any]) -> list[Any]:
    """Published ideas, newest or most recently active first, optionally of one theme."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        return service.board(session, query["sort"], query["theme"])


@blp.route("/ideas/<case_id>", methods=["GET"])
@blp.response(200, IdeaDetailSchema)
@blp.alt_response(404, description="Not on the board")
def idea(case_id: str) -> Any:
    """One idea with its comments (a hidden comment keeps its place, without its text)."""
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        found = service.idea_on_board(session, case_id)
        if found is None:
            abort(404, message="No published idea has that case id.")
        _ = found.comments
        return found
