import json
from datetime import UTC, datetime

import pytest

from sammen.bus.envelope import TYPE_PREFIX, Event, InvalidEvent, new_event
from sammen.logs import correlation_id


def test_an_event_round_trips_through_its_cloudevents_json():
    event = new_event("intake", "idea.submitted", "idea-1", {"title": "Bænke ved søen"})
    body = json.loads(event.to_json())
    assert body["specversion"] == "1.0"
    assert body["type"] == TYPE_PREFIX + "idea.submitted"
    assert body["source"] == "/sammen/intake"
    assert body["subject"] == "idea-1"
    assert body["datacontenttype"] == "application/json"
    assert body["time"].endswith("Z")
    assert body["correlationid"] == event.id  # a new chain starts with its first event's id
    assert Event.from_json(event.to_json()) == event


def test_a_new_event_carries_the_correlation_id_of_the_work_in_hand():
    token = correlation_id.set("corr-42")
    try:
        event = new_event("routing", "case.assigned", "c1", {})
    finally:
        correlation_id.reset(token)
    assert event.correlation_id == "corr-42"
    assert event.routing_key == "case.assigned"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"specversion": "1.0"}', "missing attributes"),
        (
            json.dumps(
                {
                    "specversion": "1.0",
                    "id": "x",
                    "source": "/x",
                    "type": "com.example.other",
                    "time": "2026-01-01T00:00:00Z",
                    "datacontenttype": "application/json",
                    "data": {},
                }
            ).encode(),
            "not a Sammen",
        ),
    ],
)
def test_anything_else_is_an_invalid_event(raw, reason):
    with pytest.raises(InvalidEvent, match=reason):
        Event.from_json(raw)


def test_times_are_utc_whatever_zone_they_were_made_in():
    event = new_event("x", "a.b", None, {}, now=datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    assert json.loads(event.to_json())["time"] == "2026-03-29T01:30:00Z"
    assert "subject" not in json.loads(event.to_json())
