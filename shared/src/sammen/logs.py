"""JSON log lines that carry the request and correlation ids, and never personal data."""

from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import sys
import threading
import time
from typing import TextIO

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


class BatchedStreamHandler(logging.Handler):
    """Writes the lines to `stream` a few times a second rather than one write per line: a busy web
    process logs a line per request, and each write gave up the GIL, which the request's thread then
    waited to get back behind the others (an eighth of intake's time per idea). A line at INFO waits
    at most `delay` seconds; a warning or an error is written at once, with the lines before it.
    Lines still waiting are written at a normal exit (logging's shutdown flushes every handler), and
    lost only if the process is killed outright."""

    def __init__(self, stream: TextIO, delay: float = 0.1) -> None:
        super().__init__()
        self.stream = stream
        self.delay = delay
        self._lines: list[str] = []
        self._owner: int | None = None  # the process the waiting lines and the flusher are of

    def emit(self, record: logging.LogRecord) -> None:
        # Called under the handler's lock (`Handler.handle`).
        try:
            line = self.format(record)
            if self._owner != os.getpid():
                # The first line here, or the first of a forked child: the lines it inherited are
                # its parent's to write, and the parent's flusher did not come along.
                self._owner, self._lines = os.getpid(), []
                threading.Thread(target=self._flush_every_delay, daemon=True).start()
            self._lines.append(line)
            if record.levelno >= logging.WARNING:
                self._write()
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        self.acquire()
        try:
            self._write()
        finally:
            self.release()

    def _write(self) -> None:
        if self._lines and self._owner == os.getpid():
            text = "\n".join(self._lines) + "\n"
            self._lines.clear()
            self.stream.write(text)
            self.stream.flush()

    def _flush_every_delay(self) -> None:
        while True:
            time.sleep(self.delay)
            self.flush()


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = BatchedStreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # pika logs every reconnect attempt at length; its warnings are enough.
    logging.getLogger("pika").setLevel(logging.WARNING)
