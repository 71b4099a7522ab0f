"""A page form's validation errors: marshmallow's messages as {form field: first message}, and
the page that shows them."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import gettext
from marshmallow import ValidationError

HONEYPOT = "website"  # a field people never see; bots fill it in


def field_errors(error: ValidationError) -> dict[str, str]:
    """The first message per field, translated; a nested list's message names its parent."""
    flat = {}
    for name, messages in error.normalized_messages().items():
        first = messages[0] if isinstance(messages, list) else next(iter(messages.values()))
        while not isinstance(first, str):
            first = first[0] if isinstance(first, list) else next(iter(first.values()))
        flat[name] = gettext(first)
    return flat


def form_page(template: str, errors: dict[str, str], **context: Any) -> tuple[str, int]:
    """A page with a form: 422 while `errors` name what to correct, 200 otherwise."""
    return render_template(template, errors=errors, **context), 422 if errors else 200
