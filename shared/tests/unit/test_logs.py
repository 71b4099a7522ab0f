import io
import json
import logging
import os

from sammen.logs import BatchedStreamHandler, JsonFormatter, correlation_id, redact
from sammen.testing import wait_for


def test_addresses_and_phone_numbers_are_masked():
    text = redact("failed for anna.hansen+ide@example.dk, tlf +45 12 34 56 78 and 87654321")
    assert "anna" not in text
    assert "12 34" not in text and "87654321" not in text
    assert text.count("[e-mail]") == 1 and text.count("[telefon]") == 2


def test_a_log_line_is_json_with_the_correlation_id():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "sent to %s", ("b@example.dk",), None
    )
    token = correlation_id.set("c-1")
    try:
        line = json.loads(JsonFormatter("notify").format(record))
    finally:
        correlation_id.reset(token)
    assert line["service"] == "notify"
    assert line["correlation_id"] == "c-1"
    assert line["msg"] == "sent to [e-mail]"


def test_ids_with_digit_runs_are_left_alone():
    event_id = "5f0c2b1e-b5c6-4a1d-12345678-9abc"
    assert redact(f"handled {event_id}") == f"handled {event_id}"
    assert redact("ring 12345678.") == "ring [telefon]."


def _record(level, message):
    return logging.LogRecord("x", level, __file__, 1, message, (), None)


def test_info_lines_are_written_together_and_a_warning_at_once():
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream, delay=60)  # the flusher stays out of this test
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handle(_record(logging.INFO, "first"))
    handler.handle(_record(logging.INFO, "second"))
    assert stream.getvalue() == ""

    handler.handle(_record(logging.WARNING, "trouble"))
    assert stream.getvalue() == "first\nsecond\ntrouble\n"

    handler.handle(_record(logging.INFO, "after"))
    handler.flush()  # as logging's shutdown does at exit
    assert stream.getvalue() == "first\nsecond\ntrouble\nafter\n"


def test_a_waiting_info_line_is_written_within_the_delay():
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream, delay=0.05)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handle(_record(logging.INFO, "POST /api/v1/ideas 201"))
    wait_for(lambda: stream.getvalue() == "POST /api/v1/ideas 201\n", what="the line written")


def test_a_forked_child_writes_only_its_own_lines(tmp_path):
    """gunicorn's workers fork from a master that has logged: its waiting lines are its own."""
    path = tmp_path / "log"
    with path.open("a") as stream:
        handler = BatchedStreamHandler(stream, delay=60)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.handle(_record(logging.INFO, "master"))
        child = os.fork()
        if child == 0:
            handler.flush()
            handler.handle(_record(logging.INFO, "worker"))
            handler.flush()
            os._exit(0)
        assert os.waitpid(child, 0)[1] == 0
        handler.flush()
    assert path.read_text() == "worker\nmaster\n"
