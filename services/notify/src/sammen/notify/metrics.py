"""Notify's metrics: messages by template and status, and the time from event to delivery.

Labels are template names and statuses only, never an address.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

notifications = Counter(
    "sammen_notifications",
    "Messages that reached a status, by template and status",
    ["template", "status"],
)
delivery_seconds = Histogram(
    "sammen_notification_delivery_seconds",
    "Time from the event that caused a message to the mail server accepting it",
    buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600),
)
