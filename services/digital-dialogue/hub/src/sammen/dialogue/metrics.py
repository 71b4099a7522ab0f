"""The hub's gauge: how many pilot formats are live right now."""

from prometheus_client import Gauge

formats_live = Gauge(
    "sammen_dialogue_formats_live",
    "Pilot formats whose heartbeat is within its TTL",
    multiprocess_mode="livemax",
)
