import json
import logging

from sammen.logs import JsonFormatter, correlation_id, redact


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
