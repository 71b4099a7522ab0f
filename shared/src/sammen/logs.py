"""JSON log lines that carry the request and correlation ids, and never personal data."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time

correlation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "correlation_id", default=None
)
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# A last line of defence: messages are written without personal data, but an address or a phone
# number that slips into an exception text is masked before it reaches the log.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Not inside ids: a UUID's digit runs sit between hex letters and hyphens.
_PHONE = re.compile(r"(?<![\w-])(\+?45[ -]?)?(\d{2}[ -]?){3}\d{2}(?![\w-])")


def redact(text: str) -> str:
    return _PHONE.sub("[telefon]", _EMAIL.sub("[e-mail]", text))


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        for key, var in (("correlation_id", correlation_id), ("request_id", request_id)):
            if value := var.get():
                entry[key] = value
        for key in ("event_id", "event_type", "queue", "outcome", "status", "path", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # pika logs every reconnect attempt at length; its warnings are enough.
    logging.getLogger("pika").setLevel(logging.WARNING)
