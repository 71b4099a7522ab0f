"""The CloudEvents 1.0 envelope (structured JSON) every event travels in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sammen import randomness
from sammen.logs import correlation_id

TYPE_PREFIX = "dk.gentofte.sammen."
CONTENT_TYPE = "application/cloudevents+json"
REQUIRED = ("specversion", "id", "source", "type", "time", "datacontenttype", "data")


class InvalidEvent(ValueError):
    """A message that is not a Sammen CloudEvent; it can never succeed, so it is parked at once."""


@dataclass(frozen=True)
class Event:
    id: str
    source: str
    type: str  # the short type, e.g. "idea.submitted"; also the routing key
    subject: str | None
    time: datetime
    data: dict[str, Any]
    correlation_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def routing_key(self) -> str:
        return self.type

    def to_json(self) -> str:
        body: dict[str, Any] = {
            "specversion": "1.0",
            "id": self.id,
            "source": self.source,
            "type": TYPE_PREFIX + self.type,
            "time": self.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "datacontenttype": "application/json",
            "data": self.data,
        }
        if self.subject is not None:
            body["subject"] = self.subject
        if self.correlation_id:
            body["correlationid"] = self.correlation_id
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: bytes | str) -> Event:
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidEvent(f"body is not JSON: {error}") from None
        if not isinstance(body, dict):
            raise InvalidEvent("body is not a JSON object")
        missing = [name for name in REQUIRED if name not in body]
        if missing:
            raise InvalidEvent(f"missing attributes: {', '.join(missing)}")
        if body["specversion"] != "1.0" or not str(body["type"]).startswith(TYPE_PREFIX):
            raise InvalidEvent("not a Sammen CloudEvents 1.0 event")
        if not isinstance(body["data"], dict):
            raise InvalidEvent("data is not a JSON object")
        try:
            time = datetime.fromisoformat(str(body["time"]).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidEvent("time is not RFC 3339") from None
        return cls(
            id=str(body["id"]),
            source=str(body["source"]),
            type=str(body["type"])[len(TYPE_PREFIX) :],
            subject=body.get("subject"),
            time=time,
            data=body["data"],
            correlation_id=body.get("correlationid"),
        )


def new_event(
    service: str, type_: str, subject: str | None, data: dict[str, Any], now: datetime | None = None
) -> Event:
    """A new event from `service`, carrying the correlation id of the work in hand."""
    event_id = str(randomness.uuid4())
    return Event(
        id=event_id,
        source=f"/sammen/{service}",
        type=type_,
        subject=subject,
        time=now or datetime.now(UTC),
        data=data,
        correlation_id=correlation_id.get() or event_id,
    )
