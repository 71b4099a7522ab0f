"""Every metric the services export, named sammen_…; labels never carry personal data."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

http_requests = Counter(
    "sammen_http_requests_total", "HTTP requests answered", ["method", "endpoint", "status"]
)
http_duration = Histogram(
    "sammen_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "endpoint"],
    buckets=LATENCY_BUCKETS,
)
events_published = Counter(
    "sammen_events_published_total", "Events the outbox relay published (broker ack)", ["type"]
)
events_consumed = Counter(
    "sammen_events_consumed_total",
    "Events handled, by outcome (ok, duplicate, retried, parked)",
    ["queue", "type", "outcome"],
)
handler_seconds = Histogram(
    "sammen_event_handler_seconds", "Time a handler took", ["queue"], buckets=LATENCY_BUCKETS
)
outbox_pending = Gauge(
    "sammen_outbox_pending",
    "Outbox rows not yet acknowledged by the broker",
    multiprocess_mode="livemax",
)
outbox_oldest_seconds = Gauge(
    "sammen_outbox_oldest_pending_seconds",
    "Age of the oldest unpublished outbox row",
    multiprocess_mode="livemax",
)
messages_parked = Counter(
    "sammen_messages_parked_total", "Messages moved to a parking queue", ["queue"]
)
parked_messages = Gauge(
    "sammen_parked_messages",
    "Messages waiting in a parking queue",
    ["queue"],
    multiprocess_mode="livemax",
)
readiness = Gauge(
    "sammen_readiness",
    "1 when the latest /readyz check found the dependency (database, broker) reachable",
    ["check"],
    multiprocess_mode="mostrecent",
)
broker_connected = Gauge(
    "sammen_broker_connected",
    "1 while the process holds a broker connection",
    ["role"],
    multiprocess_mode="livemax",
)


def exposition() -> tuple[bytes, str]:
    """The text exposition, summed over every gunicorn worker when running multi-process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
