"""A page form's errors from a schema's: one translated message per form field."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError


def field_errors(error: ValidationError) -> dict[str, str]:
    """Marshmallow's messages → {form field: first message}; nested ones name their parent."""
    flat = {}
    for name, messages in error.normalized_messages().items():
        first = messages[0] if isinstance(messages, list) else next(iter(messages.values()))
        while not isinstance(first, str):
            first = first[0] if isinstance(first, list) else next(iter(first.values()))
        flat[name] = _(first)
    return flat
