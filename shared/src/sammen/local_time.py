"""Copenhagen wall-clock times as staff type them: parsing, and a schema field that parses them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import fields

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")


def parse_local_datetime(text: str) -> datetime:
    """ISO 8601 → aware UTC; a time without an offset is Copenhagen wall-clock time."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(UTC)


class LocalDateTime(fields.Field):
    """ISO 8601; a time without an offset is Copenhagen time. The caller words the `invalid`
    message (in its own catalogue) through `error_messages`."""

    default_error_messages = {"invalid": "Not a date and time (ISO 8601)."}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> datetime:
        try:
            return parse_local_datetime(str(value))
        except ValueError:
            raise self.make_error("invalid") from None

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return value.isoformat() if value else None
