"""What no request may carry, checked before any view (or authentication) runs: JSON nested
deeper than any of our bodies, and a NUL character anywhere in the input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NoReturn

from flask import Flask, request
from flask_babel import gettext as _
from flask_smorest import abort
from werkzeug.exceptions import BadRequest, UnprocessableEntity

# Our deepest body is a hearing's sections (three levels); far past that is an attack on the parser.
MAX_JSON_DEPTH = 32
FORMS = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class NestedTooDeep(ValueError):
    """The input holds containers inside containers past MAX_JSON_DEPTH."""


def texts_in(value: object, max_depth: int = MAX_JSON_DEPTH) -> Iterator[tuple[str, str]]:
    """Every key and text in `value`, in document order, with its dotted path. Walked with a
    stack of its own, so no nesting can exhaust Python's; past `max_depth` it raises."""
    stack: list[tuple[str, object, int]] = [("", value, 0)]
    while stack:
        path, item, depth = stack.pop()
        if isinstance(item, str):
            yield path, item
            continue
        if isinstance(item, dict):
            children = list(item.items())
        elif isinstance(item, list):
            children = [(str(index), inner) for index, inner in enumerate(item)]
        else:
            continue
        if depth == max_depth:
            raise NestedTooDeep(f"nested more than {max_depth} levels deep")
        for key, inner in reversed(children):
            inner_path = f"{path}.{key}" if path else key
            stack.append((inner_path, inner, depth + 1))
            if isinstance(item, dict):
                stack.append((inner_path, key, depth + 1))  # a key is text the client chose too


def install_input_guard(app: Flask) -> None:
    """Refuse a NUL character anywhere in the input: no one types one, and PostgreSQL refuses the
    whole statement, which would otherwise surface as a 503 "database unavailable". Refuse JSON
    nested past MAX_JSON_DEPTH: it would exhaust the recursion of whatever reads it next."""

    @app.before_request
    def _refuse_hostile_input() -> None:
        try:
            sources = {
                "path": request.view_args or {},
                "query": request.args.to_dict(flat=False),
                # Only a form's body is parsed as one (werkzeug's rule): the others need no look.
                "form": request.form.to_dict(flat=False) if request.mimetype in FORMS else {},
                "json": _json_to_walk(),
            }
            for location, values in sources.items():
                for path, text in texts_in(values):
                    if "\x00" in text:
                        _refuse_nul(location, path)
        except (NestedTooDeep, RecursionError):  # the JSON parser gives up on deeper bodies
            _refuse_nesting()


def _json_to_walk() -> object:
    """The request's JSON body, or nothing where a look at its text shows it can hold neither
    a NUL (JSON writes one as an escape; the parser refuses a raw one) nor MAX_JSON_DEPTH
    levels: walking every text of every body was a tenth of a small POST's time."""
    if not request.is_json:
        return None
    raw = request.get_data(cache=True)
    if b"\\u0000" not in raw and raw.count(b"{") + raw.count(b"[") <= MAX_JSON_DEPTH:
        return None
    return request.get_json(silent=True)


def _refuse_nul(location: str, path: str) -> NoReturn:
    name = path.rsplit(".", 1)[0] if location in ("query", "form") else path
    if request.path.startswith("/api/"):
        message = "contains a NUL character, which is not allowed"
        abort(422, message=f"{name}: {message}", errors={location: {name: [message]}})
    raise UnprocessableEntity(
        _(
            "Feltet »%(field)s« indeholder et ugyldigt tegn (NUL). Fjern det, og send igen.",
            field=name,
        )
    )


def _refuse_nesting() -> NoReturn:
    if request.path.startswith("/api/"):
        message = f"nested more than {MAX_JSON_DEPTH} levels deep, which is not allowed"
        abort(400, message=f"json: {message}", errors={"json": {"_schema": [message]}})
    raise BadRequest(
        _(
            "Indholdet er lagt i for mange lag inden i hinanden (højst %(levels)d).",
            levels=MAX_JSON_DEPTH,
        )
    )
