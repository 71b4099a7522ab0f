"""What every service's input schemas share: text from people, cleaned the same way."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, missing, pre_load


class CleanedInputSchema(Schema):
    """Surrounding spaces are noise, and a field left empty was not filled in: a required one reads
    as missing (so the person sees "Give your idea a title", not a length rule) and an optional
    one takes its default."""

    @pre_load
    def strip_text(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, dict):
            return data
        cleaned = {}
        for key, value in data.items():
            field = self.fields.get(key)
            if isinstance(value, str):
                value = value.strip()
                if value == "" and field is not None:
                    if field.required:
                        continue
                    value = _default(field.load_default)
            cleaned[key] = value
        return cleaned


def _default(load_default: Any) -> Any:
    if load_default is missing:
        return ""
    return load_default() if callable(load_default) else load_default
