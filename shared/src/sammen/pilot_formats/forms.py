"""What a digital-dialogue page reads from a posted form: the fields people filled in, without the
machinery (the CSRF token, the honeypot a bot fills in), the refusal when the honeypot is, and a
public form's submission loaded by its schema."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import request
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError

from sammen.web.form_errors import field_errors
from sammen.web.form_guard import HONEYPOT

MACHINERY = (HONEYPOT, "csrf_token")


def posted_values() -> dict[str, str]:
    """The posted fields people filled in."""
    return {k: v for k, v in request.form.to_dict().items() if k not in MACHINERY}


def public_form() -> tuple[dict[str, str], str | None]:
    """A public form's values, and a message for the form when the honeypot was filled in."""
    trapped = request.form.get(HONEYPOT)
    refusal = _("Lad feltet ”Hjemmeside” være tomt, og send igen.") if trapped else None
    return posted_values(), refusal


@dataclass(frozen=True)
class Submission:
    """A posted public form: its values as posted (to show the form again with), and either the
    payload its schema loaded or the errors and status to show the form again with."""

    values: dict[str, str]
    payload: dict[str, Any] | None = None
    errors: dict[str, str] = field(default_factory=dict)
    status: int = 200


def public_submission(
    schema: Schema, fields: Callable[[dict[str, str]], Mapping[str, Any]] | None = None
) -> Submission:
    """The posted public form loaded by `schema` from `fields` of its values (default: the values
    as posted): a post with the honeypot filled in is refused with 400, invalid fields with 422."""
    values, refusal = public_form()
    if refusal:
        return Submission(values, errors={"form": refusal}, status=400)
    try:
        payload = schema.load(fields(values) if fields else values)
    except ValidationError as error:
        return Submission(values, errors=field_errors(error), status=422)
    return Submission(values, payload)
